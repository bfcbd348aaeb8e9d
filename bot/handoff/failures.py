"""What people are told when a delivery fails for good: the caseworkers' group, and the newcomer where a
message of theirs did not reach the group. Texts only; the outbox worker queues them."""

from __future__ import annotations

import datetime as dt
from html import escape

from bot.conversation.card import render_card
from bot.conversation.ticket_texts import DESK_LANG, to_ticket
from bot.hours import BERLIN
from bot.i18n import Locales
from bot.knowledge.model import KnowledgeBase
from bot.localdates import format_date, format_time
from bot.storage.outbox import Failed, OutboxItem, OutMessage
from bot.storage.tickets import Ticket

from .send_policy import Failure

CARD_ROOM = 3000  # characters left for the office's card under the notice (a message holds 4,096)
TO_GROUP = frozenset({"post", "followup", "attachment"})  # the newcomer's words for the caseworkers
REPORTED = frozenset({"post", "followup", "attachment", "answer", "status", "reply"})  # told in the group
LISTED = 20  # /failed shows this many, newest first
_REASONS = {
    Failure.BLOCKED: "desk.reason_blocked",
    Failure.DEACTIVATED: "desk.reason_deactivated",
    Failure.KICKED: "desk.reason_kicked",
    Failure.NOT_FOUND: "desk.reason_not_found",
}


def reason(locales: Locales, failure: str, error: str, attempts: int) -> str:
    """Why it failed, in the caseworkers' language (plain text, not escaped)."""
    if failure == Failure.GAVE_UP:
        return locales.t(DESK_LANG, "desk.gave_up", attempts=attempts, error=error)
    key = _REASONS.get(failure)  # type: ignore[call-overload]  # a StrEnum key matches its plain string
    if key is not None:
        return locales.t(DESK_LANG, key)
    return error or locales.t(DESK_LANG, "desk.reason_unknown")


def group_report(locales: Locales, item: OutboxItem, ticket: Ticket, group: int, why: str,
                 failure: str) -> OutMessage:
    """The notice in the group: under the caseworker's message when an answer failed, else under the post."""
    t = locales.t
    if item.chat_id == group:
        return to_ticket(ticket, escape(t(DESK_LANG, "desk.not_posted", ticket=ticket.id, reason=why)))
    if failure == Failure.BLOCKED:
        text = escape(t(DESK_LANG, "desk.blocked", ticket=ticket.id))
    else:
        key = "desk.undelivered" if item.purpose in ("answer", "reply") else "desk.undelivered_status"
        text = escape(t(DESK_LANG, key, ticket=ticket.id, reason=why))
    where = item.message.confirm
    if where is None or failure == Failure.BLOCKED:
        return to_ticket(ticket, text)
    return OutMessage(text, reply_to=where.reply_to, thread_id=where.thread_id)


def not_reached(locales: Locales, kb: KnowledgeBase, ticket: Ticket, district: str | None,
                now: dt.datetime) -> OutMessage:
    """To the newcomer: their question (or what they added) did not reach the caseworkers; the district's
    integration office instead, as a card."""
    text = escape(locales.t(ticket.lang, "handoff.not_reached", ticket=ticket.id))
    offices = [e for e in kb.in_topic("integration-office") if e.scope == "residents"]
    if not offices:
        return OutMessage(text)
    own, _ = kb.office_for(offices[0], district)
    card = render_card(own, kb, locales, ticket.lang, now)
    return OutMessage(f"{text}\n\n{card}" if len(card) <= CARD_ROOM else text)


def failed_listing(locales: Locales, items: list[Failed], total: int) -> str:
    """/failed: number, purpose, question, reason, when (Berlin time), newest first."""
    t = locales.t
    if not items:
        return escape(t(DESK_LANG, "desk.failed_none"))
    lines = [escape(t(DESK_LANG, "desk.failed_title"))]
    for item in items:
        when = dt.datetime.fromtimestamp(item.failed_at, BERLIN)
        stamp = f"{format_date(when.date(), DESK_LANG, locales)} {format_time(when, DESK_LANG)}"
        ticket = t(DESK_LANG, "desk.ticket", ticket=item.ticket_id) if item.ticket_id is not None else "–"
        why = reason(locales, item.failure, item.error, item.attempts)
        purpose = t(DESK_LANG, f"desk.purpose_{item.purpose}")
        lines.append(escape(t(DESK_LANG, "desk.failed_line", number=item.id, purpose=purpose, ticket=ticket,
                              reason=why, when=stamp)))
    if total > len(items):
        lines.append(escape(t(DESK_LANG, "desk.failed_more", count=total - len(items))))
    lines.append(escape(t(DESK_LANG, "desk.failed_hint")))
    return "\n".join(lines)
