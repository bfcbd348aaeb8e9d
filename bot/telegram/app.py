"""Build the python-telegram-bot Application: settings, rate limiter, handlers, jobs."""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes
from telegram.request import BaseRequest

from bot import event_job
from bot.conversation.context import Services
from bot.conversation.core import Conversation
from bot.event_plan import SEND_AT
from bot.flows import REGISTRY, USER_COMMANDS
from bot.runtime import Loaded, build_services
from bot.settings import Settings
from bot.storage import retention
from bot.storage.db import now
from bot.storage.retention import Purged

from . import handlers
from .inbound import DurableQueue, start_inbound, stop_inbound
from .outbox_worker import OutboxWorker

log = logging.getLogger(__name__)
DAY_SECONDS = 86400
EVENT_NEWS_CATCH_UP = 120  # seconds after start-up: a bot that was down at SEND_AT still sends today's news


async def register_commands(app: Application, services: Services) -> None:  # type: ignore[type-arg]
    """The command menu in every supported language (English also as the default)."""
    for lang in (*services.locales.languages, None):
        code = lang or "en"
        commands = [BotCommand(name, services.locales.t(code, f"commands.{name}")[:256]) for name in USER_COMMANDS]
        await app.bot.set_my_commands(commands, language_code=lang)


async def apply_retention(services: Services) -> Purged:
    """Delete what is older than RETENTION_DAYS, then checkpoint so no copy stays in the -wal file."""
    days = services.settings.retention_days
    purged = await retention.purge(services.db, days, now())
    await services.db.checkpoint()
    log.info("retention (%d days): %s", days, purged.summary())  # counts only, never texts
    return purged


async def purge_old_data(context: ContextTypes.DEFAULT_TYPE) -> None:
    conversation = handlers.conversation_of(context)
    await apply_retention(conversation.services)
    conversation.limiter.forget_idle()


async def send_event_news(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The daily event news (bot/event_job.py); the outbox worker is woken for what was queued."""
    await event_job.send_due(handlers.conversation_of(context).services)
    worker = context.application.bot_data.get(handlers.WORKER)
    if isinstance(worker, OutboxWorker):
        worker.wake()


async def _is_forum(app: Application, settings: Settings) -> bool:  # type: ignore[type-arg]
    """A forum group gets one topic per ticket; if the group cannot be read, plain replies are used."""
    if settings.caseworker_chat_id is None:
        return False
    try:
        chat = await app.bot.get_chat(settings.caseworker_chat_id)
    except Exception as exc:  # any failure here must not stop the bot from serving newcomers
        log.warning("caseworker chat not readable (%s); tickets go to it as plain messages", type(exc).__name__)
        return False
    return bool(chat.is_forum)


def build_application(
    settings: Settings,
    request: BaseRequest | None = None,
    services: Services | None = None,
    rate_limiter: bool = True,
    start_worker: bool = True,
    loaded: Loaded | None = None,
) -> Application:  # type: ignore[type-arg]
    """`request` lets tests pass a recording fake; `services` lets them share one database, `loaded`
    one knowledge base and matcher."""
    queue = DurableQueue()  # an update is committed before Telegram is told it arrived (telegram/inbound.py)

    async def post_init(app: Application) -> None:  # type: ignore[type-arg]
        ready = services or await build_services(settings, loaded)
        app.bot_data[handlers.CONVERSATION] = Conversation(ready, REGISTRY)
        await register_commands(app, ready)
        worker = OutboxWorker(app.bot, ready, forum=await _is_forum(app, settings))
        app.bot_data[handlers.WORKER] = worker
        if start_worker:
            worker.start()
        if app.job_queue is not None:
            app.job_queue.run_repeating(purge_old_data, interval=DAY_SECONDS, first=60)
            app.job_queue.run_daily(send_event_news, time=SEND_AT)
            app.job_queue.run_once(send_event_news, when=EVENT_NEWS_CATCH_UP)  # quiet hours and records decide
        await start_inbound(app, queue, ready.db)

    async def post_stop(app: Application) -> None:  # type: ignore[type-arg]
        await stop_inbound(app)  # the update under way finishes while the bot can still send

    async def post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
        await stop_inbound(app)
        worker = app.bot_data.get(handlers.WORKER)
        if isinstance(worker, OutboxWorker):
            await worker.stop()
        conversation = app.bot_data.get(handlers.CONVERSATION)
        if isinstance(conversation, Conversation):
            await conversation.services.semantic.stop()
            if services is None:
                await conversation.services.db.close()

    builder: Any = (
        ApplicationBuilder()
        .token(settings.bot_token or "0:offline")
        .base_url(settings.telegram_base_url)
        .base_file_url(settings.telegram_base_file_url)
        .update_queue(queue)
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
    )
    if rate_limiter:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    app: Application = builder.build()  # type: ignore[type-arg]
    handlers.register(app, settings)
    return app
