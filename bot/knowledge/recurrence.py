"""Event times: Europe/Berlin wall-clock times and RFC 5545 RRULEs expanded with python-dateutil.

Editors write `start`/`end` as local Berlin times without an offset, and an RRULE without the
"RRULE:" prefix, whose UNTIL (if any) is a local time too. The rule is expanded in local wall-clock
time, so a weekly 18:00 event stays at 18:00 across the change to and from summer time.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC
# Events repeat daily at most; finer rules (hourly, by minute) are mistakes and slow to expand.
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")


@lru_cache(maxsize=1024)  # the bot asks for the same events' dates again and again; a rule is never mutated
def parse_rule(text: str, start: dt.datetime) -> Any:
    """The dateutil rrule for `text` starting at the naive local `start`; ValueError if it is not valid."""
    body = text.strip()
    if body.upper().startswith(("RRULE:", "DTSTART", "EXDATE", "RDATE")) or "\n" in body:
        raise ValueError("write only the rule, without 'RRULE:' or DTSTART, e.g. FREQ=WEEKLY;BYDAY=TU")
    fields = dict(p.partition("=")[::2] for p in body.upper().split(";") if p)
    parts = set(fields)
    if fields.get("FREQ") not in FREQUENCIES:
        raise ValueError(f"FREQ must be one of {', '.join(FREQUENCIES)}")
    if {"COUNT", "UNTIL"} <= parts:
        raise ValueError("COUNT and UNTIL cannot be used together (RFC 5545)")
    try:
        return rrulestr(body, dtstart=start)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise ValueError(str(exc) or "cannot be parsed") from exc


def rule_problem(text: str, start: dt.datetime) -> str | None:
    """Why an event's RRULE is unusable (does not parse, never occurs), or None."""
    try:
        rule = parse_rule(text, start)
    except ValueError as exc:
        return f"rrule {text!r} is not a valid RFC 5545 RRULE: {exc}"
    # A rule that can never occur (30 February) is searched up to the year 9999: about 4 s for a
    # daily rule, which is why finer frequencies are refused above.
    if rule.after(start, inc=True) is None:
        return f"rrule {text!r} has no occurrence from start {start:%Y-%m-%d %H:%M} on"
    return None


def aware(local: dt.datetime) -> dt.datetime:
    """A naive Berlin wall-clock time as an aware datetime; a time in the spring gap moves forward."""
    return local.replace(tzinfo=BERLIN).astimezone(UTC).astimezone(BERLIN)


def exists_locally(local: dt.datetime) -> bool:
    """False for wall-clock times the spring change skips (e.g. 02:30 on the last Sunday of March)."""
    return aware(local).replace(tzinfo=None) == local


def last_occurrence(text: str | None, start: dt.datetime) -> dt.datetime | None:
    """The last local start of a bounded rule (the start itself without a rule); None when unbounded."""
    if text is None:
        return start
    rule = parse_rule(text, start)
    if rule._count is None and rule._until is None:  # dateutil keeps COUNT/UNTIL here; no public accessor
        return None
    last: dt.datetime | None = None
    for last in rule:  # noqa: B007 - bounded, so this ends
        pass
    return last
