"""Which event news a subscriber gets today: pure decisions on a given clock (bot/event_job.py runs them).

Once a day, in the morning, each subscriber may get one message with everything due: a reminder for each
occurrence tomorrow in their districts, and events that are new since they subscribed. Nothing is queued
in the quiet hours, at most WEEKLY_CAP messages go to one person in any seven days, and nothing already
sent is sent again (the job remembers what it queued, in the same transaction as the outbox row).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from bot.knowledge.directory import BERLIN, Occurrence

# The daily run, Berlin time: after the quiet hours, when people read their messages.
SEND_AT = dt.time(9, 30, tzinfo=BERLIN)
# Nothing is queued from QUIET_FROM until QUIET_UNTIL (Berlin time): no event news at night.
QUIET_FROM = dt.time(21, 0)
QUIET_UNTIL = dt.time(8, 0)
WEEKLY_CAP = 3  # event messages per person in any CAP_WINDOW: news, not noise
CAP_WINDOW = dt.timedelta(days=7)
NEW_FOR = dt.timedelta(days=7)  # an event is news this long after the bot first saw it (a capped week still can)
AHEAD_DAYS = 31  # events within this many days are listed and announced (a month ahead: "what's on this month")
MAX_ITEMS = 5  # per message; the rest waits for the next day (or the /events list)

Kind = Literal["new", "reminder"]
NEW: Kind = "new"
REMINDER: Kind = "reminder"
Key = tuple[str, str, str]  # (kind, event id, occurrence key): one thing sent to one person


@dataclass(frozen=True)
class History:
    """What a subscriber was already sent."""

    sent: frozenset[Key] = frozenset()
    messages: tuple[dt.datetime, ...] = ()  # when each earlier event message was queued


@dataclass(frozen=True)
class Item:
    """One line of today's message, and what it counts as sent."""

    kind: Kind
    occurrence: Occurrence
    keys: tuple[Key, ...]


def occurrence_key(occurrence: Occurrence) -> str:
    """The occurrence's local start, "2026-12-09T18:00": stable across restarts and reloads."""
    return occurrence.start.astimezone(BERLIN).replace(tzinfo=None).isoformat(timespec="minutes")


def is_quiet(now: dt.datetime) -> bool:
    moment = now.astimezone(BERLIN).time()
    return moment >= QUIET_FROM or moment < QUIET_UNTIL


def may_send(history: History, now: dt.datetime) -> bool:
    """Not in the quiet hours, not twice a day, not over the weekly cap."""
    if is_quiet(now):
        return False
    today = now.astimezone(BERLIN).date()
    if any(sent.astimezone(BERLIN).date() == today for sent in history.messages):
        return False
    return sum(1 for sent in history.messages if now - sent < CAP_WINDOW) < WEEKLY_CAP


def plan(
    upcoming: Sequence[Occurrence],
    first_seen: Mapping[str, dt.datetime],
    since: dt.datetime,
    history: History,
    now: dt.datetime,
) -> list[Item]:
    """Today's message for one subscriber: reminders for tomorrow first, then new events, soonest first.

    `upcoming`: occurrences in the subscriber's districts and language; `first_seen`: when the bot first saw
    each event; `since`: when the person subscribed (events seen before are not news to them).
    """
    if not may_send(history, now):
        return []
    tomorrow = now.astimezone(BERLIN).date() + dt.timedelta(days=1)
    reminders: list[Item] = []
    news: list[Item] = []
    announced: set[str] = set()
    for occurrence in sorted(upcoming, key=lambda o: (o.start, o.event.id)):
        if occurrence.start <= now:
            continue
        event_id = occurrence.event.id
        new_key: Key = (NEW, event_id, "")
        seen = first_seen.get(event_id)
        is_news = (
            seen is not None and since < seen and now - seen <= NEW_FOR
            and new_key not in history.sent and event_id not in announced
        )
        if occurrence.start.astimezone(BERLIN).date() == tomorrow:
            reminder_key: Key = (REMINDER, event_id, occurrence_key(occurrence))
            if reminder_key not in history.sent:
                reminders.append(Item(REMINDER, occurrence, (reminder_key, new_key) if is_news else (reminder_key,)))
                announced.add(event_id)
                continue
        if is_news:
            news.append(Item(NEW, occurrence, (new_key,)))
            announced.add(event_id)
    return (reminders + news)[:MAX_ITEMS]
