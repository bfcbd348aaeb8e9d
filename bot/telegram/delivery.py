"""The Bot API calls for one outbox row, and what a Telegram error means for it (send_policy.Failure)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import ExtBot

from bot.handoff.send_policy import Failure
from bot.storage.outbox import ButtonRows, OutboxItem

# A send waits this long for Telegram's answer: a slow answer counted as lost would be sent twice, and a
# chat waiting here holds back no other chat (each chat has its own queue)
READ_TIMEOUT = 30.0
OUTBOX = {"outbox": True}  # rate_limit_args: the worker has paced this call already
# transport errors that mean the request never reached Telegram: sending again cannot duplicate
Bot = ExtBot[Any]  # the Application's bot: it takes rate_limit_args
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, ConnectionRefusedError)


@dataclass(frozen=True)
class Where:
    """Where a message goes in the chat: in reply to, in which forum topic."""

    reply_to: int | None
    thread_id: int | None


def classify(exc: TelegramError) -> tuple[Failure, float, str]:
    """(failure, retry_after seconds, Telegram's words for the record: never a user's text)."""
    text = exc.message
    low = text.lower()
    if isinstance(exc, RetryAfter):
        retry = exc.retry_after
        return Failure.FLOOD, float(retry if isinstance(retry, int | float) else retry.total_seconds()), f"429 {text}"
    if isinstance(exc, Forbidden):
        if "deactivated" in low:
            return Failure.DEACTIVATED, 0.0, text
        if any(word in low for word in ("kicked", "not a member", "group", "channel")):
            return Failure.KICKED, 0.0, text
        return Failure.BLOCKED, 0.0, text  # blocked by the user, or the user never started the bot
    if isinstance(exc, ChatMigrated):
        return Failure.NOT_FOUND, 0.0, "the group became a supergroup (new chat id)"
    if isinstance(exc, BadRequest):
        return (Failure.NOT_FOUND if "chat not found" in low else Failure.REFUSED), 0.0, text
    if isinstance(exc, NetworkError):
        cause = exc.__cause__
        if isinstance(cause, _NOT_SENT) or "pool timeout" in low:
            return Failure.NOT_SENT, 0.0, type(exc).__name__
        if cause is None and not isinstance(exc, TimedOut):  # Telegram answered with an error (5xx)
            return Failure.SERVER, 0.0, type(exc).__name__
        return Failure.UNKNOWN, 0.0, type(exc).__name__  # sent, but the answer was lost: it may have arrived
    return Failure.SERVER, 0.0, type(exc).__name__  # InvalidToken, Conflict...: not this message's fault


def markup(rows: ButtonRows) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data) for label, data in row]
                                 for row in rows])


async def send(bot: Bot, item: OutboxItem, where: Where) -> Message:
    m = item.message
    keyboard, caption = markup(m.buttons), m.text or None
    common = {"reply_markup": keyboard, "reply_to_message_id": where.reply_to, "message_thread_id": where.thread_id,
              "allow_sending_without_reply": True, "read_timeout": READ_TIMEOUT, "rate_limit_args": OUTBOX}
    if m.media is not None and m.media.kind == "photo":
        return await bot.send_photo(item.chat_id, m.media.file_id, caption=caption, parse_mode=ParseMode.HTML,
                                    **common)  # type: ignore[arg-type]
    if m.media is not None:
        return await bot.send_document(item.chat_id, m.media.file_id, caption=caption, parse_mode=ParseMode.HTML,
                                       **common)  # type: ignore[arg-type]
    return await bot.send_message(item.chat_id, m.text, parse_mode=ParseMode.HTML, disable_web_page_preview=True,
                                  **common)  # type: ignore[arg-type]


async def create_topic(bot: Bot, item: OutboxItem) -> int:
    topic = await bot.create_forum_topic(item.chat_id, (item.message.topic or "Ticket")[:128], rate_limit_args=OUTBOX)
    return topic.message_thread_id


def _gone(exc: BadRequest) -> bool:
    return any(gone in exc.message.lower() for gone in ("not found", "not modified"))


async def remove(bot: Bot, item: OutboxItem) -> None:
    """Delete one of the bot's messages; where Telegram refuses (in groups only for 48 hours), overwrite it with
    the item's text and drop its buttons. A message already gone counts as done."""
    target = item.message.target
    if target is None:
        return
    try:
        await bot.delete_message(item.chat_id, target, rate_limit_args=OUTBOX)
        return
    except BadRequest:
        pass
    try:
        await bot.edit_message_text(item.message.text, chat_id=item.chat_id, message_id=target,
                                    parse_mode=ParseMode.HTML, rate_limit_args=OUTBOX)
    except BadRequest as exc:
        if "no text" in exc.message.lower():  # a forwarded photo or document: overwrite its caption
            try:
                await bot.edit_message_caption(chat_id=item.chat_id, message_id=target, caption=item.message.text,
                                               parse_mode=ParseMode.HTML, rate_limit_args=OUTBOX)
            except BadRequest as inner:
                if not _gone(inner):
                    raise
        elif not _gone(exc):
            raise
