"""Thin adapters from Telegram updates to the conversation core; all registered in `register`."""

from __future__ import annotations

import logging
import time
from html import escape

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.conversation import protocol
from bot.conversation.context import Sender
from bot.conversation.core import Command, Conversation, Incoming, NonText, Press, Text
from bot.conversation.registry import Actor, Posted, Pressed, Upload
from bot.conversation.replies import Reply
from bot.conversation.ticket_texts import DESK_LANG
from bot.handoff import desk
from bot.settings import Settings
from bot.storage.outbox import Media

from .render import send

log = logging.getLogger("wegweiser.updates")
CONVERSATION = "conversation"
WORKER = "outbox_worker"


def conversation_of(context: ContextTypes.DEFAULT_TYPE) -> Conversation:
    conversation = context.application.bot_data[CONVERSATION]
    assert isinstance(conversation, Conversation)
    return conversation


def _kind(message: Message) -> NonText:
    for kind in ("voice", "sticker", "photo", "video", "document", "location", "contact"):
        if getattr(message, kind, None):
            return NonText(kind)  # type: ignore[arg-type]
    return NonText("other")


def media_of(message: Message) -> Media | None:
    """A photo (its largest size) or a document, by Telegram's file id: nothing is downloaded."""
    if message.photo:
        return Media("photo", message.photo[-1].file_id)
    if message.document is not None:
        return Media("document", message.document.file_id)
    return None


def command_of(text: str, bot_username: str | None = None) -> Command | None:
    """'/name args', also '/name@bot args' as a command picked from the menu in a group arrives; a lone '/'
    is a command without a name (answered as unknown). None when the command is addressed to another bot."""
    parts = text[1:].split(maxsplit=1) if text[1:2].strip() else ["", text[1:]]
    word, args = parts[0], parts[1].strip() if len(parts) > 1 else ""
    name, _, addressee = word.partition("@")
    if addressee and bot_username and addressee.lower() != bot_username.lower():
        return None
    return Command(name[:32], args)


def incoming_of(update: Update, bot_username: str | None = None) -> Incoming | None:
    if update.callback_query is not None:
        return Press(update.callback_query.data or "")
    message = update.effective_message
    if message is None:
        return None
    text = message.text
    if text and text.startswith("/"):
        return command_of(text, bot_username)
    if text:
        return Text(text)
    media = media_of(message)
    if media is not None:
        mime = message.document.mime_type if message.document is not None else None
        return Upload(media, message.caption or "", message.message_id, message.media_group_id, mime)
    return _kind(message)


async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    started = time.perf_counter()
    user = update.effective_user
    chat = update.effective_chat
    incoming = incoming_of(update, context.bot.username)
    if user is None or chat is None or incoming is None:
        return
    conversation = conversation_of(context)
    settings = conversation.services.settings
    query = update.callback_query
    if query is not None:
        await query.answer()
    pressed = query.message if query is not None and isinstance(query.message, Message) else None
    desks = settings.desks_of(chat.id)  # the caseworkers' group, the speaker broker's group
    if desks and isinstance(incoming, Press) and pressed is not None:
        actor = Actor(user.id, user.first_name or "", True, user.id in settings.admin_ids, desks)
        replies = await desk_press(conversation, actor, Pressed(chat.id, pressed.message_id), incoming.data)
        pressed = None  # answers in the group are new messages; the ticket post keeps its buttons
    elif chat.type != "private":
        return
    else:
        name = " ".join(part for part in (user.first_name, user.last_name) if part) or None
        sender = Sender(user.id, user.language_code, user.id in settings.admin_ids, name)
        replies = await conversation.handle(sender, incoming)
    await send(context.bot, chat.id, replies, pressed)
    wake_outbox(context)
    log.info(
        "update=%s kind=%s replies=%d ms=%.1f",
        update.update_id, type(incoming).__name__, len(replies), (time.perf_counter() - started) * 1000,
    )
    if log.isEnabledFor(logging.DEBUG):
        log.debug("update=%s input=%r", update.update_id, incoming)


async def desk_press(conversation: Conversation, actor: Actor, pressed: Pressed, data: str) -> list[Reply]:
    """Ticket buttons in the group, dispatched from the registry; anything else is stale."""
    action = protocol.unpack(data)
    handler = conversation.registry.desk.buttons.get(type(action)) if action is not None else None
    if handler is None:
        return [Reply(escape(conversation.services.locales.t(DESK_LANG, "desk.stale")))]
    return await handler(conversation.services, actor, pressed, action)


def wake_outbox(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Wake the delivery worker only when this update queued something."""
    worker = context.application.bot_data.get(WORKER)
    if worker is not None and conversation_of(context).services.db.outbox_touched:
        worker.wake()


def posted_of(message: Message, edited: bool) -> Posted:
    """A group message as the desk sees it: text or caption, photo or document, and when it was edited."""
    media = media_of(message)
    edited_at = int(message.edit_date.timestamp()) if message.edit_date is not None else 0
    return Posted(
        message.chat_id,
        message.message_id,
        message.reply_to_message.message_id if message.reply_to_message else None,
        message.message_thread_id if message.is_topic_message else None,
        message.text or message.caption or "",
        media,
        edited_at if edited else None,
        relayable=bool(message.text) or media is not None,
    )


async def on_group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A desk group (the caseworkers', the speaker broker's): commands, and messages (new or edited) that answer
    one of its tickets."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    conversation = conversation_of(context)
    settings = conversation.services.settings
    desks = settings.desks_of(message.chat_id)
    actor = Actor(user.id, user.first_name or "", True, user.id in settings.admin_ids, desks)
    incoming = incoming_of(update, context.bot.username)
    services = conversation.services
    if incoming is None:  # a command for another bot in the group
        return
    if isinstance(incoming, Command):
        if update.edited_message is not None:
            return  # an edited command is not run twice
        command = conversation.registry.desk.commands.get(incoming.name.lower())
        if command is None:
            replies = [Reply(escape(services.locales.t(DESK_LANG, "desk.usage")))]
        else:
            replies = await command(services, actor, incoming.args)
    else:
        replies = await desk.reply(services, actor, posted_of(message, update.edited_message is not None))
    await send(context.bot, message.chat_id, replies)
    wake_outbox(context)
    log.info("update=%s kind=group replies=%d", update.update_id, len(replies))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error type only: the update may carry message text and names."""
    log.error("update failed: %s", type(context.error).__name__, exc_info=log.isEnabledFor(logging.DEBUG))


def register(app: Application, settings: Settings) -> None:  # type: ignore[type-arg]
    private = filters.ChatType.PRIVATE
    groups = {chat for chat in (settings.caseworker_chat_id, settings.broker_chat_id) if chat is not None}
    if groups:
        group = filters.Chat(chat_id=sorted(groups))
        app.add_handler(MessageHandler(group & ~filters.StatusUpdate.ALL, on_group_message))
    app.add_handler(MessageHandler(private & ~filters.StatusUpdate.ALL, on_update))
    app.add_handler(CallbackQueryHandler(on_update))
    app.add_error_handler(on_error)
