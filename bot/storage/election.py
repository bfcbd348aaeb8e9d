"""One worker of the cluster for a role (the outbox sender, the periodic jobs), elected by an advisory lock.

PostgreSQL: a candidate opens a connection of its own (not from the pool) and asks for a session-level
advisory lock keyed by the schema and the role, without waiting. Whoever gets it keeps the connection open
and is the holder for as long as it lives; when the process dies or its connection breaks, the server drops
the lock and the next candidate's attempt (every `retry` seconds) takes over. The holder checks its connection
at most every HEARTBEAT seconds, so one whose connection broke stops acting within that time.

SQLite: one process serves the database, so it always holds every role; nothing is asked.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from typing import Any

from .db import Database

log = logging.getLogger(__name__)
SENDER, JOBS = 1, 2  # the roles (the second key of the lock; the first is the schema's hash)
RETRY = 5.0  # seconds between a candidate's attempts: how long the cluster may go without a sender at worst
HEARTBEAT = 1.0  # seconds between the holder's checks of its connection (a round trip on the local network)
CONNECT_TIMEOUT = 5  # seconds: a server that does not answer leaves this worker a candidate, not a holder
_TRY = "SELECT pg_try_advisory_lock(hashtext('wegweiser-role:' || current_schema()), %s)"
_ROLE_NAMES = {SENDER: "outbox sender", JOBS: "periodic jobs"}


class Election:
    """`await election.hold()`: True while this worker holds the role (trying to get it when due)."""

    def __init__(self, url: str | None, role: int, retry: float = RETRY,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.url, self.role, self.retry, self.clock = url, role, retry, clock
        self.term = 1 if url is None else 0  # raised each time the role is won: the new holder recovers
        self._conn: Any = None  # psycopg.AsyncConnection, while it holds the role
        self._next_try = float("-inf")
        self._checked = float("-inf")

    @classmethod
    def of(cls, db: Database, role: int, retry: float = RETRY) -> Election:
        return cls(db.url if db.is_postgres else None, role, retry)

    @property
    def name(self) -> str:
        return _ROLE_NAMES.get(self.role, f"role {self.role}")

    @property
    def holding(self) -> bool:
        """As last known, without asking the server."""
        return self.url is None or self._conn is not None

    async def hold(self) -> bool:
        if self.url is None:
            return True
        now = self.clock()
        if self._conn is not None:
            if now - self._checked < HEARTBEAT:
                return True
            self._checked = now
            if await self._alive():
                return True
            log.warning("%s: connection to the database lost; no longer holding the role", self.name)
            await self._drop()
        if now < self._next_try:
            return False
        self._next_try = now + self.retry
        return await self._try()

    async def _alive(self) -> bool:
        import psycopg

        try:
            await self._conn.execute("SELECT 1")
        except (psycopg.Error, OSError):
            return False
        return True

    async def _try(self) -> bool:
        import psycopg

        conn: Any = None
        try:
            conn = await psycopg.AsyncConnection.connect(self.url or "", autocommit=True,
                                                         connect_timeout=CONNECT_TIMEOUT)
            row = await (await conn.execute(_TRY, (self.role,))).fetchone()
        except (psycopg.Error, OSError) as exc:
            log.warning("%s: election not possible now (%s)", self.name, type(exc).__name__)
            if conn is not None:
                with contextlib.suppress(Exception):
                    await conn.close()
            return False
        if not (row and row[0]):
            await conn.close()
            return False
        self._conn, self._checked = conn, self.clock()
        self.term += 1
        log.info("%s: this worker holds the role now", self.name)
        return True

    async def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                await conn.close()

    async def close(self) -> None:
        """Give the role up (closing the connection releases the lock): the next candidate takes over."""
        await self._drop()
