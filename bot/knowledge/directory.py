"""Queries over the organisation directory and the event calendar. Pure: no Telegram, no storage.

Used by the bot's "find an organisation" and `/events` flows and by the ICS export.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .directory_schema import Event, Organisation
from .directory_search import search_organisations, serves_district
from .model import KnowledgeBase
from .recurrence import BERLIN, aware, parse_rule

__all__ = [
    "BERLIN",
    "Occurrence",
    "event_location",
    "find_organisations",
    "occurrences",
    "organiser_name",
    "search_organisations",
    "serves_district",
    "upcoming_events",
]


def find_organisations(
    kb: KnowledgeBase,
    *,
    theme: str | None = None,
    language: str | None = None,
    community: str | None = None,
    district: str | None = None,
    speakers: bool = False,
) -> tuple[Organisation, ...]:
    """Active organisations matching every given filter; those located in `district` first, then by name."""
    found = [
        org
        for org in kb.organisations
        if org.active
        and (theme is None or theme in org.themes)
        and (language is None or language in org.languages)
        and (community is None or community.lower() in org.communities)
        and (district is None or serves_district(org, district))
        and (not speakers or org.speakers is not None)
    ]
    found.sort(key=lambda org: (district is not None and district not in org.districts, org.name.casefold()))
    return tuple(found)


@dataclass(frozen=True)
class Occurrence:
    """One date of an event: aware Europe/Berlin times; `end` is None when the event gives none."""

    event: Event
    start: dt.datetime
    end: dt.datetime | None


def _local(moment: dt.datetime) -> dt.datetime:
    """A naive Berlin wall-clock time for an aware moment (naive input is taken as Berlin time)."""
    return moment.astimezone(BERLIN).replace(tzinfo=None) if moment.tzinfo else moment


def occurrences(event: Event, after: dt.datetime, before: dt.datetime) -> list[Occurrence]:
    """The event's dates that start before `before` and have not ended at `after`, in order.

    The RRULE is expanded in Berlin wall-clock time (a weekly 18:00 stays 18:00 after a change of
    summer time); each end is start + the event's duration, on the wall clock. An event without an
    end counts as over once it has started.
    """
    duration = (event.end - event.start) if event.end is not None else None
    after_utc, before_utc = _utc(after), _utc(before)
    # Search the local window widened by the duration (and a day for offsets), then compare exactly.
    span = (duration or dt.timedelta()) + dt.timedelta(days=1)
    low, high = _local(after) - span, _local(before) + dt.timedelta(days=1)
    if event.rrule is None:
        starts = [event.start] if low <= event.start <= high else []
    else:
        starts = list(parse_rule(event.rrule, event.start).between(low, high, inc=True))
    result = []
    for local in starts:
        start = aware(local)
        end = aware(local + duration) if duration is not None else None
        finish = end if end is not None else start
        if start < before_utc and (finish > after_utc if end is not None else start >= after_utc):
            result.append(Occurrence(event, start, end))
    return result


def _utc(moment: dt.datetime) -> dt.datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=BERLIN)).astimezone(dt.UTC)


def upcoming_events(
    kb: KnowledgeBase,
    *,
    now: dt.datetime,
    days: int = 31,
    district: str | None = None,
    lang: str | None = None,
    limit: int = 10,
) -> list[Occurrence]:
    """The next dates of active events within `days`, for `district` (its own and Berlin-wide events).

    Sorted by start day; `lang` only orders the events of one day (those spoken in `lang` first, then
    by time), so an event in another language is never hidden behind one in the user's language
    weeks later. `limit` caps the list.
    """
    until = now + dt.timedelta(days=days)
    found = [
        occurrence
        for event in kb.events
        if event.active and (district is None or district in event.districts or "berlin" in event.districts)
        for occurrence in occurrences(event, now, until)
    ]
    found.sort(
        key=lambda o: (
            o.start.date(),
            lang is not None and lang not in o.event.languages,
            o.start,
            o.event.id,
        )
    )
    return found[:limit]


def event_location(kb: KnowledgeBase, event: Event) -> str | None:
    """Where an event happens as one line: the organisation's first location, the service's address,
    or the place's own name and address; None when a reference no longer resolves."""
    place = event.place
    if place.organisation is not None:
        org = kb.organisation(place.organisation)
        if org is None or not org.locations:
            return None
        location = org.locations[0]
        return ", ".join(part for part in (org.name, location.name, location.address.one_line()) if part)
    if place.service is not None:
        entry = kb.get(place.service)
        if entry is None or entry.address is None:
            return None
        return f"{entry.organization}, {entry.address.one_line()}"
    if place.address is not None:
        return ", ".join(part for part in (place.name, place.address.one_line()) if part)
    return None


def organiser_name(kb: KnowledgeBase, event: Event) -> str:
    """The organiser as people know it: an organisation's name, a service's provider, else as written."""
    org = kb.organisation(event.organiser)
    if org is not None:
        return org.name
    entry = kb.get(event.organiser)
    return entry.organization if entry is not None else event.organiser
