"""A service card: everything a newcomer needs about one office, in their language. Pure."""

from __future__ import annotations

import datetime as dt
from html import escape

from bot import hours, localdates
from bot.i18n import Locales, isolate
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import Entry
from bot.localdates import format_date

_ALWAYS_REACHABLE_TOPICS = frozenset({"emergency", "mental-health"})


def _status(expression: str, entry: Entry, now: dt.datetime) -> hours.Status:
    """hours.status(), except that an always-open crisis line is never shown closed."""
    if _ALWAYS_REACHABLE_TOPICS & set(entry.topics) and hours.is_always_open(expression):
        return hours.Status(True, None)
    return hours.status(expression, now)


def _phone_lines(
    entry: Entry, number: str, expression: str, locales: Locales, lang: str, now: dt.datetime
) -> tuple[bool, list[str]]:
    """Whether the phone answers now, and its lines: "📞 Phone, 24/7: call now on 110", its hours."""
    state = _status(expression, entry, now)
    number = isolate(number, lang)
    if state.is_open and state.next_change is None:
        return True, [f"📞 {escape(locales.t(lang, 'card.phone_open_always', number=number))}"]
    if state.is_open and state.next_change is not None:
        time = localdates.format_until(state.next_change, lang)
        label = locales.t(lang, "card.phone_open_until", time=time, number=number)
    elif state.next_change is not None:
        day, time = localdates.format_when(state.next_change, now, lang, locales)
        label = locales.t(lang, "card.phone_closed_opens", day=day, time=time, number=number)
    else:
        label = locales.t(lang, "card.phone_closed", number=number)
    return state.is_open, [f"📞 {escape(label)}", f"    {escape(localdates.format_hours(expression, lang, locales))}"]


def _schedule_label(
    state: hours.Status, locales: Locales, lang: str, now: dt.datetime, has_phones: bool, phone_open: bool
) -> str:
    """Open or closed in person; "in person:" in front when the card also lists phone hours."""
    if state.is_open and state.next_change is not None:
        label = locales.t(lang, "card.open_until", time=localdates.format_until(state.next_change, lang))
    elif state.is_open:
        label = locales.t(lang, "card.open_now")
    elif phone_open:  # someone who can call now is not told the service is closed
        if state.next_change is None:
            return locales.t(lang, "card.in_person")
        day, time = localdates.format_when(state.next_change, now, lang, locales)
        return locales.t(lang, "card.in_person_opens", day=day, time=time)
    elif state.next_change is not None:
        day, time = localdates.format_when(state.next_change, now, lang, locales)
        label = locales.t(lang, "card.closed_opens", day=day, time=time)
    else:
        label = locales.t(lang, "card.closed")
    return f"{locales.t(lang, 'card.in_person')}: {label}" if has_phones else label


def hours_lines(entry: Entry, locales: Locales, lang: str, now: dt.datetime) -> list[str]:
    """How to reach the service now, first what works now: a phone that answers, then in person.

    Walk-in hours come from `schedules`, phone hours from `phones[].hours`. Phones that are closed
    now come last. Without an address a schedule repeating a phone's hours (a hotline's "24/7",
    115's "Mo-Fr 07:00-18:00") is that phone's, so it is not shown a second time.
    """
    phone_open: list[str] = []
    phone_closed: list[str] = []
    for phone in entry.phones:
        if phone.hours:
            is_open, lines = _phone_lines(entry, phone.number, phone.hours, locales, lang, now)
            (phone_open if is_open else phone_closed).extend(lines)
    if not entry.schedules and not phone_open and not phone_closed:
        return [f"🕒 {escape(locales.t(lang, 'card.hours_unknown'))}"]
    phone_hours = {phone.hours for phone in entry.phones if phone.hours}
    always_phone = any(hours.is_always_open(expression) for expression in phone_hours)
    in_person = []
    for schedule in entry.schedules:
        expression = schedule.opening_hours
        if entry.address is None and (
            expression in phone_hours or (always_phone and hours.is_always_open(expression))
        ):
            continue
        state = _status(expression, entry, now)
        label = _schedule_label(state, locales, lang, now, bool(phone_hours), bool(phone_open))
        suffix = f" ({locales.t(lang, 'card.appointment_only')})" if schedule.appointment_only else ""
        in_person.append(f"🕒 {escape(label)}{escape(suffix)}")
        in_person.append(f"    {escape(localdates.format_hours(expression, lang, locales))}")
    return [*phone_open, *in_person, *phone_closed]


def render_card(entry: Entry, kb: KnowledgeBase, locales: Locales, lang: str, now: dt.datetime) -> str:
    """HTML text of the card; every value from the knowledge files is escaped."""
    t = entry.texts(lang)

    def label(key: str) -> str:
        return escape(locales.t(lang, key))

    def latin(value: str) -> str:
        return escape(isolate(value, lang))

    lines = [f"<b>{escape(t.title)}</b>", escape(t.summary), ""]
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
        date = format_date(as_of, lang, locales)
        lines.append(f"🗓 {escape(locales.t(lang, 'card.as_of', date=date))}")
    if entry.verified is not None:
        by, on = isolate(entry.verified.by, lang), format_date(entry.verified.on, lang, locales)
        lines.append(f"✔️ {escape(locales.t(lang, 'card.verified', by=by, date=on))}")
    return lines
