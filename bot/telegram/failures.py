"""What people are told when their update's unit of work was rolled back (bot/storage/unit.py).

Sent straight to Telegram, not through the outbox: what failed may be the database itself (full disk, I/O
error, read-only), so nothing can be stored. A newcomer hears "please try again later" (a database fault) or
the generic error; a caseworker's answer or command that was not stored is refused under their message in the
group ("not saved, please send it again later"), never dropped without a word.
"""

from __future__ import annotations

import logging
from html import escape

from telegram import Bot, CallbackQuery
from telegram.constants import ParseMode

from bot.conversation.context import Sender, Services
from bot.conversation.core import Conversation, Incoming
from bot.conversation.ticket_texts import DESK_LANG
from bot.storage.unit import OnFailure, is_fault

from .render import send

log = logging.getLogger(__name__)


def tell_newcomer(bot: Bot, chat_id: int, conversation: Conversation, sender: Sender, incoming: Incoming,
                  query: CallbackQuery | None) -> OnFailure:
    async def tell(exc: BaseException) -> None:
        if query is not None:  # the button stops spinning
            await _answer(query)
        await send(bot, chat_id, await conversation.failure_replies(sender, incoming, exc))

    return tell


def tell_caseworker(bot: Bot, services: Services, chat_id: int, message_id: int | None, thread_id: int | None,
                    query: CallbackQuery | None = None) -> OnFailure:
    """Under the caseworker's message (or the pressed ticket post): it was not stored, send it again."""

    async def tell(exc: BaseException) -> None:
        if is_fault(exc):
            key = "desk.not_saved_fault"  # the unit of work logged the fault at ERROR
        else:
            log.error("caseworker action failed", exc_info=exc)
            key = "desk.not_saved_error"
        if query is not None:
            await _answer(query)
        await bot.send_message(
            chat_id,
            escape(services.locales.t(DESK_LANG, key)),
            parse_mode=ParseMode.HTML,
            reply_to_message_id=message_id,
            message_thread_id=thread_id,
            allow_sending_without_reply=True,
        )

    return tell


async def _answer(query: CallbackQuery) -> None:
    try:
        await query.answer()
    except Exception as exc:  # too old to answer: the notice below matters more
        log.warning("callback query not answered: %s", type(exc).__name__)
