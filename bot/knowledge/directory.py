"""Queries on events: their occurrences (RFC 5545 recurrence) and what is on next. Pure.

A minimal version written on the events-bot branch so the bot side runs; the `directory` branch
owns this module and its full version replaces this one (same names and signatures).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from .directory_schema import Event
from .model import KnowledgeBase

BERLIN = ZoneInfo("Europe/Berlin")
WHOLE_CITY = "berlin"  # an event for the whole city is on every district's list


@dataclass(frozen=True)
class Occurrence:
    """One time an event takes place; start and end are aware, in Europe/Berlin."""

    event: Event
    start: dt.datetime
    end: dt.datetime | None


def _local(moment: dt.datetime) -> dt.datetime:
    """Naive Berlin wall-clock time, as event files write it."""
    return moment.astimezone(BERLIN).replace(tzinfo=None) if moment.tzinfo else moment


def occurrences(event: Event, after: dt.datetime, before: dt.datetime) -> list[Occurrence]:
    """The event's occurrences starting at or after `after` and before `before`, in order."""
    start, stop = _local(after), _local(before)
    if event.rrule:
        rule = rrulestr(f"RRULE:{event.rrule}", dtstart=event.start)
        starts = [s for s in rule.between(start, stop, inc=True) if s < stop]
    else:
        starts = [event.start] if start <= event.start < stop else []
    duration = event.end - event.start if event.end is not None else None
    return [
        Occurrence(
            event,
            s.replace(tzinfo=BERLIN),
            (s + duration).replace(tzinfo=BERLIN) if duration is not None else None,
        )
        for s in starts
    ]


def upcoming_events(
    kb: KnowledgeBase,
    *,
    now: dt.datetime,
    days: int = 31,
    district: str | None = None,
    lang: str | None = None,
    limit: int = 10,
) -> list[Occurrence]:
    """The next occurrences of active events within `days`: in the district (or city-wide), held in the
    language (or with no language given), soonest first."""
    found: list[Occurrence] = []
    for event in kb.events:
        if not event.active:
            continue
        if district is not None and district not in event.districts and WHOLE_CITY not in event.districts:
            continue
        if lang is not None and event.languages and lang not in event.languages:
            continue
        found.extend(occurrences(event, now, now + dt.timedelta(days=days)))
    found.sort(key=lambda o: (o.start, o.event.id))
    return found[:limit]
