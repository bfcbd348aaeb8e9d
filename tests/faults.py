"""Database faults on demand: a connection wrapper whose `execute` raises at a chosen statement."""

from __future__ import annotations

import sqlite3
from typing import Any

from telegram import Update

from bot.storage.db import Database
from bot.telegram.inbound import PROCESSOR, InboundProcessor

DISK_FULL = "database or disk is full"


class FaultyConnection:
    """Wraps the real aiosqlite connection; the next `times` statements containing `match` raise `error`
    instead of running (only for statements that are awaited: writes)."""

    def __init__(self, real: Any, match: str, error: BaseException, times: int = 1) -> None:
        self.real, self.match, self.error, self.times = real, match, error, times
        self.raised = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def execute(self, sql: str, parameters: Any = None) -> Any:
        if self.times > 0 and self.match in sql:
            self.times -= 1
            self.raised += 1

            async def fail() -> None:
                raise self.error

            return fail()
        return self.real.execute(sql) if parameters is None else self.real.execute(sql, parameters)


def inject(db: Database, match: str, error: BaseException | None = None, times: int = 1) -> FaultyConnection:
    """From now on, `match` fails `times` times on this database (default: the disk is full)."""
    faulty = FaultyConnection(db.conn, match, error or sqlite3.OperationalError(DISK_FULL), times)
    db.conn = faulty  # type: ignore[assignment]
    return faulty


def heal(db: Database) -> None:
    if isinstance(db.conn, FaultyConnection):
        db.conn = db.conn.real


def processor_of(app: Any) -> InboundProcessor:
    processor = app.bot_data[PROCESSOR]
    assert isinstance(processor, InboundProcessor)
    return processor


async def through_inbound(app: Any, update: Update) -> None:
    """As in production: stored (before Telegram would be told), then processed by the inbound processor."""
    await app.update_queue.put(update)
    await processor_of(app).drain()


async def pending_ids(db: Database) -> list[int]:
    async with db.conn.execute("SELECT update_id FROM inbound_updates WHERE processed_at IS NULL") as cursor:
        return [int(r[0]) for r in await cursor.fetchall()]


async def count(db: Database, sql: str, *args: Any) -> int:
    async with db.conn.execute(sql, args) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0
