"""Situations where the office a message names is not the one that helps now (knowledge/intents.yaml
`situations`, bot/matching/situations.py): recognised refugees move from the Sozialamt to the Jobcenter.
Sentences written for this test; the negatives are an asylum seeker without a permit and a pensioner."""

from __future__ import annotations

from pathlib import Path

import pytest
from kbkit import line_of, reported, run_check

from bot.knowledge.schema import Intents, Situation
from bot.matching import Matcher
from bot.matching.situations import Situations


def test_every_group_must_be_found_and_none_of_unless() -> None:
    intents = Intents(situations={"move": Situation(answer=("jobcenter-mitte",), all=(("sozialamt",), ("anerkannt",)),
                                                    unless=("rente*",))})
    found = Situations.build(intents)
    assert found.answer_for(("das sozialamt zahlt nicht mehr, wir sind anerkannt",)) == ("jobcenter-mitte",)
    assert found.answer_for(("das sozialamt zahlt nicht mehr",)) is None
    assert found.answer_for(("anerkannt, sozialamt, ich bekomme rente",)) is None
    assert found.answer_for(("first reading", "zweite lesart: sozialamt anerkannt")) == ("jobcenter-mitte",)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "wir sind seit letzter woche anerkannt, das sozialamt sagt es zahlt nicht mehr"),
        ("en", "got recognised as a refugee, the social office says they stop paying"),
        ("ar", "اخدت الاقامة والسوسيال قالوا ما عاد يدفعوا"),
        ("fa", "اقامت گرفتم و اداره سوسیال دیگه پول نمیده"),
        ("ru", "нам дали статус, а соцамт перестал платить"),
        ("uk", "отримали посвідку, а соцамт більше не платить"),
        ("tr", "oturum aldım, sozialamt artık ödemiyor"),
    ],
)
def test_recognised_and_the_sozialamt_stops_means_the_jobcenter(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "answer" and decision.best is not None, (lang, text)
    assert decision.best.service == "jobcenter", (lang, text, decision.best.id)
    assert decision.layers == ("situation",)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "السوسيال امت ما دفعلي هالشهر وانا لسا ما عندي اقامة"),
        ("de", "meine mutter ist anerkannt und bekommt rente, das sozialamt will unterlagen"),
    ],
)
def test_without_a_permit_or_at_pension_age_it_stays_the_sozialamt(
    real_matcher: Matcher, lang: str, text: str
) -> None:
    assert real_matcher.match(text, lang).layers != ("situation",), text


def test_an_unknown_entry_in_a_situation_is_reported_with_its_line(
    kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = kdir / "intents.yaml"
    path.write_text("situations:\n  move:\n    answer: [no-such-office]\n    all: [[a], [b]]\n", encoding="utf-8")
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, path, line_of(path, "answer:"), "unknown entry id 'no-such-office' in answer")
