"""The embedded default: one SQLite file in WAL mode through aiosqlite, migrated from bot/storage/migrations/sqlite."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from pathlib import Path

import aiosqlite

from . import schema

log = logging.getLogger(__name__)


async def connect(path: Path) -> aiosqlite.Connection:
    """Open with the project's pragmas; sqlite3.Error or OSError when the file cannot be used."""
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
        await asyncio.to_thread(_probe, path)  # fails before aiosqlite starts a thread
    # no implicit transactions: a unit of work begins and commits its own (bot/storage/unit.py)
    conn = await aiosqlite.connect(str(path), isolation_level=None)
    try:
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA journal_mode=WAL")
        await conn.execute("PRAGMA synchronous=NORMAL")
        await conn.execute("PRAGMA foreign_keys=ON")
        await conn.execute("PRAGMA busy_timeout=5000")
        await conn.execute("PRAGMA secure_delete=ON")  # deleted text is overwritten with zeros, not left behind
    except BaseException:
        with contextlib.suppress(sqlite3.Error):  # its thread would otherwise keep the process alive
            await conn.close()
        raise
    return conn


def _probe(path: Path) -> None:
    """Open the file and read its header: a corrupt or unopenable file raises here."""
    with contextlib.closing(sqlite3.connect(str(path))) as conn:
        conn.execute("PRAGMA user_version").fetchone()


async def version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(conn: aiosqlite.Connection, upto: int | None = None) -> None:
    """Apply the files after PRAGMA user_version, each in one transaction. `upto`: stop there (tests)."""
    current = await version(conn)
    for migration in schema.load("sqlite")[current:]:
        if upto is not None and migration.version > upto:
            break
        await conn.executescript(schema.sqlite_script(migration))


async def begin(conn: aiosqlite.Connection, durable: bool) -> None:
    if durable:  # this commit reaches the disk before it returns, even if the power fails next
        await conn.execute("PRAGMA synchronous=FULL")
    await conn.execute("BEGIN IMMEDIATE")  # the write lock now: no read-then-write conflict later


async def normal_sync(conn: aiosqlite.Connection) -> None:
    try:
        await conn.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.Error as exc:
        log.error("synchronous=NORMAL not restored: %s", exc)


async def checkpoint(conn: aiosqlite.Connection) -> bool:
    """PRAGMA wal_checkpoint(TRUNCATE); False when it could not complete (see Database.checkpoint)."""
    row = None
    if not conn.in_transaction:  # another step's open transaction: SQLite would refuse ("locked")
        try:
            async with conn.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cursor:
                row = await cursor.fetchone()
        except sqlite3.OperationalError as exc:
            log.warning("WAL checkpoint failed (%s); the next one catches up", exc)
            return False
    done = row is not None and int(row[0]) == 0
    if not done:
        log.warning("WAL checkpoint incomplete (a transaction or reader in the way); the next one catches up")
    return done
