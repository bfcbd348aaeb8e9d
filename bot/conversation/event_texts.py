"""Events as text in the user's language: a list line, the "more" page, a line of event news. Pure.

Every value from the knowledge files is escaped; dates and times follow bot/localdates.py (Europe/Berlin,
24-hour, month names from the locales, left-to-right runs inside Arabic and Persian).
"""

from __future__ import annotations

import datetime as dt
from html import escape

from bot.i18n import Locales, isolate
from bot.knowledge.directory import BERLIN, Occurrence, event_location, organiser_name
from bot.knowledge.directory_schema import Event
from bot.knowledge.model import KnowledgeBase
from bot.localdates import format_date, weekday_name


def when(occurrence: Occurrence, now: dt.datetime, lang: str, locales: Locales) -> str:
    """"Tuesday, 9 December 2026 · 18:00–20:00"; "today" and "tomorrow" by name."""
    start = occurrence.start.astimezone(BERLIN)
    days = (start.date() - now.astimezone(BERLIN).date()).days
    if days in (0, 1):
        day = locales.t(lang, "days.today" if days == 0 else "days.tomorrow")
    else:
        day = weekday_name(start.date(), lang, locales)
    hours = f"{start:%H:%M}"
    end = occurrence.end.astimezone(BERLIN) if occurrence.end is not None else None
    if end is not None and end.date() == start.date() and end > start:
        hours += f"–{end:%H:%M}"
    date = format_date(start.date(), lang, locales)
    return locales.t(lang, "events.when", day=day, date=date, time=isolate(hours, lang))


def place(event: Event, kb: KnowledgeBase, lang: str) -> str | None:
    """Where it is, as one line (bot/knowledge/directory.py), or just the place's name where that is all."""
    where = event_location(kb, event) or event.place.name
    return isolate(where, lang) if where else None


def organiser(event: Event, kb: KnowledgeBase) -> str:
    return organiser_name(kb, event)


def information_date(event: Event) -> dt.date | None:
    return max((source.as_of for source in event.sources if source.as_of is not None), default=None)


def list_block(occurrence: Occurrence, kb: KnowledgeBase, locales: Locales, lang: str, now: dt.datetime) -> str:
    """Three short lines: the title, when, where."""
    event = occurrence.event
    lines = [f"<b>{escape(event.texts(lang).title)}</b>", f"🗓 {escape(when(occurrence, now, lang, locales))}"]
    where = place(event, kb, lang)
    if where:
        lines.append(f"📍 {escape(where)}")
    return "\n".join(lines)


def details(
    occurrence: Occurrence,
    later: list[Occurrence],
    kb: KnowledgeBase,
    locales: Locales,
    lang: str,
    now: dt.datetime,
) -> str:
    """The "more" page: summary, when (and the next dates of a recurring event), where, who, languages,
    the source link and how current the information is."""
    event = occurrence.event

    def label(key: str) -> str:
        return escape(locales.t(lang, key))

    texts = event.texts(lang)
    lines = [f"<b>{escape(texts.title)}</b>", escape(texts.summary), ""]
    lines.append(f"🗓 {escape(when(occurrence, now, lang, locales))}")
    if later:
        lines.append(f"    {label('events.next_dates')}:")
        lines.extend(f"    • {escape(when(o, now, lang, locales))}" for o in later)
    where = place(event, kb, lang)
    if where:
        lines.append(f"📍 {escape(where)}")
    lines.append(f"👥 {label('events.organiser')}: {escape(organiser(event, kb))}")
    if event.languages:
        names = ", ".join(kb.language_names.get(code, code) for code in event.languages)
        lines.append(f"🗣 {label('events.languages')}: {escape(names)}")
    link = event.website or event.sources[0].url
    lines.append(f"🔗 {label('events.source')}: {escape(isolate(link, lang))}")
    as_of = information_date(event)
    if as_of is not None:
        lines.append(f"ℹ️ {escape(locales.t(lang, 'card.as_of', date=format_date(as_of, lang, locales)))}")
    return "\n".join(lines)


def news_line(kind: str, occurrence: Occurrence, kb: KnowledgeBase, locales: Locales, lang: str,
              now: dt.datetime) -> str:
    """One item of event news: "🔔 Tomorrow:" or "🆕 New:" above the event's list block."""
    head = escape(locales.t(lang, "events.reminder" if kind == "reminder" else "events.new"))
    return f"{head}\n{list_block(occurrence, kb, locales, lang, now)}"


def short_title(event: Event, lang: str, limit: int = 60) -> str:
    """A button label: the title, cut at a word where it is long."""
    title = event.texts(lang).title
    return title if len(title) <= limit else title[: limit - 2].rstrip() + "…"
