"""The caseworkers' side: group commands, buttons and replies that reach the newcomer.

Every caseworker action is one unit of work (`_action`): its ticket changes and outbox rows are committed
together, or none of them; inside a Telegram update's unit it joins that one. Everything that must reach
someone goes through the outbox.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from html import escape
from typing import Concatenate, ParamSpec

from bot.conversation.card import render_card
from bot.conversation.context import Services
from bot.conversation.protocol import ClaimTicket, CloseTicket, RateAnswer, SendEntryToUser
from bot.conversation.registry import Actor, DeskFlow, Posted, Pressed
from bot.conversation.replies import Reply
from bot.conversation.ticket_texts import DESK_LANG, answer_parts, queue_listing, user_key
from bot.storage import corrections, outbox, tickets
from bot.storage.db import now
from bot.storage.outbox import ButtonRows, Confirm, OutMessage
from bot.storage.tickets import Ticket

from . import failures

MAX_TICKET_DIGITS = 9
P = ParamSpec("P")


def _action(step: Callable[Concatenate[Services, P], Awaitable[list[Reply]]]) -> Callable[
    Concatenate[Services, P], Awaitable[list[Reply]]
]:
    """One caseworker action, one unit of work."""

    @functools.wraps(step)
    async def run(services: Services, /, *args: P.args, **kwargs: P.kwargs) -> list[Reply]:
        async with services.db.unit_of_work():
            return await step(services, *args, **kwargs)

    return run


def _t(services: Services, key: str, **values: object) -> str:
    return escape(services.locales.t(DESK_LANG, key, **values))


def _refuse(services: Services) -> list[Reply]:
    return [Reply(_t(services, "admin.not_allowed"))]


@_action
async def queue(services: Services, actor: Actor, args: str) -> list[Reply]:
    if not actor.allowed:
        return _refuse(services)
    return [Reply(queue_listing(services.locales, await tickets.queue(services.db, actor.desks), now()))]


def _number(args: str) -> int | None:
    number = args.strip().lstrip("#")
    return int(number) if number.isdigit() and len(number) <= MAX_TICKET_DIGITS else None


async def _by_command(services: Services, actor: Actor, args: str, change: str) -> list[Reply]:
    if not actor.allowed:
        return _refuse(services)
    number = _number(args)
    if number is None:
        return [Reply(_t(services, "desk.usage"))]
    return await _change(services, actor, change, number)


@_action
async def claim(services: Services, actor: Actor, args: str) -> list[Reply]:
    return await _by_command(services, actor, args, "claim")


@_action
async def close(services: Services, actor: Actor, args: str) -> list[Reply]:
    return await _by_command(services, actor, args, "close")


@_action
async def reopen(services: Services, actor: Actor, args: str) -> list[Reply]:
    return await _by_command(services, actor, args, "reopen")


async def _change(services: Services, actor: Actor, action: str, ticket_id: int) -> list[Reply]:
    db = services.db
    ticket = await tickets.get(db, ticket_id)
    if ticket is None or ticket.user_id is None or not actor.reaches(ticket.kind):  # another group's ticket
        return [Reply(_t(services, "desk.not_found", ticket=ticket_id))]
    if action in ("claim", "close") and not ticket.is_open:
        return [Reply(_t(services, "desk.not_found", ticket=ticket_id))]
    if action == "claim":
        await tickets.set_status(db, ticket.id, "claimed", actor.user_id)
        text = _t(services, "desk.claimed", ticket=ticket.id, name=actor.name)
    elif action == "close":
        await tickets.set_status(db, ticket.id, "closed")
        await _tell_user(services, ticket, "closed", f"closed:{ticket.id}:{now():.0f}")
        text = _t(services, "desk.closed", ticket=ticket.id)
    else:
        await tickets.set_status(db, ticket.id, "open")
        await _tell_user(services, ticket, "reopened", f"reopened:{ticket.id}:{now():.0f}")
        text = _t(services, "desk.reopened", ticket=ticket.id)
    return [Reply(text)]


async def _tell_user(services: Services, ticket: Ticket, key: str, dedupe: str) -> None:
    if ticket.user_id is None:
        return
    text = escape(services.locales.t(ticket.lang, user_key(ticket.kind, key), ticket=ticket.id))
    await outbox.add(services.db, ticket.user_id, "status", OutMessage(text), ticket.id, dedupe)


async def ticket_for(services: Services, chat_id: int, reply_to: int | None, thread_id: int | None) -> Ticket | None:
    """The ticket a group message answers: by the post it replies to (posts are known per group), else by its
    forum topic among the kinds this group works on."""
    db = services.db
    if reply_to is not None:
        found = await tickets.for_group_message(db, chat_id, reply_to)
        if found is not None:
            return found
    if thread_id is not None:
        return await tickets.for_thread(db, thread_id, services.settings.desks_of(chat_id))
    return None


@_action
async def reply(services: Services, actor: Actor, posted: Posted) -> list[Reply]:
    """A caseworker's message answering a ticket (text, photo or document, or an edit of an answer already
    relayed): stored, queued for the user within Telegram's limits, confirmed on delivery."""
    if not actor.in_group:
        return _refuse(services)
    ticket = await ticket_for(services, posted.chat_id, posted.reply_to, posted.thread_id)
    if ticket is None:
        asked = posted.reply_to is not None and posted.relayable and posted.edited_at is None
        return [Reply(_t(services, "desk.unknown_reply"))] if asked else []
    if ticket.user_id is None:  # withdrawn by /deletemydata, or closed and past RETENTION_DAYS
        key = "desk.withdrawn" if ticket.status == "withdrawn" else "desk.expired"
        return [Reply(_t(services, key, ticket=ticket.id))]
    if not posted.relayable:  # a sticker, voice message or video would otherwise vanish without a word
        return [Reply(_t(services, "desk.not_relayed", ticket=ticket.id))]
    db = services.db
    if posted.edited_at is not None:
        if await corrections.correct_answer(db, posted.message_id, posted.text) is None:
            return []  # an edit of a message that never went to the person
        dedupe = f"edit:{posted.chat_id}:{posted.message_id}:{posted.edited_at}"  # each edit once
    else:
        if not await tickets.add_message(db, ticket.id, "caseworker", posted.text, posted.message_id):
            return []  # the same group message again (redelivered update): already queued once
        if ticket.status == "open":
            await tickets.set_status(db, ticket.id, "claimed", actor.user_id)
        dedupe = f"answer:{posted.chat_id}:{posted.message_id}"
    await _queue_answer(services, ticket, posted, dedupe)
    return []


async def _queue_answer(services: Services, ticket: Ticket, posted: Posted, dedupe: str) -> None:
    """One outbox row per message, in order (the outbox keeps a chat's order); rating buttons and
    "delivered" come with the last part only."""
    assert ticket.user_id is not None
    corrected = posted.edited_at is not None
    parts = answer_parts(services.locales, ticket.lang, posted.text, posted.media, corrected, ticket.kind)
    for number, (text, media) in enumerate(parts, start=1):
        final = number == len(parts)
        message = OutMessage(
            text,
            _rating_buttons(services, ticket) if final else (),
            confirm=Confirm(posted.chat_id, posted.message_id, posted.thread_id, final),
            media=media,
        )
        key = dedupe if number == 1 else f"{dedupe}:{number}"
        await outbox.add(services.db, ticket.user_id, "answer", message, ticket.id, key)


def _rating_buttons(services: Services, ticket: Ticket) -> ButtonRows:
    t = services.locales.t
    return (
        (
            (t(ticket.lang, "buttons.helpful_yes"), RateAnswer(ticket.id, True).pack()),
            (t(ticket.lang, "buttons.helpful_no"), RateAnswer(ticket.id, False).pack()),
        ),
    )


async def _pressed_ticket(services: Services, actor: Actor, pressed: Pressed, ticket_id: int) -> Ticket | None:
    """The ticket of the pressed post, only if the button's number matches it (forged presses do nothing)."""
    if not actor.allowed:
        return None
    ticket = await tickets.for_group_message(services.db, pressed.chat_id, pressed.message_id)
    return ticket if ticket is not None and ticket.id == ticket_id and actor.reaches(ticket.kind) else None


@_action
async def claim_button(services: Services, actor: Actor, pressed: Pressed, action: ClaimTicket) -> list[Reply]:
    ticket = await _pressed_ticket(services, actor, pressed, action.ticket)
    if ticket is None:
        return _refuse(services) if not actor.allowed else [Reply(_t(services, "desk.stale"))]
    return await _change(services, actor, "claim", ticket.id)


@_action
async def close_button(services: Services, actor: Actor, pressed: Pressed, action: CloseTicket) -> list[Reply]:
    ticket = await _pressed_ticket(services, actor, pressed, action.ticket)
    if ticket is None:
        return _refuse(services) if not actor.allowed else [Reply(_t(services, "desk.stale"))]
    return await _change(services, actor, "close", ticket.id)


@_action
async def send_entry(services: Services, actor: Actor, pressed: Pressed, action: SendEntryToUser) -> list[Reply]:
    ticket = await _pressed_ticket(services, actor, pressed, action.ticket)
    if ticket is None:
        return _refuse(services) if not actor.allowed else [Reply(_t(services, "desk.stale"))]
    if action.gen != services.generation or action.entry >= len(services.kb.active) or ticket.user_id is None:
        return [Reply(_t(services, "desk.stale"))]
    entry = services.kb.active[action.entry]
    if entry.id not in ticket.candidates:
        return [Reply(_t(services, "desk.stale"))]
    card = render_card(entry, services.kb, services.locales, ticket.lang, services.clock())
    message = OutMessage(
        card[:4000], _rating_buttons(services, ticket), confirm=Confirm(pressed.chat_id, pressed.message_id)
    )
    await outbox.add(services.db, ticket.user_id, "answer", message, ticket.id, f"entry:{ticket.id}:{entry.id}")
    title = entry.texts(DESK_LANG).title
    return [Reply(_t(services, "desk.entry_queued", title=title, ticket=ticket.id))]


@_action
async def failed(services: Services, actor: Actor, args: str) -> list[Reply]:
    """/failed: the deliveries that failed for good, newest first."""
    if not actor.allowed:
        return _refuse(services)
    items, total = await outbox.failed(services.db, failures.LISTED)
    return [Reply(failures.failed_listing(services.locales, items, total))]


@_action
async def retry(services: Services, actor: Actor, args: str) -> list[Reply]:
    """/retry N: a failed delivery is queued again (committed with the update; the worker is woken after it)."""
    if not actor.allowed:
        return _refuse(services)
    number = _number(args)
    if number is None:
        return [Reply(_t(services, "desk.retry_usage"))]
    before = await outbox.requeue(services.db, number, now())
    if before is None:
        return [Reply(_t(services, "desk.retry_unknown", number=number))]
    if before == "erased":
        return [Reply(_t(services, "desk.retry_erased", number=number))]
    if before != "failed":
        state = services.locales.t(DESK_LANG, f"desk.delivery_{before}")
        return [Reply(_t(services, "desk.retry_not_failed", number=number, state=state))]
    return [Reply(_t(services, "desk.retried", number=number))]


DESK = DeskFlow(
    commands={"queue": queue, "claim": claim, "close": close, "reopen": reopen, "failed": failed, "retry": retry},
    buttons={ClaimTicket: claim_button, CloseTicket: close_button, SendEntryToUser: send_entry},
)
