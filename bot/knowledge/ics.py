"""The event calendar as iCalendar (RFC 5545), for `wegweiser events export --format ics`.

One VEVENT per active event with a stable UID (`<event id>@wegweiser`), DTSTART/DTEND in
Europe/Berlin (TZID, with a VTIMEZONE), the RRULE of recurring events (its UNTIL in UTC, as RFC 5545
asks when DTSTART has a TZID), SUMMARY and DESCRIPTION in one language with the source links,
LOCATION and URL. Texts carry no labels, so nothing here needs translating.
"""

from __future__ import annotations

import datetime as dt

import icalendar

from .directory import event_location, organiser_name
from .directory_schema import Event
from .model import KnowledgeBase
from .recurrence import BERLIN, aware

PRODID = "-//Wegweiser//Events//DE"
# The VTIMEZONE lists Berlin's offset changes from a year before the first event to this many
# years after it: enough for every date a recurring event reaches in practice, a short file.
TIMEZONE_YEARS = 10


def selected_events(kb: KnowledgeBase, district: str | None = None) -> list[Event]:
    """Active events, those of `district` and Berlin-wide ones when a district is given."""
    return [
        e for e in kb.events if e.active and (district is None or district in e.districts or "berlin" in e.districts)
    ]


def _rrule(event: Event) -> icalendar.vRecur:
    rule: icalendar.vRecur = icalendar.vRecur.from_ical(event.rrule or "")
    until = rule.get("UNTIL")
    if until:
        value = until[0]
        local = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        rule["UNTIL"] = [aware(local.replace(tzinfo=None)).astimezone(dt.UTC)]
    return rule


def _vevent(kb: KnowledgeBase, event: Event, lang: str, stamp: dt.datetime) -> icalendar.Event:
    texts = event.texts(lang)
    vevent = icalendar.Event()
    vevent.add("uid", f"{event.id}@wegweiser")
    vevent.add("dtstamp", stamp.astimezone(dt.UTC))
    vevent.add("dtstart", aware(event.start))
    if event.end is not None:
        vevent.add("dtend", aware(event.end))
    if event.rrule:
        vevent.add("rrule", _rrule(event))
    vevent.add("summary", texts.title, parameters={"LANGUAGE": lang})
    links = "\n".join(source.url for source in event.sources)
    description = f"{texts.summary}\n\n{organiser_name(kb, event)}\n{links}"
    vevent.add("description", description, parameters={"LANGUAGE": lang})
    location = event_location(kb, event)
    if location:
        vevent.add("location", location)
    vevent.add("url", event.website or event.sources[0].url)
    if event.themes:
        vevent.add("categories", list(event.themes))
    return vevent


def export_ics(
    kb: KnowledgeBase, *, lang: str = "de", district: str | None = None, stamp: dt.datetime | None = None
) -> str:
    """The calendar as iCalendar text (CRLF line ends, as RFC 5545 prescribes)."""
    stamp = stamp or dt.datetime.now(dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    events = selected_events(kb, district)
    first = min((e.start.date() for e in events), default=stamp.astimezone(BERLIN).date())
    start_year = dt.date(first.year - 1, 1, 1)
    timezone = icalendar.Timezone.from_tzid(
        "Europe/Berlin", first_date=start_year, last_date=dt.date(first.year + TIMEZONE_YEARS, 1, 1)
    )
    calendar.add_component(timezone)
    for event in events:
        calendar.add_component(_vevent(kb, event, lang, stamp))
    text: str = calendar.to_ical().decode("utf-8")
    return text
