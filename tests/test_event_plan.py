"""The daily event news decisions on a fake clock: quiet hours, one message a day, the weekly cap, a reminder
the day before, news only for events new since subscribing, and nothing sent twice."""

from __future__ import annotations

import datetime as dt

import pytest
from eventkit import NOW, load_events

from bot.event_plan import (
    CAP_WINDOW,
    MAX_ITEMS,
    NEW,
    NEW_FOR,
    REMINDER,
    WEEKLY_CAP,
    History,
    Item,
    is_quiet,
    occurrence_key,
    plan,
)
from bot.knowledge.directory import BERLIN, Occurrence, upcoming_events
from bot.knowledge.directory_schema import Event
from bot.knowledge.model import KnowledgeBase

EVENTS = load_events()
KB = KnowledgeBase((), {}, {}, events=EVENTS)
SUBSCRIBED = NOW - dt.timedelta(days=30)
BEFORE = {e.id: SUBSCRIBED - dt.timedelta(days=1) for e in EVENTS}  # every event known before subscribing


def upcoming(now: dt.datetime = NOW, lang: str = "de") -> list[Occurrence]:
    return upcoming_events(KB, now=now, days=31, district="mitte", lang=lang, limit=100)


def kinds(items: list[Item]) -> list[tuple[str, str, str]]:
    return [(i.kind, i.occurrence.event.id, occurrence_key(i.occurrence)) for i in items]


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(NOW.date(), dt.time(hour, minute), BERLIN)


@pytest.mark.parametrize(
    ("hour", "minute", "quiet"),
    [(7, 59, True), (8, 0, False), (9, 30, False), (20, 59, False), (21, 0, True), (23, 30, True), (0, 0, True)],
)
def test_quiet_hours_are_21_to_8_berlin_time(hour: int, minute: int, quiet: bool) -> None:
    assert is_quiet(at(hour, minute)) is quiet
    items = plan(upcoming(at(hour, minute)), BEFORE, SUBSCRIBED, History(), at(hour, minute))
    assert bool(items) is not quiet  # Monday: the Tuesday café is tomorrow
    # the same moment in UTC is judged in Berlin time
    assert is_quiet(at(hour, minute).astimezone(dt.UTC)) is quiet


def test_a_reminder_the_day_before_and_only_then() -> None:
    assert kinds(plan(upcoming(), BEFORE, SUBSCRIBED, History(), NOW)) == [
        (REMINDER, "test-cafe-mitte", "2026-12-08T16:00")
    ]
    tuesday = NOW + dt.timedelta(days=1)  # the café is today: no reminder for next Tuesday yet
    assert plan(upcoming(tuesday), BEFORE, SUBSCRIBED, History(), tuesday) == []
    wednesday = NOW + dt.timedelta(days=2)  # Thursday 10th: the Ukrainian group, for a Ukrainian speaker
    assert kinds(plan(upcoming(wednesday, "uk"), BEFORE, SUBSCRIBED, History(), wednesday)) == [
        (REMINDER, "test-ukrainian-group-mitte", "2026-12-10T17:00")
    ]


def test_nothing_is_sent_twice() -> None:
    first = plan(upcoming(), BEFORE, SUBSCRIBED, History(), NOW)
    assert first
    sent = frozenset(k for item in first for k in item.keys)
    later = NOW + dt.timedelta(hours=2)  # a second run the same day, e.g. after a restart; no message counted
    assert plan(upcoming(later), BEFORE, SUBSCRIBED, History(sent), later) == []


def test_one_message_a_day() -> None:
    earlier_today = History(messages=(NOW - dt.timedelta(hours=1),))
    assert plan(upcoming(), BEFORE, SUBSCRIBED, earlier_today, NOW) == []
    yesterday = History(messages=(NOW - dt.timedelta(days=1),))
    assert plan(upcoming(), BEFORE, SUBSCRIBED, yesterday, NOW) != []


def test_the_weekly_cap() -> None:
    days_ago = [NOW - dt.timedelta(days=d) for d in range(1, WEEKLY_CAP + 1)]
    assert plan(upcoming(), BEFORE, SUBSCRIBED, History(messages=tuple(days_ago)), NOW) == []
    older = (*days_ago[:-1], NOW - CAP_WINDOW - dt.timedelta(minutes=1))  # one fell out of the window
    assert plan(upcoming(), BEFORE, SUBSCRIBED, History(messages=older), NOW) != []


def test_news_is_what_appeared_since_subscribing_each_once() -> None:
    fresh = {**BEFORE, "test-fest-berlin": NOW - dt.timedelta(days=1), "test-cafe-mitte": NOW - dt.timedelta(hours=1)}
    items = plan(upcoming(), fresh, SUBSCRIBED, History(), NOW)
    # the café is tomorrow and new: one reminder that also counts as its news; then the festival
    assert kinds(items) == [
        (REMINDER, "test-cafe-mitte", "2026-12-08T16:00"), (NEW, "test-fest-berlin", "2026-12-20T14:00")
    ]
    assert items[0].keys == ((REMINDER, "test-cafe-mitte", "2026-12-08T16:00"), (NEW, "test-cafe-mitte", ""))
    tomorrow = NOW + dt.timedelta(days=1)
    sent = History(frozenset(k for item in items for k in item.keys), (NOW,))
    assert plan(upcoming(tomorrow), fresh, SUBSCRIBED, sent, tomorrow) == []  # neither is news again

    stale = {**BEFORE, "test-fest-berlin": NOW - NEW_FOR - dt.timedelta(hours=1)}
    assert NEW not in [i.kind for i in plan(upcoming(), stale, SUBSCRIBED, History(), NOW)]
    joined_later = NOW - dt.timedelta(hours=1)  # subscribed after the bot first saw the festival
    assert NEW not in [i.kind for i in plan(upcoming(), fresh, joined_later, History(), NOW)]


def test_at_most_max_items_reminders_first() -> None:
    base = EVENTS[2]  # the city-wide festival
    many = tuple(
        Event.model_validate({**base.model_dump(), "id": f"test-extra-{n}", "start": dt.datetime(2026, 12, 9 + n, 12)})
        for n in range(MAX_ITEMS + 2)
    )
    kb = KnowledgeBase((), {}, {}, events=(*EVENTS, *many))
    found = upcoming_events(kb, now=NOW, days=31, district="mitte", lang="de", limit=100)
    seen = {**BEFORE, **{e.id: NOW - dt.timedelta(hours=1) for e in many}}
    items = plan(found, seen, SUBSCRIBED, History(), NOW)
    assert len(items) == MAX_ITEMS
    assert items[0].kind == REMINDER and all(i.kind == NEW for i in items[1:])
    assert [i.occurrence.start for i in items[1:]] == sorted(i.occurrence.start for i in items[1:])
