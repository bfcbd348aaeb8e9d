"""Durable inbound updates: stored before Telegram is told they arrived, then processed once, in order.

PTB's Updater hands every update it receives to `Application.update_queue.put` and only afterwards tells
Telegram it has it: polling moves the getUpdates offset past an update after `put` returned for it (and a
last getUpdates on shutdown confirms only those), the webhook handler answers HTTP 200 after `put` returned
(after it checked the secret-token header: 403 otherwise). `DurableQueue.put` commits the update to the
`inbound_updates` table before it returns, so whatever Telegram considers delivered is on disk. A failed
commit raises a TelegramError: polling retries with backoff without moving the offset, the webhook answers
500 and Telegram sends the update again.

`InboundProcessor` then feeds the stored updates to `Application.process_update`, oldest update_id first,
one at a time, each as one unit of work (bot/storage/unit.py): the handlers' writes (user state, question log,
tickets, outbox rows) and the "processed" mark are committed together, once, and the replies are sent after
that commit. Anything that raises rolls the whole update back, so nothing is half-written and the update is
still pending: it is replayed once at once (a transient failure heals), and after a second failure given up
(the person gets the generic error, the update is marked processed so it cannot block the chat). A database
fault (full disk, I/O error, read-only) is not retried: the person is asked to try again later and the update
is given up. At start-up the processor first replays what a crash left unprocessed; a crash after the commit
but before the replies went out loses those replies (the window is the send itself), never the stored state.

Everything of the bot's flows shares one connection, and the unit of work's lock lets one unit at a time use
it: a store waits for the update being processed (never for a reply being sent), and no task can commit or
roll back another task's half-finished step. Units begin with BEGIN IMMEDIATE, so the outbox worker's own
connection never meets a read-then-write conflict (SQLITE_BUSY_SNAPSHOT) here.

Several workers on one PostgreSQL database (README "Running several workers"): each stores what its webhook
receives and runs this processor over the shared table. The unit of work that processes an update first
claims it (bot/storage/inbound.claim): the chat's advisory lock for the transaction, taken without waiting,
the row locked, and a check that it is still pending and the chat's oldest pending update. So one chat's
updates run in update_id order, on one worker at a time, none twice, while other chats run on other workers.
An update of a chat that another worker has under way is left to that worker (its next round finds it); one
whose worker died mid-update was rolled back with that worker's connection and is picked up by the next
round of any worker (woken by its own updates, or every CLUSTER_POLL seconds).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.storage import inbound
from bot.storage.db import Database
from bot.storage.inbound import Claim
from bot.storage.unit import AfterCommitFailed, UnitFailed, is_fault

from .cluster import may_run_jobs
from .handlers import prepare_update

log = logging.getLogger(__name__)
IDLE_POLL = 30.0  # a safety net: new updates wake the processor at once
# several workers (PostgreSQL): an update stored by a worker that died before processing it, or left while
# another worker had its chat, is found by the others' next round at the latest this long after
CLUSTER_POLL = 1.0  # one cheap query a second per worker; 5 s gave a p99 of 8 s in bench/scale_bench.py
BATCH = 50
ATTEMPTS = 2  # an update whose unit of work raised is replayed once at once, then given up
PROCESSOR = "inbound_processor"  # bot_data key


class InboundStoreError(TelegramError):
    """The update could not be committed. A TelegramError on purpose: PTB's polling loop retries those with
    backoff and keeps the offset where it was; the webhook answers 500."""


class DurableQueue(asyncio.Queue[object]):
    """The Application's update queue: `put(update)` returns once the update is committed, and queues
    nothing (the processor reads the table). PTB's own stop signal passes through to the queue."""

    def __init__(self) -> None:
        super().__init__()
        self._db: Database | None = None
        self._on_stored: Callable[[], None] = lambda: None

    def attach(self, db: Database, on_stored: Callable[[], None]) -> None:
        self._db, self._on_stored = db, on_stored

    async def put(self, item: object) -> None:
        if not isinstance(item, Update):
            await super().put(item)
            return
        if self._db is None:
            raise InboundStoreError("the inbound store is not open yet")
        chat = item.effective_chat
        try:
            async with self._db.unit_of_work(durable=True):  # on disk even if the power fails after the ack
                await inbound.store(self._db, item.update_id, chat.id if chat else None, item.to_json())
        except Exception as exc:  # disk full, locked, closed: Telegram must not be told we have it
            log.error("update %s not stored: %s: %s", item.update_id, type(exc).__name__, exc)
            raise InboundStoreError(f"update not stored: {type(exc).__name__}: {exc}") from exc
        self._on_stored()


class InboundProcessor:
    """Processes stored updates one at a time in update_id order; replays leftovers when started."""

    def __init__(self, app: Application, db: Database) -> None:  # type: ignore[type-arg]
        self.app, self.db = app, db
        self._wake = asyncio.Event()
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._given_up_through = -1  # given up but not markable (the database refused): skip until restart

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="inbound")

    async def stop(self, grace: float = 15.0) -> None:
        """Let the update under way finish; one cut off is replayed at the next start."""
        self._stopping = True
        self._wake.set()
        task, self._task = self._task, None
        if task is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout=grace)
        except TimeoutError:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()  # before draining: a wake during the round is not lost
            try:
                await self.drain(background=True)
            except Exception:  # keep going; the update stays pending and is tried again
                log.exception("inbound round failed")
            if self._stopping:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=CLUSTER_POLL if self.db.is_postgres else IDLE_POLL)

    async def drain(self, background: bool = False) -> int:
        """Process everything pending that this worker may take; returns how many updates it processed. With
        several workers (PostgreSQL), a round ends when every update left is another worker's to process now
        (a chat under way elsewhere): that worker drains it, or this one's next round does."""
        done = 0
        async with self._lock:
            while True:
                async with self.db.unit_of_work():
                    rows = await inbound.pending(self.db, BATCH, self._given_up_through)
                if not rows:
                    return done
                moved = False  # did any row stop being pending in this round
                for row in rows:
                    if background and self._stopping:
                        return done
                    outcome = await self._process(row)
                    moved = moved or outcome not in (Claim.BUSY, Claim.LATER)
                    done += outcome is Claim.CLAIMED
                if not moved:
                    return done

    async def _process(self, row: inbound.Stored) -> Claim:
        """CLAIMED: processed (or given up) here; otherwise why it was left to another worker or for later."""
        try:
            update = Update.de_json(json.loads(row.payload), self.app.bot)
        except Exception as exc:  # unreadable: processing it again would fail again
            log.error("update %s unreadable (%s); skipped", row.update_id, type(exc).__name__)
            return await self._give_up(row)
        try:
            await prepare_update(self.app, update)  # outside the unit: may take seconds (/reload)
        except Exception:  # the update's own step builds again or reports; nothing is lost here
            log.exception("update %s: preparing failed", row.update_id)
        for attempt in range(1, ATTEMPTS + 1):
            try:
                async with self.db.unit_of_work() as tx:
                    claim = await inbound.claim(self.db, row, self._given_up_through)
                    if claim is not Claim.CLAIMED:  # another worker's now, or an earlier update goes first
                        return claim
                    tx.final = attempt == ATTEMPTS  # the handlers' failure notices wait for the last try
                    await self.app.process_update(update)
                    await inbound.mark_processed(self.db, row.update_id)
                return Claim.CLAIMED
            except AfterCommitFailed as exc:  # committed and marked; only a reply did not go out
                log.warning("update %s: replies not sent (%s)", row.update_id, _cause(exc.__cause__ or exc))
                return Claim.CLAIMED
            except Exception as exc:  # rolled back as a whole: still pending
                if not is_fault(exc) and attempt < ATTEMPTS:
                    log.warning("update %s rolled back (%s); replaying it", row.update_id, _cause(exc))
                    continue
                if not is_fault(exc):
                    log.error("update %s failed %d times (%s); given up", row.update_id, attempt, _cause(exc))
                return await self._give_up(row)
        return Claim.CLAIMED

    async def _give_up(self, row: inbound.Stored) -> Claim:
        """Mark it processed so it never blocks the queue; when even that cannot be stored, skip it until the
        next start (the person was told to try again later)."""
        try:
            async with self.db.unit_of_work():
                claim = await inbound.claim(self.db, row, self._given_up_through)
                if claim is not Claim.CLAIMED:
                    return claim
                await inbound.mark_processed(self.db, row.update_id)
        except Exception as exc:
            log.error("update %s given up but not marked (%s); skipped until restart", row.update_id, _cause(exc))
            self._given_up_through = max(self._given_up_through, row.update_id)
        return Claim.CLAIMED


def _cause(exc: BaseException) -> str:
    """The error's type, and the database's own words for a fault (never a message text)."""
    inner = exc.__cause__ if isinstance(exc, UnitFailed) and exc.__cause__ is not None else exc
    return f"{type(inner).__name__}: {inner}" if is_fault(inner) else type(inner).__name__


async def purge_tombstones(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Hourly, once per cluster: forget processed update ids older than a day (their texts went at processing)."""
    processor = context.application.bot_data.get(PROCESSOR)
    if isinstance(processor, InboundProcessor) and await may_run_jobs(context.application):
        async with processor.db.unit_of_work():
            removed = await inbound.purge_processed(processor.db)
        if removed:
            log.info("inbound: forgot %d processed update ids", removed)


async def start_inbound(app: Application, queue: DurableQueue, db: Database) -> None:  # type: ignore[type-arg]
    """Let the queue commit to the database and start processing (leftovers first)."""
    processor = InboundProcessor(app, db)
    queue.attach(db, processor.wake)
    app.bot_data[PROCESSOR] = processor
    processor.start()
    if app.job_queue is not None:
        app.job_queue.run_repeating(purge_tombstones, interval=3600, first=60)


async def stop_inbound(app: Application) -> None:  # type: ignore[type-arg]
    """Stop processing; the update under way finishes (called before the bot's HTTP client goes)."""
    processor = app.bot_data.get(PROCESSOR)
    if isinstance(processor, InboundProcessor):
        await processor.stop()
