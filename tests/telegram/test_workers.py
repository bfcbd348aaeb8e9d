"""Several workers on one database (README "Running several workers"): inbound updates claimed per chat, one
outbox sender and one runner of the periodic jobs elected, and /reload followed by every worker.

The workers here are separate Database objects (separate connection pools, as separate processes have) over
one PostgreSQL schema, run in one event loop; "killing" one terminates its server connection.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from dbkit import Places, read
from fakes import RecordingRequest
from telegram.error import RetryAfter
from telegram.ext import ExtBot

from bot.conversation.context import Services
from bot.handoff.send_policy import SendPolicy
from bot.handoff.shared_budget import Limits
from bot.runtime import Loaded
from bot.settings import Settings
from bot.storage import inbound, knowledge_version, outbox
from bot.storage.db import Database
from bot.storage.election import JOBS, SENDER, Election
from bot.storage.outbox import OutMessage
from bot.telegram.cluster import Cluster
from bot.telegram.inbound import InboundProcessor
from bot.telegram.outbox_worker import OutboxWorker
from bot.telegram.rate_limit import ClusterBudget, SharedLimiter

postgres_only = pytest.mark.postgres_only
CHATS = (7001, 7002, 7003)


class FakeApp:
    """What InboundProcessor needs of the Application: process_update, run inside the update's unit of work.
    What it processed is recorded once the unit is committed (a rolled-back update left no trace)."""

    def __init__(self, name: str, db: Database, log: list[tuple[str, int, int]], pause: float = 0.005) -> None:
        self.name, self.db, self.log, self.pause = name, db, log, pause
        self.bot: Any = None
        self.bot_data: dict[str, Any] = {}
        self.hold: asyncio.Event | None = None  # set: process_update waits for it (a worker stuck mid-update)
        self.started = asyncio.Event()

    async def process_update(self, update: Any) -> None:
        unit = self.db.current_unit()
        assert unit is not None
        self.started.set()
        if self.hold is not None:
            await self.hold.wait()
        await asyncio.sleep(self.pause)  # the chat's lock is held meanwhile: the other worker takes other chats
        entry = (self.name, update.effective_chat.id, update.update_id)

        async def record() -> None:
            self.log.append(entry)

        unit.after_commit(record)


def update(update_id: int, chat_id: int) -> dict[str, Any]:
    chat = {"id": chat_id, "type": "private", "first_name": "P"}
    return {"update_id": update_id, "message": {"message_id": update_id, "date": int(time.time()), "chat": chat,
                                                "from": {"id": chat_id, "is_bot": False, "first_name": "P"},
                                                "text": f"nachricht {update_id}"}}


async def store(db: Database, updates: list[dict[str, Any]]) -> None:
    async with db.unit_of_work():
        for u in updates:
            await inbound.store(db, u["update_id"], u["message"]["chat"]["id"], json.dumps(u))


@pytest.fixture
async def two(where: Places) -> AsyncIterator[tuple[Database, Database]]:
    location = where("workers.db")
    first, second = await Database.open(location), await Database.open(location)
    yield first, second
    await first.close()
    await second.close()


def services_on(db: Database, settings: Settings, loaded: Loaded) -> Services:
    return Services(settings, db, loaded.kb, loaded.matcher, loaded.locales, lambda: dt.datetime.now(dt.UTC))


def processor(name: str, db: Database, log: list[tuple[str, int, int]]) -> InboundProcessor:
    return InboundProcessor(FakeApp(name, db, log), db)  # type: ignore[arg-type]


@postgres_only
async def test_two_workers_process_every_update_once_and_each_chat_in_order(two: tuple[Database, Database]) -> None:
    a, b = two
    ids = list(range(100, 136))
    await store(a, [update(i, CHATS[i % 3]) for i in ids])  # the three chats interleaved
    log: list[tuple[str, int, int]] = []
    done = await asyncio.gather(processor("a", a, log).drain(), processor("b", b, log).drain())
    assert sorted(i for _, _, i in log) == ids  # every update once
    assert sum(done) == len(ids)
    for chat in CHATS:
        assert [i for _, c, i in log if c == chat] == [i for i in ids if CHATS[i % 3] == chat]  # in order
    assert {w for w, _, _ in log} == {"a", "b"}  # both took part
    assert all(r[0] == 0 for r in await a.conn.execute_fetchall(
        "SELECT COUNT(*) FROM inbound_updates WHERE processed_at IS NULL"))


@postgres_only
async def test_an_update_of_a_killed_worker_is_processed_by_the_other(two: tuple[Database, Database]) -> None:
    a, b = two
    await store(a, [update(200, CHATS[0]), update(201, CHATS[0]), update(202, CHATS[1])])
    log: list[tuple[str, int, int]] = []
    first = processor("a", a, log)
    app_a = first.app
    assert isinstance(app_a, FakeApp)
    app_a.hold = asyncio.Event()
    stuck = asyncio.create_task(first.drain())
    await asyncio.wait_for(app_a.started.wait(), 10)  # a claimed 200 and is in the middle of it
    second = processor("b", b, log)
    assert await second.drain() == 1  # chat 1 is a's now: b takes chat 2 only, and not 201 before 200
    assert [i for _, _, i in log] == [202]
    held = a.conn._held  # type: ignore[attr-defined]
    assert held is not None
    read(where_of(b), "SELECT pg_terminate_backend(?)", (held.info.backend_pid,))  # a dies mid-update
    stuck.cancel()
    await asyncio.gather(stuck, return_exceptions=True)
    assert await second.drain() == 2
    assert [(w, i) for w, _, i in log] == [("b", 202), ("b", 200), ("b", 201)]


def where_of(db: Database) -> str:
    assert db.url is not None
    return db.url


@postgres_only
async def test_one_sender_and_the_other_takes_over_when_its_connection_goes(
    two: tuple[Database, Database], settings: Settings, loaded: Loaded
) -> None:
    a, b = two
    workers, requests = [], []
    for db in (a, b):
        request = RecordingRequest()
        bot: ExtBot[None] = ExtBot("0:offline", request=request, rate_limiter=SharedLimiter(SendPolicy()))
        await bot.initialize()
        election = Election.of(db, SENDER, retry=0.0)
        workers.append(OutboxWorker(bot, services_on(db, settings, loaded), db, election=election))
        requests.append(request)
    for n in range(4):
        async with a.unit_of_work():
            await outbox.add(a, CHATS[n % 2], "status", OutMessage(f"nachricht {n}"))
    sent = [await w.deliver_due() for w in workers]
    assert sent == [4, 0]  # the first holds the role; the second sent nothing
    async with b.unit_of_work():
        await outbox.add(b, CHATS[2], "status", OutMessage("nach dem wechsel"))
    assert await workers[1].deliver_due() == 0
    await workers[0].election.close()  # its connection goes (a worker that dies): the lock goes with it
    assert await workers[1].deliver_due() == 1
    assert await workers[0].deliver_due() == 0  # the first is a candidate now
    texts = [c.text for r in requests for c in r.messages()]
    assert sorted(t or "" for t in texts) == sorted([f"nachricht {n}" for n in range(4)] + ["nach dem wechsel"])
    for w in workers:
        await w.stop()


@postgres_only
async def test_the_jobs_run_on_one_worker_and_move_when_it_goes(
    two: tuple[Database, Database], settings: Settings, loaded: Loaded
) -> None:
    a, b = two
    won: list[str] = []

    def cluster(db: Database, name: str) -> Cluster:
        async def on_won() -> None:
            won.append(name)

        return Cluster(services_on(db, settings, loaded), on_won, jobs=Election.of(db, JOBS, retry=0.0))

    first, second = cluster(a, "a"), cluster(b, "b")
    assert [await first.may_run_jobs(), await second.may_run_jobs()] == [True, False]
    assert await first.may_run_jobs() and not await second.may_run_jobs()
    await first.stop()  # the worker goes
    assert await second.may_run_jobs()
    assert not await first.may_run_jobs()
    await second.round()  # b notices it won the jobs: the event news catch-up is scheduled
    assert won == ["b"]
    await second.stop()


async def test_a_reload_on_one_worker_reaches_the_other(where: Places, settings: Settings, loaded: Loaded) -> None:
    location = where("workers.db")
    a, b = await Database.open(location), await Database.open(location)
    try:
        follower = services_on(b, settings, loaded)
        cluster = Cluster(follower)
        await cluster.start()
        assert not await cluster.follow_reload()  # nothing changed
        async with a.unit_of_work():  # a /reload on the other worker
            version = await knowledge_version.bump(a)
        assert await cluster.follow_reload()
        assert follower.knowledge_version == version
        assert follower.kb is not loaded.kb and len(follower.kb.active) == len(loaded.kb.active)
        assert not await cluster.follow_reload()  # once
        await cluster.stop()
    finally:
        await a.close()
        await b.close()


async def _bot(limiter: SharedLimiter) -> tuple[ExtBot[None], RecordingRequest]:
    request = RecordingRequest()
    bot: ExtBot[None] = ExtBot("0:offline", request=request, rate_limiter=limiter)
    await bot.initialize()
    return bot, request


@postgres_only
async def test_direct_replies_of_two_workers_keep_the_bots_limit_together(two: tuple[Database, Database]) -> None:
    a, b = two
    limits = Limits(overall_per_second=2, chat_interval=1.0, group_per_minute=20)
    bots = [await _bot(SharedLimiter(SendPolicy(), budget=ClusterBudget(db, limits))) for db in (a, b)]
    await asyncio.sleep(1.0 - time.time() % 1.0 + 0.02)  # start early in a second
    started = time.time()
    for n, (bot, _) in enumerate(bots):
        await bot.send_message(CHATS[n], "antwort")
    await bots[0][0].send_message(CHATS[2], "die dritte")  # worker a's own count says 1: the cluster's says 2
    assert time.time() - started >= 0.9  # it waited for the next second
    assert [len(request.messages()) for _, request in bots] == [2, 1]


@postgres_only
async def test_a_direct_reply_to_a_full_group_is_refused_for_the_outbox(two: tuple[Database, Database]) -> None:
    a, b = two
    limits = Limits(overall_per_second=100, chat_interval=1.0, group_per_minute=2)
    (bot_a, _), (bot_b, request_b) = [
        await _bot(SharedLimiter(SendPolicy(), budget=ClusterBudget(db, limits))) for db in (a, b)]
    await bot_a.send_message(-7001, "eins")
    await bot_a.send_message(-7001, "zwei")
    with pytest.raises(RetryAfter):  # render.send hands it to the outbox (tests/telegram/test_outbox_worker.py)
        await bot_b.send_message(-7001, "drei")
    assert request_b.messages() == []


@postgres_only
async def test_the_sender_holds_a_chat_another_worker_just_answered(
    two: tuple[Database, Database], settings: Settings, loaded: Loaded
) -> None:
    a, b = two
    budget_a = ClusterBudget(a, Limits())
    bot_b, _ = await _bot(SharedLimiter(SendPolicy(), budget=ClusterBudget(b, Limits())))
    bot_a, request_a = await _bot(SharedLimiter(SendPolicy(), budget=budget_a))
    worker = OutboxWorker(bot_a, services_on(a, settings, loaded), a, budget=budget_a)
    async with a.unit_of_work():
        await outbox.add(a, CHATS[0], "status", OutMessage("aus dem outbox"))
    await bot_b.send_message(CHATS[0], "direkte antwort")  # worker b, a moment ago
    await worker.step()  # planned, then held by the shared counters: nothing claimed
    assert await worker.settle() == 0
    assert request_a.messages() == [] and read(where_of(a), "SELECT attempts FROM outbox") == [(0,)]
    await asyncio.sleep(1.05)
    await worker.step()
    assert await worker.settle() == 1
    assert [c.text for c in request_a.messages()] == ["aus dem outbox"]
    await worker.stop()
