"""The card says first how to reach a service now: a phone that answers comes before the walk-in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.conversation.card import hours_lines, render_card
from bot.hours import status
from bot.i18n import Locales, load_locales
from bot.knowledge.loader import load_knowledge
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import Entry, Schedule

REPO = Path(__file__).resolve().parents[2]
NIGHT = dt.datetime(2026, 11, 23, 2, 30)  # Monday, 02:30
CHRISTMAS_NIGHT = dt.datetime(2026, 12, 25, 2, 30)  # a Berlin public holiday
CLOSED = {"de": "geschlossen", "en": "closed", "ar": "مغلق", "fa": "بسته", "ru": "закрыто", "uk": "зачинено"}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    loaded = load_knowledge(REPO / "knowledge").knowledge
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def locales() -> Locales:
    loaded, problems = load_locales(REPO / "locales")
    assert loaded is not None, [str(p) for p in problems]
    return loaded


def entry(kb: KnowledgeBase, entry_id: str) -> Entry:
    return next(e for e in kb.entries if e.id == entry_id)


def test_crisis_service_phone_is_open_24_7_per_its_source(kb: KnowledgeBase) -> None:
    crisis = entry(kb, "berliner-krisendienst")
    assert [p.hours for p in crisis.phones] == ["24/7"]
    assert any("around the clock" in (s.note or "") for s in crisis.sources)


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("now", [NIGHT, CHRISTMAS_NIGHT])
def test_crisis_card_at_night_starts_with_the_phone_and_never_says_closed(
    kb: KnowledgeBase, locales: Locales, lang: str, now: dt.datetime
) -> None:
    lines = hours_lines(entry(kb, "berliner-krisendienst"), locales, lang, now)
    assert lines[0].startswith("📞")
    assert "+49 30 39063-10" in lines[0]
    assert locales.t(lang, "card.phone_open_always", number="").split(":")[0] in lines[0]
    assert not any(CLOSED[lang] in line or "🔴" in line for line in lines), lines
    assert any("16:00" in line for line in lines[1:])  # the walk-in comes after, with its time


def test_crisis_card_html_has_the_phone_before_the_walk_in(kb: KnowledgeBase, locales: Locales) -> None:
    card = render_card(entry(kb, "berliner-krisendienst"), kb, locales, "de", NIGHT)
    assert card.index("Telefon rund um die Uhr") < card.index("Vor Ort: öffnet heute")
    assert "geschlossen" not in card


def test_always_open_lines_are_open_on_public_holidays() -> None:
    assert status("24/7", CHRISTMAS_NIGHT).is_open
    assert status("Mo-Su 00:00-24:00", CHRISTMAS_NIGHT).is_open
    assert not status("Mo-Su 16:00-24:00", CHRISTMAS_NIGHT.replace(hour=17)).is_open  # no PH rule: closed


def test_phone_open_until_comes_first(kb: KnowledgeBase, locales: Locales) -> None:
    lines = hours_lines(entry(kb, "behoerdennummer-115"), locales, "en", dt.datetime(2026, 11, 23, 10, 0))
    assert lines[0] == "📞 Phone open until 18:00: call now on 115"
    assert lines[1] == "    Monday–Friday 07:00–18:00"


def test_closed_phone_says_when_it_answers_again(kb: KnowledgeBase, locales: Locales) -> None:
    lines = hours_lines(entry(kb, "behoerdennummer-115"), locales, "de", NIGHT)
    assert lines[0] == "📞 Telefon 115: jetzt nicht erreichbar, wieder heute ab 07:00"
    assert not any(line.startswith("🕒") for line in lines)  # its schedule is the phone's, not a counter


def test_always_open_phone_before_a_closed_one(kb: KnowledgeBase, locales: Locales) -> None:
    lines = hours_lines(entry(kb, "familienkasse-berlin-brandenburg"), locales, "ar", NIGHT)
    assert lines[0].startswith("📞 الهاتف يعمل على مدار الساعة")
    assert "لا يعمل الآن" in lines[1]


def test_walk_in_only_office_keeps_its_status_and_names_the_days(kb: KnowledgeBase, locales: Locales) -> None:
    office = entry(kb, "buergeramt-rathaus-mitte").model_copy(
        update={
            "schedules": (Schedule(opening_hours="Mo-Fr 09:00-16:00; Th 11:00-18:00"),),
            "phones": (),
        }
    )
    lines = hours_lines(office, locales, "de", NIGHT)
    assert lines == [
        "🕒 🔴 Jetzt geschlossen, öffnet heute 09:00",
        "    Montag–Mittwoch, Freitag 09:00–16:00; Donnerstag 11:00–18:00",
    ]
    thursday_evening = dt.datetime(2026, 11, 26, 17, 0)
    assert hours_lines(office, locales, "en", thursday_evening)[0] == "🕒 🟢 Open now, until 18:00"


def test_no_hours_at_all(kb: KnowledgeBase, locales: Locales) -> None:
    office = entry(kb, "buergeramt-rathaus-mitte").model_copy(update={"schedules": (), "phones": ()})
    assert hours_lines(office, locales, "en", NIGHT) == [f"🕒 {locales.t('en', 'card.hours_unknown')}"]
