"""Dates, times and opening hours in the user's language. Pure: names come from the locales.

A newcomer reads "Montag–Mittwoch, Freitag 09:00–16:00" or "الاثنين–الجمعة 09:00–16:00", never
"Mo-Fr 09:00-16:00; Th 11:00-18:00" or "2026-11-22". Times are 24-hour with ASCII digits, as on
the office's door; in Arabic and Persian they are wrapped as left-to-right runs so "09:00–16:00"
is not turned around.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.i18n import Locales, isolate
from bot.languages import RTL

_MONTH_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
_OSM_DAYS = {day.capitalize(): index for index, day in enumerate(_DAYS)}
_ALWAYS = (("00:00", "24:00"),)

_TIME = r"(?:[01]\d|2[0-4]):[0-5]\d"
_SPAN = re.compile(rf"^({_TIME})-({_TIME})$")
_DAY_PART = re.compile(r"^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$")
_OFF = frozenset({"off", "closed"})

Spans = tuple[tuple[str, str], ...]


class _Unreadable(ValueError):
    """An opening_hours expression outside the simple weekly form this module renders."""


def format_date(day: dt.date, lang: str, locales: Locales) -> str:
    """"22. November 2026", "22 نوفمبر 2026", "22 листопада 2026": no ISO dates for people."""
    month = locales.t(lang, f"dates.months.{_MONTH_KEYS[day.month - 1]}")
    return locales.t(lang, "dates.format", day=day.day, month=month, year=day.year)


def format_time(moment: dt.time | dt.datetime, lang: str) -> str:
    """24-hour "16:00", kept left-to-right inside Arabic and Persian text."""
    return isolate(f"{moment.hour:02d}:{moment.minute:02d}", lang)


def format_until(moment: dt.datetime, lang: str) -> str:
    """A closing time; midnight is "24:00", the end of the day it closes, as in the opening hours."""
    if moment.hour == 0 and moment.minute == 0:
        return isolate("24:00", lang)
    return format_time(moment, lang)


def weekday_name(day: dt.date, lang: str, locales: Locales) -> str:
    return locales.t(lang, f"days.{_DAYS[day.weekday()]}")


def format_when(moment: dt.datetime, now: dt.datetime, lang: str, locales: Locales) -> tuple[str, str]:
    """The day ("heute", "morgen", "Montag", or a date a week or more ahead) and time of `moment`."""
    delta = (moment.date() - now.date()).days
    if delta == 0:
        day = locales.t(lang, "days.today")
    elif delta == 1:
        day = locales.t(lang, "days.tomorrow")
    elif 1 < delta < len(_DAYS):
        day = weekday_name(moment.date(), lang, locales)
    else:
        day = format_date(moment.date(), lang, locales)
    return day, format_time(moment, lang)


def is_always(expression: str) -> bool:
    """Open every hour of every day ("24/7", "Mo-Su 00:00-24:00")."""
    try:
        week, holidays = _parse(expression)
    except _Unreadable:
        return False
    return all(spans == _ALWAYS for spans in week) and holidays in (None, _ALWAYS)


def format_hours(expression: str, lang: str, locales: Locales) -> str:
    """An OpenStreetMap opening_hours expression as words: weekdays named, 24/7 said as such.

    Later rules override earlier ones for their days, as in OpenStreetMap ("Mo-Fr 09:00-16:00;
    Th 11:00-18:00" is 11-18 on Thursdays). Expressions beyond plain weekday rules (months, weeks,
    "+" or "||") come back as written, wrapped for right-to-left text.
    """
    try:
        week, holidays = _parse(expression)
    except _Unreadable:
        return isolate(expression, lang)
    if all(spans == _ALWAYS for spans in week) and holidays in (None, _ALWAYS):
        return locales.t(lang, "hours.always")
    parts = []
    if len(set(week)) == 1 and week[0]:
        parts.append(f"{locales.t(lang, 'hours.daily')} {_spans_text(week[0], lang)}")
    else:
        for spans in dict.fromkeys(spans for spans in week if spans):
            days = [index for index, value in enumerate(week) if value == spans]
            parts.append(f"{_days_text(days, lang, locales)} {_spans_text(spans, lang)}")
    if holidays == ():
        parts.append(locales.t(lang, "hours.holidays_closed"))
    elif holidays:
        parts.append(f"{locales.t(lang, 'hours.holidays')} {_spans_text(holidays, lang)}")
    return ("؛ " if lang in RTL else "; ").join(parts) if parts else isolate(expression, lang)


def _spans_text(spans: Spans, lang: str) -> str:
    return ", ".join(isolate(f"{start}–{end}", lang) for start, end in spans)


def _days_text(days: list[int], lang: str, locales: Locales) -> str:
    """Consecutive weekdays as a range: Montag–Freitag; others listed: Montag, Mittwoch."""
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    names = [locales.t(lang, f"days.{day}") for day in _DAYS]
    texts = []
    for run in runs:
        if len(run) >= 3:
            texts.append(f"{names[run[0]]}–{names[run[-1]]}")
        else:
            texts.extend(names[day] for day in run)
    return "، ".join(texts) if lang in RTL else ", ".join(texts)


def _parse(expression: str) -> tuple[tuple[Spans, ...], Spans | None]:
    """Per weekday the open spans, and the public-holiday spans (None: not stated, (): closed)."""
    week: list[Spans] = [()] * len(_DAYS)
    holidays: Spans | None = None
    rules = [rule.strip() for rule in expression.strip().rstrip(";").split(";")]
    if not rules or not all(rules):
        raise _Unreadable(expression)
    for rule in rules:
        if rule == "24/7":
            week = [_ALWAYS] * len(_DAYS)
            continue
        head, _, rest = rule.partition(" ")
        if head == "PH":
            holidays = _times(rest.strip())
        elif _SPAN.match(head.split(",")[0]):
            week = [_times(rule)] * len(_DAYS)
        else:
            spans = _times(rest.strip())
            selectors = head.split(",")
            if "PH" in selectors:  # "Mo-Su,PH 16:00-24:00": holidays too
                holidays = spans
                selectors.remove("PH")
            for day in _day_list(",".join(selectors)):
                week[day] = spans
    return tuple(week), holidays


def _day_list(selector: str) -> list[int]:
    days: list[int] = []
    for part in selector.split(","):
        match = _DAY_PART.match(part)
        if not match:
            raise _Unreadable(selector)
        first = _OSM_DAYS[match.group(1)]
        last = _OSM_DAYS[match.group(2) or match.group(1)]
        days.extend((first + step) % len(_DAYS) for step in range((last - first) % len(_DAYS) + 1))
    return days


def _times(text: str) -> Spans:
    if text in _OFF:
        return ()
    spans = []
    for part in text.split(","):
        match = _SPAN.match(part.strip())
        if not match:
            raise _Unreadable(text)
        spans.append((match.group(1), match.group(2)))
    return tuple(spans)
