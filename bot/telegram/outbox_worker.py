"""Deliver the outbox: one queue per chat, paced by send_policy, on the worker's own database connection.

Each chat's oldest waiting row is its head; `SendPolicy.plan` says which heads may go now (Telegram's limits
for the whole bot and per chat, each chat's flood wait, answers to newcomers first). Every chosen head is sent
in its own task, so a chat that waits (429, 5xx backoff, a slow answer) holds back no other chat.

Each row goes through three short transactions, committed here and nowhere else: claim (pending ->
sending), the request, then the outcome (sent with what follows from it, a retry, or failed with the reports
it causes). A failure for good is logged at WARNING (ids only), told in the caseworkers' group and, where
their words did not reach the group, to the newcomer. See README "Delivery guarantees".

Several workers (PostgreSQL): only one sends, the holder of the sender role (bot/storage/election.py); the
others try to take it over every few seconds and do so when the holder dies. So the per-chat order and
Telegram's limits, kept in this process's SendPolicy, hold for the whole cluster; rows queued by the other
workers are found by the sender's poll every CLUSTER_POLL seconds. A new holder first recovers the rows the
last one left 'sending' (the unknown-outcome window, as after a restart). Each send also takes its place in
the cluster's shared counters (ClusterBudget), so the direct replies of the other workers count too; when those
say wait, the chat is held that long. See README "Running several workers".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from html import escape
from typing import TypeVar

from telegram import Message
from telegram.error import TelegramError

from bot.conversation import ticket_texts
from bot.conversation.context import Services
from bot.conversation.ticket_texts import DESK_LANG
from bot.handoff import failures
from bot.handoff.send_policy import Failure, Head, SendPolicy, verdict
from bot.storage import outbox, tickets, users
from bot.storage.db import Database
from bot.storage.election import SENDER, Election
from bot.storage.outbox import OutboxItem, OutMessage
from bot.storage.unit import is_retryable

from . import delivery
from .delivery import Bot
from .rate_limit import ClusterBudget

log = logging.getLogger(__name__)
IDLE_POLL = 30.0  # a safety net: new rows wake the worker at once
CLUSTER_POLL = 1.0  # several workers: a row queued by another worker waits at most this long for the sender
COMMIT_ATTEMPTS = 20  # a locked or busy database is retried this often before the outcome is left for later
COMMIT_PAUSE = 0.25  # seconds between those attempts
T = TypeVar("T")
TO_TICKET_POST = frozenset({"followup", "attachment", "notice"})  # in reply to the post, once it is there


class OutboxWorker:
    def __init__(self, bot: Bot, services: Services, db: Database | None = None, forum: bool = False,
                 policy: SendPolicy | None = None, clock: Callable[[], float] = time.time,
                 election: Election | None = None, budget: ClusterBudget | None = None) -> None:
        self.bot, self.services, self.forum = bot, services, forum
        self.db = db or services.db  # its own connection in the running bot (telegram/app.py)
        self.policy = policy or SendPolicy()
        self.clock = clock
        self.election = election or Election.of(self.db, SENDER)  # SQLite: always this process
        self.budget = budget  # several workers (PostgreSQL): the cluster's shared send counters
        self._wake = asyncio.Event()
        self._txn = asyncio.Lock()  # one transaction at a time on the worker's connection
        self._inflight: dict[int, asyncio.Task[bool]] = {}  # chat id -> its send under way
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._recovered = 0  # the election term whose leftovers were recovered

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name="outbox")

    async def stop(self, grace: float = 10.0) -> None:
        """Stop planning; let the sends under way finish and record their outcome (a message Telegram took
        but that is not marked sent would go out again after a restart)."""
        self._stopping = True
        self._wake.set()
        task, self._task = self._task, None
        if task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        pending = list(self._inflight.values())
        if pending:
            _, late = await asyncio.wait(pending, timeout=grace)
            for cut in late:  # left 'sending': sent again at the next start (the unknown-outcome window)
                cut.cancel()
        await self.election.close()  # another worker becomes the sender

    async def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()
            try:
                wait = await self.step()
            except Exception:  # keep delivering after any unexpected error
                log.exception("outbox round failed")
                wait = IDLE_POLL
            if self._stopping:
                break
            idle = CLUSTER_POLL if self.db.is_postgres else IDLE_POLL
            timeout = idle if wait is None else max(0.0, min(wait, idle))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=timeout)

    async def recover(self) -> None:
        """Once per start (per election won): rows a crash left 'sending' may or may not have reached Telegram;
        they are sent again."""
        if self._recovered == self.election.term:
            return
        self._recovered = self.election.term
        ids = await self._transaction(outbox.recover)
        if ids:
            log.warning("outbox: %d deliveries were under way at the last stop, outcome unknown, sending again: %s",
                        len(ids), ids)

    async def step(self, paced: bool = True) -> float | None:
        """Start every send allowed now; seconds until the next may be (None: nothing waits). A worker that is
        not the sender sends nothing and tries for the role again after `election.retry` seconds."""
        if not await self.election.hold():
            return self.election.retry
        await self.recover()
        now = self.clock()
        async with self._txn:  # no read of ours stays open while another task of ours writes
            rows = await outbox.heads(self.db)
        heads = [Head(r.id, r.chat_id, r.purpose, r.due_at) for r in rows]
        chosen, later = self.policy.plan(heads, now, busy=self._inflight, paced=paced)
        for head in chosen:
            self._inflight[head.chat_id] = asyncio.create_task(self._deliver_head(head, paced),
                                                              name=f"outbox-{head.item_id}")
        self.policy.forget_idle(now)
        return None if later is None else later - now

    async def deliver_due(self) -> int:
        """Send everything due now, unpaced (tests and tools); returns how many were delivered."""
        done = 0
        while True:
            await self.step(paced=False)
            if not self._inflight:
                return done
            results = await asyncio.gather(*self._inflight.values())
            done += sum(results)

    async def settle(self) -> int:
        """Wait for the sends under way (tests with a fake clock); returns how many were delivered."""
        return sum(await asyncio.gather(*self._inflight.values())) if self._inflight else 0

    async def _deliver_head(self, head: Head, paced: bool = True) -> bool:
        try:
            if self.budget is not None and paced:
                wait = await self.budget.reserve(head.chat_id, pace_chat=True)
                if wait > 0:  # other workers' replies used the budget: this chat waits, nothing is claimed
                    self.policy.hold(head.chat_id, self.clock() + wait)
                    return False
            return await self._deliver(head.item_id)
        except Exception:
            log.exception("outbox item %s: delivery step failed", head.item_id)
            return False
        finally:
            self._inflight.pop(head.chat_id, None)
            self._wake.set()

    async def _deliver(self, item_id: int) -> bool:
        item = await self._transaction(lambda db: outbox.claim(db, item_id, self.clock()))
        if item is None:
            return False
        try:
            message = await self._perform(item)
        except TelegramError as exc:
            failure, retry_after, error = delivery.classify(exc)
            await self._failed(item, failure, retry_after, error)
            return False
        except Exception as exc:  # a bug or an unexpected library error: retried with backoff, then reported
            log.exception("outbox item %s (%s): unexpected error", item.id, item.purpose)
            await self._failed(item, Failure.SERVER, 0.0, type(exc).__name__)
            return False
        await self._transaction(lambda db: self._sent(db, item, message))
        return True

    async def _perform(self, item: OutboxItem) -> Message | None:
        if item.purpose == "delete":
            await delivery.remove(self.bot, item)
            return None
        return await delivery.send(self.bot, item, await self._where(item))

    async def _where(self, item: OutboxItem) -> delivery.Where:
        m = item.message
        if item.ticket_id is None:
            return delivery.Where(m.reply_to, m.thread_id)
        if item.purpose == "post" and self.forum and item.chat_id == self.services.settings.caseworker_chat_id:
            async with self._txn:
                ticket = await tickets.get(self.db, item.ticket_id)
            if ticket is not None and ticket.thread_id is not None:
                return delivery.Where(m.reply_to, ticket.thread_id)
            thread = await delivery.create_topic(self.bot, item)
            await self._transaction(lambda db: tickets.set_group_post(db, item.ticket_id or 0, None, thread))
            return delivery.Where(m.reply_to, thread)
        if item.purpose in TO_TICKET_POST and m.reply_to is None:
            async with self._txn:
                ticket = await tickets.get(self.db, item.ticket_id)  # queued before the post went out
            if ticket is not None:
                return delivery.Where(ticket.group_message_id, m.thread_id or ticket.thread_id)
        return delivery.Where(m.reply_to, m.thread_id)

    async def _sent(self, db: Database, item: OutboxItem, message: Message | None) -> None:
        """Mark sent with what follows from it, in one transaction."""
        if not await outbox.mark_sent(db, item.id, message.message_id if message is not None else None, self.clock()):
            await self._unsend(db, item, message)
            return
        if message is not None and item.ticket_id is not None and item.purpose in ("post", *TO_TICKET_POST):
            await tickets.map_group_message(db, item.chat_id, message.message_id, item.ticket_id)
            if item.purpose == "post":
                await tickets.set_group_post(db, item.ticket_id, message.message_id, message.message_thread_id)
        confirm = item.message.confirm
        if item.purpose == "answer" and confirm is not None and confirm.final and item.ticket_id is not None:
            text = escape(self.services.locales.t(DESK_LANG, "desk.delivered", ticket=item.ticket_id))
            delivered = OutMessage(text, reply_to=confirm.reply_to, thread_id=confirm.thread_id)
            await outbox.add(db, confirm.chat_id, "confirm", delivered, item.ticket_id, f"confirm:{item.id}")

    async def _unsend(self, db: Database, item: OutboxItem, message: Message | None) -> None:
        """The row was cancelled by /deletemydata while its request was under way: a post with the person's text
        that reached the group now is taken out again, like the posts found at the erasure."""
        log.info("outbox item %s (%s): erased while being sent", item.id, item.purpose)
        if message is None or item.ticket_id is None or item.purpose not in outbox.GROUP_COPIES:
            return
        removal = ticket_texts.removal(self.services.locales, item.ticket_id, message.message_id)
        await outbox.queue_removal(db, item.chat_id, message.message_id, item.ticket_id, removal)

    async def _failed(self, item: OutboxItem, failure: Failure, retry_after: float, error: str) -> None:
        now = self.clock()
        if failure is Failure.FLOOD:
            self.policy.flood(item.chat_id, retry_after, now)
        decision = verdict(failure, item.attempts, retry_after)
        if decision.retry:
            if failure is Failure.UNKNOWN:  # the unknown-outcome window: it may arrive twice
                log.warning("outbox item %s (%s, chat %s): no answer from Telegram, outcome unknown; sending again",
                            item.id, item.purpose, item.chat_id)
            await self._transaction(
                lambda db: outbox.retry_later(db, item.id, now + decision.delay, failure.value, error))
            return
        log.warning("outbox item %s (%s, chat %s, ticket %s) failed for good after %d attempts: %s",
                    item.id, item.purpose, item.chat_id, item.ticket_id, item.attempts, decision.failure.value)
        await self._transaction(lambda db: self._give_up(db, item, decision.failure, error))

    async def _give_up(self, db: Database, item: OutboxItem, failure: Failure, error: str) -> None:
        """Mark failed, and tell whom it concerns, in one transaction."""
        await outbox.mark_failed(db, item.id, failure.value, error, self.clock())
        if item.ticket_id is None or item.purpose not in failures.REPORTED:
            return  # a notice or confirmation about a failure is not reported again: no loops
        ticket = await tickets.get(db, item.ticket_id)
        group = self.services.settings.desk_chat(ticket.kind) if ticket is not None else None
        if ticket is None or group is None:
            return
        if failure in (Failure.BLOCKED, Failure.DEACTIVATED) and item.chat_id != group:
            await tickets.set_blocked(db, ticket.id)
        refused_by_group = item.chat_id == group and failure in (Failure.KICKED, Failure.NOT_FOUND, Failure.BLOCKED)
        if group is not None and not refused_by_group:
            why = failures.reason(self.services.locales, failure.value, error, item.attempts)
            once = failure is Failure.BLOCKED and item.chat_id != group  # one notice per ticket, not per part
            key = f"blocked:{ticket.id}" if once else f"failed:{item.id}"
            report = failures.group_report(self.services.locales, item, ticket, group, why, failure.value)
            await outbox.add(db, group, "notice", report, ticket.id, key)
        lost = item.purpose == "post" or refused_by_group  # the question, or the group is out of reach for good
        if item.chat_id == group and item.purpose in failures.TO_GROUP and lost and ticket.user_id is not None:
            user = await users.get(db, ticket.user_id)
            notice = failures.not_reached(self.services.locales, self.services.kb, ticket,
                                          user.district if user else None, self.services.clock())
            await outbox.add(db, ticket.user_id, "status", notice, ticket.id, f"unreached:{ticket.id}")

    async def _transaction(self, work: Callable[[Database], Awaitable[T]]) -> T:
        """One unit of work on the worker's connection, committed; a busy or locked database is retried (the
        outcome of a send is kept in memory meanwhile, so it is never sent again because of this)."""
        for attempt in range(1, COMMIT_ATTEMPTS + 1):
            async with self._txn:
                try:
                    async with self.db.unit_of_work():  # committed at its end, rolled back on any exception
                        return await work(self.db)
                except Exception as exc:
                    if not is_retryable(exc):
                        raise
                    if attempt == COMMIT_ATTEMPTS:
                        log.error("outbox: database unavailable (%s); the step is left for later", exc)
                        raise
            await asyncio.sleep(COMMIT_PAUSE * attempt)
        raise AssertionError("unreachable")
