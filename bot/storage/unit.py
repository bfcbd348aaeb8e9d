"""One transaction per unit of work, and what counts as a database fault.

The rule: no storage function commits. Whoever processes one unit of work (one inbound update, one caseworker
action, one retention run, one /deletemydata, one outbox delivery step) opens it with

    async with db.unit_of_work() as tx:
        ...  # reads and writes through bot.storage
        tx.after_commit(send_the_replies)

and it is committed once at the end, or rolled back entirely when anything inside raises. A unit opened while
the same task already has one joins it (no commit of its own), so a flow, a desk step or a storage helper can
open one whether or not its caller did; only the outermost unit commits.

The connection is shared by the flows, the inbound store, the delivery worker and the jobs: a lock lets one
unit at a time use it, so no task ever commits, reads or rolls back another task's half-finished step. Keep
network calls out of a unit (`after_commit` runs after the commit, outside the lock), or every other task
waits for them.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .db import Database

log = logging.getLogger(__name__)
AfterCommit = Callable[[], Awaitable[object]]
OnFailure = Callable[[BaseException], Awaitable[object]]

# SQLite's primary result codes for a database that cannot take a write right now: SQLITE_READONLY,
# SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN
_FAULT_CODES = frozenset({8, 10, 11, 13, 14})
_FAULT_WORDS = ("database or disk is full", "disk i/o error", "readonly database", "malformed", "unable to open")
# PostgreSQL SQLSTATEs of the same kind: read-only transaction, data or index corrupted
_PG_FAULTS = frozenset({"25006", "XX001", "XX002"})
_PG_RETRY = frozenset({"40001", "40P01"})  # serialization failure, deadlock detected
_CURRENT: contextvars.ContextVar[UnitOfWork | None] = contextvars.ContextVar("unit_of_work", default=None)


def is_fault(exc: BaseException) -> bool:
    """A fault of the database or the disk under it (full, I/O error, read-only, damaged, the server gone), not
    of our code: retrying at once does not help, the person is asked to try again later."""
    if isinstance(exc, UnitFailed) and exc.__cause__ is not None:
        exc = exc.__cause__
    if _is_psycopg(exc):
        return _pg_fault(exc)
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _FAULT_CODES:
        return True
    message = str(exc).lower()
    return any(word in message for word in _FAULT_WORDS)


def is_retryable(exc: BaseException) -> bool:
    """Busy, locked, or the connection dropped (SQLite's OperationalError; PostgreSQL's, a serialization
    failure or a deadlock): the same step may succeed a moment later."""
    if _is_psycopg(exc):
        import psycopg

        return isinstance(exc, psycopg.OperationalError) or getattr(exc, "sqlstate", None) in _PG_RETRY
    return isinstance(exc, sqlite3.OperationalError)


def _is_psycopg(exc: BaseException) -> bool:
    return type(exc).__module__.split(".")[0] in ("psycopg", "psycopg_pool")


def _pg_fault(exc: BaseException) -> bool:
    import psycopg

    # OperationalError: the server is away, the connection broke, the disk is full (class 53), the pool timed
    # out; not a serialization failure or deadlock (class 40), which a retry resolves
    state = getattr(exc, "sqlstate", None) or ""
    if state.startswith("40"):
        return False
    return isinstance(exc, psycopg.OperationalError) or state in _PG_FAULTS


class UnitFailed(RuntimeError):
    """A step inside the unit raised and something caught it: the unit is rolled back all the same."""


class AfterCommitFailed(RuntimeError):
    """The unit was committed, but something to do after it (sending the replies) raised: do not redo the unit."""


class UnitOfWork:
    """One transaction. `after_commit` callbacks run once it is committed (sending replies, waking the outbox);
    `on_failure` callbacks run once it is rolled back for good (telling the person), with the exception."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.task = asyncio.current_task()
        self.failed: BaseException | None = None  # the first exception that went through any part of the unit
        self.final = True  # the owner may retry the unit: then the failure callbacks wait for the last try
        self.checkpoint = False  # truncate the WAL right after the commit (erasure, retention)
        self._after: list[AfterCommit] = []
        self._failure: list[OnFailure] = []

    def after_commit(self, callback: AfterCommit) -> None:
        self._after.append(callback)

    def on_failure(self, callback: OnFailure) -> None:
        self._failure.append(callback)

    def checkpoint_after_commit(self) -> None:
        """Deleted text must leave no copy in the -wal file: checkpoint (TRUNCATE) once committed."""
        self.checkpoint = True

    async def run_after_commit(self) -> None:
        callbacks, self._after = self._after, []
        for callback in callbacks:
            try:
                await callback()
            except Exception as exc:
                raise AfterCommitFailed(type(exc).__name__) from exc

    async def run_on_failure(self, exc: BaseException) -> None:
        """Each callback runs even if one before it fails (a reply that cannot be sent must not hide another)."""
        callbacks, self._failure = self._failure, []
        for callback in callbacks:
            try:
                await callback(exc)
            except Exception as error:  # logged by type: the person may be unreachable
                log.warning("failure notice not sent: %s", type(error).__name__)


def current(db: Database) -> UnitOfWork | None:
    """The unit this task has open on `db`, if any (a task created inside a unit does not share it)."""
    unit = _CURRENT.get()
    if unit is not None and unit.db is db and unit.task is asyncio.current_task():
        return unit
    return None


@asynccontextmanager
async def unit_of_work(db: Database, lock: asyncio.Lock, durable: bool = False) -> AsyncIterator[UnitOfWork]:
    joined = current(db)
    if joined is not None:
        if durable:
            raise RuntimeError("a durable unit of work cannot join another unit")
        try:
            yield joined
        except BaseException as exc:
            joined.failed = joined.failed or exc
            raise
        if joined.failed is not None:  # a part inside failed and was caught: this part fails too
            raise UnitFailed("a step of this unit failed") from joined.failed
        return
    unit = UnitOfWork(db)
    failure: BaseException | None = None
    try:
        async with lock:
            token = _CURRENT.set(unit)
            try:
                await db.begin(durable)  # SQLite: the write lock now (BEGIN IMMEDIATE); PostgreSQL: a pooled BEGIN
                try:
                    yield unit
                    if unit.failed is not None:
                        raise UnitFailed("a step of this unit failed") from unit.failed
                    await db.commit()
                except BaseException as exc:
                    failure = unit.failed or exc
                    await _rollback(db)
                    raise
                if unit.checkpoint:
                    await db.checkpoint()
            finally:
                _CURRENT.reset(token)
                await db.end(durable)
    except Exception as exc:  # not on cancellation: an update cut off at shutdown is replayed, nobody is told
        failure = failure or exc
        if is_fault(failure):  # the reason only (e.g. "database or disk is full"), never a message text
            log.error("database fault, nothing of this step was saved: %s", failure)
        if unit.final or is_fault(failure):  # outside the lock: a callback may read the person's language
            await unit.run_on_failure(failure)
        raise
    await unit.run_after_commit()


async def _rollback(db: Database) -> None:
    try:
        await db.rollback()
    except Exception as exc:  # the connection is gone (PostgreSQL) or the file is: the transaction is too
        log.error("rollback failed: %s", exc)
