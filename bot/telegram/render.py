"""Turn channel-neutral replies into Bot API calls (HTML parse mode, inline keyboards, venues)."""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.conversation.replies import Reply

log = logging.getLogger(__name__)
SEND_ATTEMPTS = 3


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
            if attempt == SEND_ATTEMPTS:
                raise
            delay = exc.retry_after if isinstance(exc.retry_after, int | float) else exc.retry_after.total_seconds()
            await asyncio.sleep(min(float(delay), 30.0))
        except (TimedOut, NetworkError) as exc:
            if attempt == SEND_ATTEMPTS or isinstance(exc, BadRequest | Forbidden):
                raise
            await asyncio.sleep(0.5 * attempt)
    return None


async def send(bot: Bot, chat_id: int, replies: list[Reply], pressed: Message | None = None) -> None:
    for reply in replies:
        target = reply.to_chat or chat_id
        if reply.venue is not None:
            v = reply.venue
            await _retrying(
                lambda v=v, to=target: bot.send_venue(to, v.latitude, v.longitude, v.title, v.address or v.title)
            )
            continue
        if not reply.text:
            continue
        markup = keyboard(reply)
        if reply.edit and pressed is not None and reply.to_chat is None:
            try:
                await pressed.edit_text(reply.text, parse_mode=ParseMode.HTML, reply_markup=markup)
                continue
            except BadRequest as exc:  # not modified, too old to edit: send a new message instead
                if "not modified" in str(exc).lower():
                    continue
        await _retrying(
            lambda r=reply, m=markup, target=target: bot.send_message(
                target, r.text, parse_mode=ParseMode.HTML, reply_markup=m, disable_web_page_preview=True
            )
        )
