"""What makes several workers on one PostgreSQL database act as one bot, besides the inbound claims and the
outbox sender's election: the periodic jobs run on one worker only, and a /reload on any worker reaches all.

`Cluster` runs on every worker. Every RELOAD_POLL seconds it reads the knowledge version (raised by /reload,
bot/conversation/admin.py); when it differs from the one this worker's knowledge was loaded at, it builds the
knowledge from the folder off the event loop and swaps, as /reload does. It also keeps the jobs role
(bot/storage/election.py) held or tries for it, and a worker that wins the role runs the event news catch-up
(the last holder may have died before the day's news went out; sent records keep it from going twice).
On SQLite (one process) it does nothing but hand out the role, which that process always holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from telegram.ext import Application

from bot.conversation import admin
from bot.conversation.context import Services
from bot.storage import knowledge_version
from bot.storage.election import JOBS, Election

log = logging.getLogger(__name__)
RELOAD_POLL = 10.0  # seconds: how long after a /reload on another worker this one may still answer from the old
CLUSTER = "cluster"  # bot_data key


class Cluster:
    def __init__(self, services: Services, on_jobs_won: Callable[[], Awaitable[object]] | None = None,
                 poll: float = RELOAD_POLL, jobs: Election | None = None) -> None:
        self.services, self.poll = services, poll
        self.jobs = jobs or Election.of(services.db, JOBS)
        self._on_jobs_won = on_jobs_won
        self._term = self.jobs.term
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Note the version the knowledge in use stands for, then poll (PostgreSQL only)."""
        db = self.services.db
        async with db.unit_of_work():
            self.services.knowledge_version = await knowledge_version.current(db)
        if db.is_postgres:
            self._task = asyncio.create_task(self._run(), name="cluster")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.jobs.close()

    async def may_run_jobs(self) -> bool:
        """True on the one worker that runs the periodic jobs now."""
        return await self.jobs.hold()

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.poll)
            try:
                await self.round()
            except Exception:  # keep following; the next round tries again
                log.exception("cluster round failed")

    async def round(self) -> None:
        await self.follow_reload()
        if await self.jobs.hold() and self.jobs.term != self._term:
            self._term = self.jobs.term
            if self._on_jobs_won is not None:
                await self._on_jobs_won()

    async def follow_reload(self) -> bool:
        """Swap to freshly built knowledge when the version moved; True when it did."""
        services = self.services
        async with services.db.unit_of_work():
            version = await knowledge_version.current(services.db)
        if version == services.knowledge_version:
            return False
        loaded, problems = await admin.build(services)  # off the event loop, as /reload does
        if loaded is None:  # the folder is broken now: keep serving the knowledge in use
            log.error("knowledge version %d not followed: %d problems in the knowledge folder", version, len(problems))
            services.knowledge_version = version  # tried once; the next /reload raises the version again
            return False
        admin.apply(services, loaded)
        services.knowledge_version = version
        log.info("knowledge reloaded to version %d (a /reload on another worker)", version)
        return True


async def may_run_jobs(app: Application) -> bool:  # type: ignore[type-arg]
    """Whether this worker runs the periodic jobs now (always, without a Cluster: tests, one process)."""
    cluster = app.bot_data.get(CLUSTER)
    return not isinstance(cluster, Cluster) or await cluster.may_run_jobs()
