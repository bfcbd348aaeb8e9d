"""Queries over the directory and the calendar, with a frozen "now": filters, search, dates across DST."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dirkit import add_directory, fixture, load, write

from bot.knowledge import directory_search
from bot.knowledge.directory import (
    event_location,
    find_organisations,
    occurrences,
    organiser_name,
    search_organisations,
    upcoming_events,
)
from bot.knowledge.directory_schema import Event
from bot.knowledge.model import KnowledgeBase

BERLIN = ZoneInfo("Europe/Berlin")
AFGHAN = "beispiel-afghanischer-kulturverein"
UKRAINIAN = "beispiel-ukrainische-elterngruppe"
SYRIAN = "beispiel-syrischer-verein"


@pytest.fixture
def kb(kdir: Path) -> KnowledgeBase:
    return load(add_directory(kdir))


def ids(items: tuple[object, ...] | list[object]) -> list[str]:
    return [item.id for item in items]  # type: ignore[attr-defined]


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


# ---------------------------------------------------------------- find


def test_find_keeps_active_organisations_only_sorted_by_name(kb: KnowledgeBase) -> None:
    assert ids(find_organisations(kb)) == [AFGHAN, SYRIAN, UKRAINIAN]
    assert ids(find_organisations(kb, community="afghan")) == [AFGHAN]  # the inactive one is not shown


def test_find_by_theme_language_community_and_speakers(kb: KnowledgeBase) -> None:
    assert ids(find_organisations(kb, theme="culture")) == [AFGHAN, SYRIAN]
    assert ids(find_organisations(kb, language="uk")) == [UKRAINIAN]
    assert ids(find_organisations(kb, community="Syrian")) == [SYRIAN]
    assert ids(find_organisations(kb, speakers=True)) == [AFGHAN]
    assert find_organisations(kb, theme="sport") == ()


def test_find_by_district_puts_the_districts_own_first_then_berlin_wide(kb: KnowledgeBase) -> None:
    assert ids(find_organisations(kb, district="mitte")) == [AFGHAN, SYRIAN]
    assert ids(find_organisations(kb, district="charlottenburg-wilmersdorf")) == [UKRAINIAN, SYRIAN]
    assert ids(find_organisations(kb, district="charlottenburg-wilmersdorf", theme="culture")) == [SYRIAN]


# ---------------------------------------------------------------- search


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Afghan associations in Mitte", "en", [AFGHAN]),
        ("afghanischer Verein", "de", [AFGHAN]),
        ("انجمن افغان", "fa", [AFGHAN]),
        ("جمعية سورية", "ar", [SYRIAN]),
        ("هل توجد جمعيات للسوريين؟", "ar", [SYRIAN]),  # stems: "للسوريين" meets "سورية" / "سوري"
        ("ukrainische Elterngruppe", "de", [UKRAINIAN]),
        ("Група українських батьків", "uk", [UKRAINIAN]),
        ("Ukrainian parents group near me", "en", [UKRAINIAN]),
    ],
)
def test_search_finds_the_organisation_meant(kb: KnowledgeBase, text: str, lang: str, expected: list[str]) -> None:
    assert ids(search_organisations(kb, text, lang)) == expected


@pytest.mark.parametrize("text", ["pizza delivery", "Jobcenter", "association", "Verein in Mitte", "", "?!"])
def test_search_is_empty_when_nothing_fits(kb: KnowledgeBase, text: str) -> None:
    assert search_organisations(kb, text, "en") == ()


def test_a_district_in_the_text_or_given_filters(kb: KnowledgeBase) -> None:
    assert search_organisations(kb, "Afghan associations in Charlottenburg", "en") == ()
    assert search_organisations(kb, "Afghan associations", "en", district="charlottenburg-wilmersdorf") == ()
    assert ids(search_organisations(kb, "syrian", "en", district="mitte")) == [SYRIAN]  # Berlin-wide


def test_the_threshold_separates_a_name_word_from_description_words(kb: KnowledgeBase) -> None:
    org = kb.organisation(AFGHAN)
    assert org is not None
    keyword, _ = directory_search.score_organisation(org, ["dari"], "en")
    described, ordering = directory_search.score_organisation(org, directory_search.query_words("pashto"), "en")
    assert keyword >= directory_search.SEARCH_MIN_SCORE
    assert described == 0 < ordering < directory_search.SEARCH_MIN_SCORE  # a description word only orders


def test_search_limit(kb: KnowledgeBase) -> None:
    found = search_organisations(kb, "culture", "en")
    assert ids(found) == [AFGHAN, SYRIAN]
    assert ids(search_organisations(kb, "culture", "en", limit=1)) == [AFGHAN]


# ---------------------------------------------------------------- occurrences


def event(kb: KnowledgeBase, event_id: str) -> Event:
    return next(e for e in kb.events if e.id == event_id)


def test_weekly_event_keeps_its_local_time_across_the_change_to_summer_time(kb: KnowledgeBase) -> None:
    weekly = event(kb, "beispiel-sprachcafe")  # Sundays 18:00-20:00; summer time starts on 2027-03-28
    found = occurrences(weekly, at(2027, 3, 20), at(2027, 4, 5))
    assert [o.start for o in found] == [at(2027, 3, 21, 18), at(2027, 3, 28, 18), at(2027, 4, 4, 18)]
    assert [o.start.utcoffset() for o in found] == [dt.timedelta(hours=1), *[dt.timedelta(hours=2)] * 2]
    assert [o.end for o in found] == [at(2027, 3, 21, 20), at(2027, 3, 28, 20), at(2027, 4, 4, 20)]
    assert all(o.start.tzinfo is BERLIN and o.event is weekly for o in found)
    assert (found[1].end - found[1].start) == dt.timedelta(hours=2)  # type: ignore[operator]


def test_an_occurrence_under_way_is_included_until_it_ends(kb: KnowledgeBase) -> None:
    weekly = event(kb, "beispiel-sprachcafe")
    assert [o.start for o in occurrences(weekly, at(2027, 3, 28, 19), at(2027, 3, 29))] == [at(2027, 3, 28, 18)]
    assert occurrences(weekly, at(2027, 3, 28, 20), at(2027, 3, 29)) == []
    utc = dt.datetime(2027, 3, 28, 16, 30, tzinfo=dt.UTC)  # 18:30 in Berlin
    assert [o.start for o in occurrences(weekly, utc, utc + dt.timedelta(days=1))] == [at(2027, 3, 28, 18)]


def test_single_event_and_event_without_end(kb: KnowledgeBase) -> None:
    single = event(kb, "beispiel-dialog")
    assert [o.start for o in occurrences(single, at(2027, 3, 1), at(2027, 4, 1))] == [at(2027, 3, 28, 11)]
    assert occurrences(single, at(2027, 3, 29), at(2027, 4, 1)) == []
    monthly = event(kb, "beispiel-berlinweit")  # second Wednesday, 17:00, six times, no end
    found = occurrences(monthly, at(2027, 1, 1), at(2028, 1, 1))
    assert [o.start.date() for o in found] == [
        dt.date(2027, 3, 10), dt.date(2027, 4, 14), dt.date(2027, 5, 12), dt.date(2027, 6, 9),
        dt.date(2027, 7, 14), dt.date(2027, 8, 11),
    ]  # fmt: skip
    assert all(o.end is None and o.start.hour == 17 for o in found)
    assert occurrences(monthly, at(2027, 3, 10, 17, 1), at(2027, 3, 11)) == []  # no end: over once started


# ---------------------------------------------------------------- upcoming


def test_upcoming_events_on_the_dst_weekend(kb: KnowledgeBase) -> None:
    now = at(2027, 3, 26, 12)
    found = upcoming_events(kb, now=now, days=7)
    assert [(o.event.id, o.start) for o in found] == [
        ("beispiel-dialog", at(2027, 3, 28, 11)),
        ("beispiel-sprachcafe", at(2027, 3, 28, 18)),
    ]
    assert [o.event.id for o in upcoming_events(kb, now=now, days=7, district="mitte")] == ["beispiel-sprachcafe"]


def test_upcoming_events_sorted_by_start_with_district_and_limit(kb: KnowledgeBase) -> None:
    now = at(2027, 3, 1, 9)
    found = upcoming_events(kb, now=now)  # 31 days
    assert [o.start for o in found] == sorted(o.start for o in found)
    assert len(found) == 6  # Sundays 7, 14, 21, 28; 10 March; the dialogue on 28 March
    assert len(upcoming_events(kb, now=now, limit=4)) == 4
    mitte = upcoming_events(kb, now=now, district="mitte", limit=3)
    assert [(o.event.id, o.start.day) for o in mitte] == [
        ("beispiel-sprachcafe", 7), ("beispiel-berlinweit", 10), ("beispiel-sprachcafe", 14),
    ]  # fmt: skip


def test_language_orders_events_of_one_day_but_hides_none(kdir: Path) -> None:
    add_directory(kdir)
    same_day = fixture("events", "beispiel-dialog")
    same_day.update(id="beispiel-dialog-abend", start="2027-03-28T09:00", end="2027-03-28T10:00", languages=["fa"])
    write(kdir, "events", same_day)
    kb = load(kdir)
    now = at(2027, 3, 27)
    plain = upcoming_events(kb, now=now, days=2)
    assert [o.event.id for o in plain] == ["beispiel-dialog-abend", "beispiel-dialog", "beispiel-sprachcafe"]
    turkish = upcoming_events(kb, now=now, days=2, lang="tr")
    assert [o.event.id for o in turkish] == ["beispiel-dialog", "beispiel-dialog-abend", "beispiel-sprachcafe"]
    later = upcoming_events(kb, now=at(2027, 3, 5), days=10, lang="ar")  # the Arabic event is on the 10th
    assert [o.start.day for o in later] == [7, 10, 14]


def test_inactive_events_are_not_upcoming(kdir: Path) -> None:
    add_directory(kdir)
    data = fixture("events", "beispiel-dialog")
    data["status"] = "inactive"
    write(kdir, "events", data)
    kb = load(kdir)
    assert "beispiel-dialog" not in {o.event.id for o in upcoming_events(kb, now=at(2027, 3, 26))}


def test_place_and_organiser_resolve(kb: KnowledgeBase) -> None:
    sprachcafe, dialog = event(kb, "beispiel-sprachcafe"), event(kb, "beispiel-dialog")
    expected = "Beispiel Afghanischer Kulturverein, Vereinsraum, Beispielstraße 12, 10115 Berlin"
    assert event_location(kb, sprachcafe) == expected
    assert event_location(kb, dialog) == "Beispielsaal, Probeallee 7, 10627 Berlin"
    assert organiser_name(kb, sprachcafe) == "Beispiel Afghanischer Kulturverein"
    assert organiser_name(kb, dialog) == "Beispiel Dialogkreis"


def test_every_real_organisation_is_found_by_its_name() -> None:
    from kbkit import REAL_KNOWLEDGE

    real = load(REAL_KNOWLEDGE, dt.date.today())
    for org in real.organisations:
        if org.active:
            assert org in search_organisations(real, org.name, "de", limit=10), org.id
