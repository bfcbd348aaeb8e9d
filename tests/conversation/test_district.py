"""District awareness: the right office for where the newcomer lives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from botkit import command, joined, onboard, press, say, services_of, title
from fakes import Person

from bot.cli import main
from bot.conversation.protocol import EraseMyData, SetDistrict, SetLanguage
from bot.knowledge.model import KnowledgeBase
from bot.matching import Matcher
from bot.storage import users

ROOT = Path(__file__).resolve().parents[2]
JOBCENTER_QUESTION = "wo ist mein Jobcenter, ich brauche Bürgergeld"


@pytest.fixture(scope="module")
def kb(real_kb: KnowledgeBase) -> KnowledgeBase:
    return real_kb


@pytest.fixture(scope="module")
def matcher(real_matcher: Matcher) -> Matcher:
    return real_matcher


def test_every_entry_says_who_it_is_for(kb: KnowledgeBase) -> None:
    for entry in kb.active:
        assert entry.scope in ("berlin-wide", "any-district", "residents")
        if entry.scope == "residents":
            assert entry.service_area and "berlin" not in entry.service_area, entry.id


def test_jobcenters_are_linked_variants(kb: KnowledgeBase) -> None:
    mitte = kb.by_id["jobcenter-mitte"]
    variants = {e.id for e in kb.variants(mitte)}
    assert variants == {"jobcenter-mitte", "jobcenter-charlottenburg-wilmersdorf"}


def test_same_question_different_district_different_office(matcher: Matcher) -> None:
    mitte = matcher.match(JOBCENTER_QUESTION, "de", "mitte")
    cw = matcher.match(JOBCENTER_QUESTION, "de", "charlottenburg-wilmersdorf")
    assert mitte.action == cw.action == "answer"
    assert mitte.candidates[0].entry.id == "jobcenter-mitte"
    assert cw.candidates[0].entry.id == "jobcenter-charlottenburg-wilmersdorf"


def test_unknown_district_lists_all_variants_after_the_answer(matcher: Matcher) -> None:
    decision = matcher.match(JOBCENTER_QUESTION, "de")
    ids = [c.entry.id for c in decision.candidates]
    assert decision.action == "answer"
    assert set(ids[:2]) == {"jobcenter-mitte", "jobcenter-charlottenburg-wilmersdorf"}


def test_district_independent_service_ignores_the_setting(matcher: Matcher) -> None:
    districts = (None, "mitte", "charlottenburg-wilmersdorf")
    answers = {d: matcher.match("Kindergeld beantragen", "de", d) for d in districts}
    firsts = {d: a.candidates[0].entry.id for d, a in answers.items()}
    assert len(set(firsts.values())) == 1
    assert all(a.action == "answer" for a in answers.values())


def test_postcodes_map_to_districts(kb: KnowledgeBase) -> None:
    assert kb.districts_of_postcode("10115") == ("mitte",)
    assert "charlottenburg-wilmersdorf" in kb.districts_of_postcode("10585")
    assert len(kb.districts_of_postcode("10785")) > 1  # on the border
    assert kb.districts_of_postcode("99999") == ()


def test_ask_batch_takes_a_district(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    lines = [
        {"id": "m", "text": JOBCENTER_QUESTION, "lang": "de", "district": "mitte"},
        {"id": "c", "text": JOBCENTER_QUESTION, "lang": "de", "district": "charlottenburg-wilmersdorf"},
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(json.dumps(x) for x in lines) + "\n"))
    monkeypatch.setenv("KNOWLEDGE_DIR", str(ROOT / "knowledge"))
    assert main(["ask", "--batch"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["results"][0]["id"] for o in out] == ["jobcenter-mitte", "jobcenter-charlottenburg-wilmersdorf"]


# ---------------------------------------------------------------- through the bot

MITTE = Person(3001, "de", "Lea")
CW = Person(3002, "de", "Tom")
NOWHERE = Person(3003, "de", "Ana")
ELSEWHERE = Person(3004, "de", "Ali")


async def test_bot_answers_with_the_users_jobcenter(make_app: Any) -> None:
    await onboard(make_app, MITTE, "de", "mitte")
    await onboard(make_app, CW, "de", "charlottenburg-wilmersdorf")
    mitte = joined(await say(make_app, MITTE, JOBCENTER_QUESTION))
    cw = joined(await say(make_app, CW, JOBCENTER_QUESTION))
    assert title(make_app, "jobcenter-mitte", "de") in mitte
    assert title(make_app, "jobcenter-charlottenburg-wilmersdorf", "de") not in mitte
    assert title(make_app, "jobcenter-charlottenburg-wilmersdorf", "de") in cw


async def test_unknown_district_gets_the_choice(make_app: Any) -> None:
    await onboard(make_app, NOWHERE, "de", "none")
    calls = await say(make_app, NOWHERE, JOBCENTER_QUESTION)
    services = services_of(make_app)
    assert services.locales.t("de", "card.responsible_depends") in joined(calls)
    labels = [b["text"] for c in calls for b in c.buttons()]
    other = title(make_app, "jobcenter-charlottenburg-wilmersdorf", "de")
    mitte = title(make_app, "jobcenter-mitte", "de")
    assert other[:40] in " ".join(labels) or mitte[:40] in " ".join(labels)


async def test_other_berlin_district_is_pointed_to_the_finder(make_app: Any) -> None:
    await onboard(make_app, ELSEWHERE, "de", "outside")
    text = joined(await say(make_app, ELSEWHERE, JOBCENTER_QUESTION))
    assert "service.berlin.de" in text
    assert "Goslarer Ufer" not in text  # no wrong office's address


async def test_typed_postcode_sets_the_district(make_app: Any) -> None:
    person = Person(3005, "de", "Eva")
    # a new user: the language first, then the district question
    await press(make_app, person, SetLanguage("de").pack())
    await say(make_app, person, "10115")
    record = await users.get(services_of(make_app).db, person.id)
    assert record is not None and record.district == "mitte"


async def test_border_postcode_asks(make_app: Any) -> None:
    person = Person(3006, "de", "Ida")
    await press(make_app, person, SetLanguage("de").pack())
    calls = await say(make_app, person, "10785")
    data = [d for c in calls for d in c.callback_data()]
    assert SetDistrict("mitte").pack() in data and SetDistrict("outside").pack() in data
    record = await users.get(services_of(make_app).db, person.id)
    assert record is not None and record.district is None


async def test_district_is_shown_and_erased(make_app: Any) -> None:
    await onboard(make_app, MITTE, "de", "mitte")

    assert "Mitte" in joined(await command(make_app, MITTE, "mydata"))
    await command(make_app, MITTE, "deletemydata")
    await press(make_app, MITTE, EraseMyData(True).pack())
    assert await users.get(services_of(make_app).db, MITTE.id) is None
