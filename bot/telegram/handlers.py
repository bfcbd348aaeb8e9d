"""Thin adapters from Telegram updates to the conversation core; all registered in `register`."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Awaitable, Callable
from html import escape

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.conversation import admin, protocol
from bot.conversation.context import Sender
from bot.conversation.core import Command, Conversation, Incoming, NonText, Press, Text
from bot.conversation.registry import Actor, Posted, Pressed, Upload
from bot.conversation.replies import Reply
from bot.conversation.ticket_texts import DESK_LANG
from bot.handoff import desk
from bot.settings import Settings
from bot.storage import outbox
from bot.storage.outbox import Media
from bot.storage.unit import AfterCommitFailed, OnFailure

from .failures import tell_caseworker, tell_newcomer
from .render import Defer, as_outbox, send

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


async def prepare_update(app: Application, update: Update) -> None:  # type: ignore[type-arg]
    """What an update needs that must not hold the database: /reload's build (admins only), done before
    the inbound processor opens the update's unit of work, so other chats are not held up meanwhile."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or not (message.text or "").startswith("/"):
        return
    command = command_of(message.text or "", app.bot.username)
    conversation = app.bot_data.get(CONVERSATION)
    if command is None or command.name.lower() != "reload" or not isinstance(conversation, Conversation):
        return
    if user.id in conversation.services.settings.admin_ids:
        await admin.prepare(conversation.services)


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
    user = update.effective_user
    chat = update.effective_chat
    incoming = incoming_of(update, context.bot.username)
    if user is None or chat is None or incoming is None:
        return
    conversation = conversation_of(context)
    settings = conversation.services.settings
    query = update.callback_query
    pressed = query.message if query is not None and isinstance(query.message, Message) else None
    step: Callable[[], Awaitable[list[Reply]]]
    desks = settings.desks_of(chat.id)  # the caseworkers' group, the speaker broker's group
    if desks and isinstance(incoming, Press) and pressed is not None:
        actor = Actor(user.id, user.first_name or "", True, user.id in settings.admin_ids, desks)
        where, data = Pressed(chat.id, pressed.message_id), incoming.data
        thread = pressed.message_thread_id if pressed.is_topic_message else None

        async def step() -> list[Reply]:
            return await desk_press(conversation, actor, where, data)

        tell = tell_caseworker(context.bot, conversation.services, chat.id, where.message_id, thread, query)
        pressed = None  # answers in the group are new messages; the ticket post keeps its buttons
    elif chat.type != "private":
        if query is not None:
            await query.answer()
        return
    else:
        name = " ".join(part for part in (user.first_name, user.last_name) if part) or None
        sender = Sender(user.id, user.language_code, user.id in settings.admin_ids, name)
        message = incoming

        async def step() -> list[Reply]:
            return await conversation.handle(sender, message)

        tell = tell_newcomer(context.bot, chat.id, conversation, sender, incoming, query)
    await in_unit(context, update, chat.id, step, tell, pressed, type(incoming).__name__)


async def in_unit(
    context: ContextTypes.DEFAULT_TYPE,
    update: Update,
    chat_id: int,
    step: Callable[[], Awaitable[list[Reply]]],
    tell: OnFailure,
    pressed: Message | None = None,
    kind: str = "",
) -> None:
    """One update, one unit of work: the step's writes are committed (with the inbound update's "processed"
    mark: the processor's unit, which this joins), and only then are the replies sent. When it is rolled back,
    `tell` says so; the exception stops here (logged by whoever tells)."""
    started = time.perf_counter()

    async def deliver(replies: list[Reply]) -> None:
        if update.callback_query is not None:
            await update.callback_query.answer()
        await send(context.bot, chat_id, replies, pressed, deferrer(conversation_of(context), chat_id))
        wake_outbox(context)
        log.info(
            "update=%s kind=%s replies=%d ms=%.1f",
            update.update_id, kind, len(replies), (time.perf_counter() - started) * 1000,
        )

    try:
        async with conversation_of(context).services.db.unit_of_work() as tx:
            tx.on_failure(tell)
            replies = await step()
            tx.after_commit(functools.partial(deliver, replies))
    except AfterCommitFailed as exc:  # committed; a reply could not be sent: PTB's error handler logs it
        raise exc.__cause__ or exc from None
    except Exception:  # rolled back, and `tell` said so
        return
    if log.isEnabledFor(logging.DEBUG):
        log.debug("update=%s input=%r", update.update_id, incoming_of(update, context.bot.username))


async def desk_press(conversation: Conversation, actor: Actor, pressed: Pressed, data: str) -> list[Reply]:
    """Ticket buttons in the group, dispatched from the registry; anything else is stale."""
    action = protocol.unpack(data)
    handler = conversation.registry.desk.buttons.get(type(action)) if action is not None else None
    if handler is None:
        return [Reply(escape(conversation.services.locales.t(DESK_LANG, "desk.stale")))]
    return await handler(conversation.services, actor, pressed, action)


def deferrer(conversation: Conversation, chat_id: int) -> Defer:
    """Replies Telegram holds back (a flood wait in this chat) become outbox rows, delivered after the wait."""

    async def defer(replies: list[Reply]) -> None:
        db = conversation.services.db
        async with db.unit_of_work():  # after the update's own commit: a unit of its own
            for reply in replies:
                message = as_outbox(reply)
                if message is not None:
                    await outbox.add(db, reply.to_chat or chat_id, "reply", message)

    return defer


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
    if isinstance(incoming, Command) and update.edited_message is not None:
        return  # an edited command is not run twice

    async def step() -> list[Reply]:
        if isinstance(incoming, Command):
            command = conversation.registry.desk.commands.get(incoming.name.lower())
            if command is None:
                return [Reply(escape(services.locales.t(DESK_LANG, "desk.usage")))]
            return await command(services, actor, incoming.args)
        return await desk.reply(services, actor, posted_of(message, update.edited_message is not None))

    thread = message.message_thread_id if message.is_topic_message else None
    tell = tell_caseworker(context.bot, services, message.chat_id, message.message_id, thread)
    await in_unit(context, update, message.chat_id, step, tell, kind="group")


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
