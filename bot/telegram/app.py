"""Build the python-telegram-bot Application: settings, rate limiter, handlers, jobs."""

from __future__ import annotations

import logging
import time
from typing import Any

from telegram import BotCommand, BotCommandScopeChat
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, ContextTypes
from telegram.request import BaseRequest

from bot import event_job
from bot.conversation.context import Services
from bot.conversation.core import Conversation
from bot.conversation.ticket_texts import DESK_LANG
from bot.event_plan import SEND_AT
from bot.flows import DESK_COMMANDS, REGISTRY, USER_COMMANDS
from bot.handoff.send_policy import SendPolicy
from bot.runtime import Loaded, build_services
from bot.settings import Settings
from bot.storage import retention
from bot.storage.db import Database, now
from bot.storage.retention import Purged

from . import handlers
from .cluster import CLUSTER, Cluster, may_run_jobs
from .inbound import DurableQueue, start_inbound, stop_inbound
from .outbox_worker import OutboxWorker
from .rate_limit import ClusterBudget, SharedLimiter

log = logging.getLogger(__name__)
DAY_SECONDS = 86400
EVENT_NEWS_CATCH_UP = 120  # seconds after start-up: a bot that was down at SEND_AT still sends today's news


async def register_commands(app: Application, services: Services) -> None:  # type: ignore[type-arg]
    """The command menu in every supported language (English also as the default)."""
    for lang in (*services.locales.languages, None):
        code = lang or "en"
        commands = [BotCommand(name, services.locales.t(code, f"commands.{name}")[:256]) for name in USER_COMMANDS]
        await app.bot.set_my_commands(commands, language_code=lang)
    group = services.settings.caseworker_chat_id
    if group is None:
        return
    for lang in (*services.locales.languages, None):  # the caseworkers' menu, in the group only
        code = lang or DESK_LANG
        commands = [BotCommand(name, services.locales.t(code, f"desk_commands.{name}")[:256]) for name in DESK_COMMANDS]
        try:
            await app.bot.set_my_commands(commands, scope=BotCommandScopeChat(group), language_code=lang)
        except TelegramError as exc:  # not in the group yet: the commands still work when typed
            log.warning("caseworker group's command menu not set (%s)", type(exc).__name__)
            return


async def worker_database(services: Services) -> Database:
    """The outbox worker's own connection, so its commits never carry a flow's half-finished step."""
    location = services.settings.database
    return services.db if str(location) == ":memory:" else await Database.open(location)


async def apply_retention(services: Services) -> Purged:
    """Delete what is older than RETENTION_DAYS, then checkpoint so no copy stays in the -wal file."""
    days = services.settings.retention_days
    async with services.db.unit_of_work() as tx:  # one run, one transaction
        purged = await retention.purge(services.db, days, now())
        tx.checkpoint_after_commit()
    log.info("retention (%d days): %s", days, purged.summary())  # counts only, never texts
    return purged


async def purge_old_data(context: ContextTypes.DEFAULT_TYPE) -> None:
    conversation = handlers.conversation_of(context)
    if await may_run_jobs(context.application):  # once per cluster (telegram/cluster.py)
        await apply_retention(conversation.services)
    conversation.limiter.forget_idle()  # this worker's own memory


async def send_event_news(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The daily event news (bot/event_job.py), once per cluster; the outbox worker is woken for what was
    queued."""
    if not await may_run_jobs(context.application):
        return
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
    policy = SendPolicy()  # Telegram's limits, shared by direct replies and the outbox
    limiter = SharedLimiter(policy, wait=rate_limiter)

    async def post_init(app: Application) -> None:  # type: ignore[type-arg]
        ready = services or await build_services(settings, loaded)
        app.bot_data[handlers.CONVERSATION] = Conversation(ready, REGISTRY)

        started = time.monotonic()

        async def catch_up() -> None:  # this worker took the jobs over: today's news may not have gone out
            if app.job_queue is not None and time.monotonic() - started > EVENT_NEWS_CATCH_UP:  # else: below
                app.job_queue.run_once(send_event_news, when=EVENT_NEWS_CATCH_UP)

        cluster = app.bot_data[CLUSTER] = Cluster(ready, catch_up)
        await cluster.start()
        await register_commands(app, ready)
        if ready.db.is_postgres and rate_limiter:  # several workers may send: the cluster's counters too
            limiter.budget = ClusterBudget.of(await Database.open(str(ready.db.url)), policy)
        worker = OutboxWorker(app.bot, ready, await worker_database(ready), await _is_forum(app, settings), policy,
                              budget=limiter.budget)
        app.bot_data[handlers.WORKER] = worker
        if start_worker:
            worker.start()
        if app.job_queue is not None:
            app.job_queue.run_repeating(purge_old_data, interval=DAY_SECONDS, first=60)
            app.job_queue.run_daily(send_event_news, time=SEND_AT)
            # the jobs' holder by then sends it (quiet hours and records decide); a later holder: catch_up
            app.job_queue.run_once(send_event_news, when=EVENT_NEWS_CATCH_UP)
        await start_inbound(app, queue, ready.db)

    async def post_stop(app: Application) -> None:  # type: ignore[type-arg]
        await stop_inbound(app)  # the update under way finishes while the bot can still send

    async def post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
        await stop_inbound(app)
        cluster = app.bot_data.get(CLUSTER)
        if isinstance(cluster, Cluster):
            await cluster.stop()
        worker = app.bot_data.get(handlers.WORKER)
        if isinstance(worker, OutboxWorker):
            await worker.stop()
            if worker.db is not worker.services.db:
                await worker.db.close()
        if limiter.budget is not None:
            await limiter.budget.close()
            limiter.budget = None
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
    builder = builder.rate_limiter(limiter)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    app: Application = builder.build()  # type: ignore[type-arg]
    handlers.register(app, settings)
    return app
