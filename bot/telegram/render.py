"""Turn channel-neutral replies into Bot API calls (HTML parse mode, inline keyboards, venues)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from html import escape

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.conversation.replies import Reply
from bot.storage.outbox import OutMessage

log = logging.getLogger(__name__)
SEND_ATTEMPTS = 3
MAX_INLINE_WAIT = 1.0  # a flood wait up to this long is waited out here; a longer one would hold back every
# other chat (updates are processed one at a time), so the rest of the replies go to the outbox instead
Defer = Callable[[list[Reply]], Awaitable[None]]


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in reply.buttons]
    )


async def _retrying(call: object) -> object:
    """Retry network errors and flood waits a few times; other errors go to the caller."""
    for attempt in range(1, SEND_ATTEMPTS + 1):
        try:
            return await call()  # type: ignore[operator]
        except RetryAfter as exc:
            delay = exc.retry_after if isinstance(exc.retry_after, int | float) else exc.retry_after.total_seconds()
            if attempt == SEND_ATTEMPTS or delay > MAX_INLINE_WAIT:
                raise
            await asyncio.sleep(float(delay))
        except (TimedOut, NetworkError) as exc:
            if attempt == SEND_ATTEMPTS or isinstance(exc, BadRequest | Forbidden):
                raise
            await asyncio.sleep(0.5 * attempt)
    return None


def as_outbox(reply: Reply) -> OutMessage | None:
    """A reply as an outbox row (a venue as its name and address), for a chat in a flood wait."""
    if reply.venue is not None:
        return OutMessage(f"<b>{escape(reply.venue.title)}</b>\n{escape(reply.venue.address)}")
    if not reply.text:
        return None
    return OutMessage(reply.text, tuple(tuple((b.label, b.data) for b in row) for row in reply.buttons))


async def send(bot: Bot, chat_id: int, replies: list[Reply], pressed: Message | None = None,
               defer: Defer | None = None) -> None:
    """Send the replies in order; when Telegram asks a chat to wait longer than a moment (or cannot be reached
    after a few tries), `defer` gets the replies not yet sent: the outbox delivers them later, nobody else waits
    and nothing is lost."""
    for number, reply in enumerate(replies):
        try:
            await _send_one(bot, chat_id, reply, pressed)
        except (RetryAfter, NetworkError) as exc:  # a flood wait, or Telegram out of reach after the retries
            if defer is None or isinstance(exc, BadRequest):
                raise
            log.warning("chat %s: %s, %d replies handed to the outbox", chat_id, type(exc).__name__,
                        len(replies) - number)
            await defer(replies[number:])
            return


async def _send_one(bot: Bot, chat_id: int, reply: Reply, pressed: Message | None) -> None:
    target = reply.to_chat or chat_id
    if reply.venue is not None:
        v = reply.venue
        await _retrying(lambda: bot.send_venue(target, v.latitude, v.longitude, v.title, v.address or v.title))
        return
    if not reply.text:
        return
    markup = keyboard(reply)
    if reply.edit and pressed is not None and reply.to_chat is None:
        try:
            await pressed.edit_text(reply.text, parse_mode=ParseMode.HTML, reply_markup=markup)
            return
        except BadRequest as exc:  # not modified, too old to edit: send a new message instead
            if "not modified" in str(exc).lower():
                return
    await _retrying(
        lambda: bot.send_message(
            target, reply.text, parse_mode=ParseMode.HTML, reply_markup=markup, disable_web_page_preview=True
        )
    )
