"""Thin adapters from Telegram updates to the conversation core; all registered in `register`."""

from __future__ import annotations

import logging
import time

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.conversation.context import Sender
from bot.conversation.core import Command, Conversation, Incoming, NonText, Press, Text

from .render import send

log = logging.getLogger("wegweiser.updates")
CONVERSATION = "conversation"


def conversation_of(context: ContextTypes.DEFAULT_TYPE) -> Conversation:
    conversation = context.application.bot_data[CONVERSATION]
    assert isinstance(conversation, Conversation)
    return conversation


def _kind(message: Message) -> NonText:
    for kind in ("voice", "sticker", "photo", "video", "document", "location", "contact"):
        if getattr(message, kind, None):
            return NonText(kind)  # type: ignore[arg-type]
    return NonText("other")


def incoming_of(update: Update) -> Incoming | None:
    if update.callback_query is not None:
        return Press(update.callback_query.data or "")
    message = update.effective_message
    if message is None:
        return None
    text = message.text
    if text and text.startswith("/"):
        name = text[1:].split(maxsplit=1)[0].split("@")[0]
        return Command(name[:32], text[len(name) + 1 :].strip())
    if text:
        return Text(text)
    return _kind(message)


async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    started = time.perf_counter()
    user = update.effective_user
    chat = update.effective_chat
    incoming = incoming_of(update)
    if user is None or chat is None or incoming is None:
        return
    conversation = conversation_of(context)
    admins = conversation.services.settings.admin_ids
    sender = Sender(user.id, user.language_code, user.id in admins)
    query = update.callback_query
    if query is not None:
        await query.answer()
    replies = await conversation.handle(sender, incoming)
    pressed = query.message if query is not None and isinstance(query.message, Message) else None
    await send(context.bot, chat.id, replies, pressed)
    log.info(
        "update=%s kind=%s replies=%d ms=%.1f",
        update.update_id, type(incoming).__name__, len(replies), (time.perf_counter() - started) * 1000,
    )
    if log.isEnabledFor(logging.DEBUG):
        log.debug("update=%s input=%r", update.update_id, incoming)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error type only: the update may carry message text and names."""
    log.error("update failed: %s", type(context.error).__name__, exc_info=log.isEnabledFor(logging.DEBUG))


def register(app: Application) -> None:  # type: ignore[type-arg]
    private = filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(private & ~filters.StatusUpdate.ALL, on_update))
    app.add_handler(CallbackQueryHandler(on_update))
    app.add_error_handler(on_error)
