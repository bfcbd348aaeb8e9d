"""A service card: everything a newcomer needs about one office, in their language. Pure."""

from __future__ import annotations

import datetime as dt
from html import escape

from bot import hours
from bot.i18n import Locales, isolate
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import Entry

_DAY_KEYS = ("days.mo", "days.tu", "days.we", "days.th", "days.fr", "days.sa", "days.su")


def _when(locales: Locales, lang: str, moment: dt.datetime, now: dt.datetime) -> tuple[str, str]:
    delta = (moment.date() - now.date()).days
    if delta == 0:
        day = locales.t(lang, "days.today")
    elif delta == 1:
        day = locales.t(lang, "days.tomorrow")
    else:
        day = locales.t(lang, _DAY_KEYS[moment.weekday()])
    return day, isolate(moment.strftime("%H:%M"), lang)


def hours_lines(entry: Entry, locales: Locales, lang: str, now: dt.datetime) -> list[str]:
    if not entry.schedules:
        return [f"🕒 {escape(locales.t(lang, 'card.hours_unknown'))}"]
    lines = []
    for schedule in entry.schedules:
        state = hours.status(schedule.opening_hours, now)
        if state.is_open and state.next_change is not None:
            _, time = _when(locales, lang, state.next_change, now)
            label = locales.t(lang, "card.open_until", time=time)
        elif state.is_open:
            label = locales.t(lang, "card.open_now")
        elif state.next_change is not None:
            day, time = _when(locales, lang, state.next_change, now)
            label = locales.t(lang, "card.closed_opens", day=day, time=time)
        else:
            label = locales.t(lang, "card.closed")
        suffix = f" ({locales.t(lang, 'card.appointment_only')})" if schedule.appointment_only else ""
        lines.append(f"🕒 {escape(label)}{escape(suffix)}")
        lines.append(f"    {escape(isolate(schedule.opening_hours, lang))}")
    return lines


def render_card(
    entry: Entry, kb: KnowledgeBase, locales: Locales, lang: str, now: dt.datetime, general: bool = False
) -> str:
    """HTML text of the card; every value from the knowledge files is escaped.

    `general` leaves out the office's own contact details: for someone from another district
    they would point to the wrong office.
    """
    t = entry.texts(lang)

    def label(key: str) -> str:
        return escape(locales.t(lang, key))

    def latin(value: str) -> str:
        return escape(isolate(value, lang))

    lines = [f"<b>{escape(t.title)}</b>", escape(t.summary), ""]
    if general:
        lines.append(f"ℹ️ {label('card.responsible_depends')} {label('card.other_district')}")
        if t.required_documents:
            lines.append(f"📄 {label('card.bring')}:")
            lines.extend(f"  • {escape(item)}" for item in t.required_documents)
        return "\n".join(lines)
    if entry.address:
        lines.append(f"📍 {label('card.address')}: {latin(entry.address.one_line())}")
    lines.extend(hours_lines(entry, locales, lang, now))
    for phone in entry.phones:
        purpose = locales.t(lang, f"phone.{phone.purpose}")
        lines.append(f"📞 {label('card.phone')} ({escape(purpose)}): {latin(phone.number)}")
    if entry.website:
        lines.append(f"🌐 {label('card.website')}: {latin(entry.website)}")
    if entry.email:
        lines.append(f"✉️ {label('card.email')}: {latin(entry.email)}")
    if entry.appointment:
        lines.append(f"📅 {label('card.appointment_' + entry.appointment.policy)}")
    if t.how_to_book:
        lines.append(f"    {label('card.book')}: {escape(t.how_to_book)}")
    if t.required_documents:
        lines.append(f"📄 {label('card.bring')}:")
        lines.extend(f"  • {escape(item)}" for item in t.required_documents)
    if entry.languages:
        names = ", ".join(kb.language_names.get(code, code) for code in entry.languages)
        lines.append(f"🗣 {label('card.languages')}: {escape(names)}")
    if t.eligibility:
        lines.append(f"👤 {label('card.eligibility')}: {escape(t.eligibility)}")
    if t.cost:
        lines.append(f"💶 {label('card.cost')}: {escape(t.cost)}")
    lines.extend(dated_lines(entry, locales, lang))
    return "\n".join(lines)


def information_date(entry: Entry) -> dt.date | None:
    """The newest `as_of` among the entry's sources: how current the card's facts can be."""
    return max((source.as_of for source in entry.sources if source.as_of is not None), default=None)


def dated_lines(entry: Entry, locales: Locales, lang: str) -> list[str]:
    """"Information as of <date>", and "checked by <role> on <date>" only when a person checked it."""
    lines = []
    as_of = information_date(entry)
    if as_of is not None:
        date = isolate(as_of.isoformat(), lang)
        lines.append(f"🗓 {escape(locales.t(lang, 'card.as_of', date=date))}")
    if entry.verified is not None:
        by, on = isolate(entry.verified.by, lang), isolate(entry.verified.on.isoformat(), lang)
        lines.append(f"✔️ {escape(locales.t(lang, 'card.verified', by=by, date=on))}")
    return lines
