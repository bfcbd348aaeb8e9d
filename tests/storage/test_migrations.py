"""Versioned SQL migrations: a database at every older version migrates to the newest, keeping its rows and
ending with the schema a new database gets; on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from dbkit import ON_POSTGRES, Places, read

from bot.storage import schema, sqlite_conn
from bot.storage.db import Database

USER = 7


def test_both_backends_have_the_same_numbered_migrations() -> None:
    sqlite, postgres = schema.load("sqlite"), schema.load("postgres")
    assert [m.name for m in sqlite] == [m.name for m in postgres]
    assert [m.version for m in sqlite] == list(range(1, schema.latest() + 1))
    assert schema.latest() >= 7


async def _build_at(location: Path | str, version: int) -> None:
    """A database as an older release left it: the first `version` files applied, and rows in it."""
    if isinstance(location, Path):
        conn = await sqlite_conn.connect(location)
        await sqlite_conn.migrate(conn, upto=version)
        execute: Any = conn.execute
    else:
        conn = await _pg_at(location, version)
        execute = conn.execute
    if version >= 1:
        await execute("INSERT INTO users (user_id, lang, created_at, updated_at) VALUES (?, 'uk', 1, 1)", (USER,))
        await execute("INSERT INTO feedback (user_id, entry_id, helpful, created_at) VALUES (?, 'jobcenter', 1, 2)",
                      (USER,))
    if version >= 2:
        await execute("INSERT INTO tickets (user_id, lang, text, status, created_at, updated_at)"
                      " VALUES (?, 'uk', 'Frage', 'open', 3, 3)", (USER,))
    await conn.close()


async def _pg_at(url: str, version: int) -> Any:
    from psycopg_pool import AsyncConnectionPool

    from bot.storage import pg_conn

    pool: AsyncConnectionPool[Any] = AsyncConnectionPool(url, min_size=1, max_size=2,
                                                         kwargs={"autocommit": True}, open=False)
    await pool.open(wait=True)
    conn = pg_conn.PgConnection(pool)
    await pg_conn.migrate(conn, upto=version)
    assert await pg_conn.version(conn) == version
    return conn


def _schema_of(location: Path | str) -> list[tuple[Any, ...]]:
    """Tables, columns, types, defaults and indexes, as comparable rows."""
    if isinstance(location, Path):
        return read(location, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")
    columns = read(location, "SELECT table_name, column_name, data_type, is_nullable, column_default,"
                   " is_identity FROM information_schema.columns WHERE table_schema = current_schema()"
                   " ORDER BY 1, 2")
    indexes = read(location, "SELECT tablename, indexname, indexdef FROM pg_indexes"
                   " WHERE schemaname = current_schema() ORDER BY 2")
    return columns + [(t, i, d.replace(f"{_schema_name(location)}.", "")) for t, i, d in indexes]


def _schema_name(url: str) -> str:
    return url.rsplit("search_path%3D", 1)[-1]


@pytest.mark.parametrize("start", range(schema.latest()))
async def test_a_database_at_every_older_version_migrates_to_the_newest(start: int, where: Places) -> None:
    old, fresh = where(f"old{start}.db"), where("fresh.db")
    await _build_at(old, start)
    db = await Database.open(old)
    try:
        assert await db.version() == schema.latest()
        async with db.conn.execute("SELECT lang, share_name FROM users WHERE user_id = ?", (USER,)) as cursor:
            users = [tuple(r) for r in await cursor.fetchall()]
        async with db.conn.execute("SELECT kind, status FROM tickets WHERE user_id = ?", (USER,)) as cursor:
            tickets = [tuple(r) for r in await cursor.fetchall()]
    finally:
        await db.close()
    assert users == ([("uk", 0)] if start >= 1 else [])  # kept, with the later column's default
    assert tickets == ([("question", "open")] if start >= 2 else [])
    new = await Database.open(fresh)
    await new.close()
    assert _schema_of(old) == _schema_of(fresh)


async def test_opening_again_applies_nothing_twice(where: Places) -> None:
    location = where("again.db")
    for _ in range(2):
        db = await Database.open(location)
        assert await db.version() == schema.latest()
        await db.close()
    if ON_POSTGRES:
        assert read(location, "SELECT COUNT(*) FROM schema_version") == [(schema.latest(),)]
    else:
        assert read(location, "PRAGMA user_version") == [(schema.latest(),)]


async def test_a_sqlite_database_made_before_the_files_keeps_its_user_version(tmp_path: Path) -> None:
    """Databases of earlier releases recorded their version in PRAGMA user_version; the runner reads it."""
    path = tmp_path / "legacy.db"
    async with aiosqlite.connect(path) as conn:
        for migration in schema.load("sqlite")[:4]:
            await conn.executescript(schema.sqlite_script(migration))
    db = await Database.open(path)
    assert await db.version() == schema.latest()
    await db.close()
