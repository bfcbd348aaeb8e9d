"""PostgreSQL behind the same small connection surface the storage modules use on aiosqlite.

`execute(sql, params)` (awaitable, or `async with ... as cursor`), `executemany`, `execute_fetchall`, a cursor
with `fetchone`/`fetchall`/`rowcount`, `in_transaction`, `commit`/`rollback`. SQL is written once, with `?`
placeholders; here they become psycopg's `%s`. Connections come from a psycopg-pool in autocommit mode: a unit
of work (bot/storage/unit.py) takes one for its transaction (BEGIN ... COMMIT) and gives it back at the end; a
statement outside a unit runs on its own, committed at once, as on the SQLite connection.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Generator, Iterable
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import AsyncConnectionPool

from . import schema

# The unit lock lets one unit at a time hold a connection; the others serve statements outside a unit (reports,
# /stats) and the next unit while the last one is being returned.
POOL_MIN, POOL_MAX = 1, 4
OPEN_TIMEOUT = 10.0  # seconds for the first connection at start-up: a server that does not answer is reported
Params = Iterable[Any] | None


@functools.lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """`?` placeholders outside string literals become `%s`; a literal `%` (LIKE 'x%') is doubled for psycopg."""
    out: list[str] = []
    quoted = False
    for char in sql:
        if char == "'":
            quoted = not quoted
        if char == "%":
            out.append("%%")
        elif char == "?" and not quoted:
            out.append("%s")
        else:
            out.append(char)
    return "".join(out)


def with_search_path(url: str, search_path: str) -> str:
    """The URL with `options=-csearch_path=...` (tests give each test its own schema this way)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    query.append(("options", f"-csearch_path={search_path}"))
    return urlunsplit(parts._replace(query=urlencode(query)))


def describe(url: str) -> str:
    """host:port/dbname of a connection URL, without the user's password, for messages and logs."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.Error:
        return "DATABASE_URL (unreadable)"
    return f"{info.get('host', 'localhost')}:{info.get('port', 5432)}/{info.get('dbname', '')}"


class PgCursor:
    """The rows of one statement, read at once (the connection goes back to the pool right after)."""

    lastrowid = None  # PostgreSQL has none: inserts that need the id say RETURNING id

    def __init__(self, rows: list[tuple[Any, ...]], rowcount: int) -> None:
        self._rows = rows
        self.rowcount = rowcount

    async def fetchone(self) -> tuple[Any, ...] | None:
        return self._rows.pop(0) if self._rows else None

    async def fetchall(self) -> list[tuple[Any, ...]]:
        rows, self._rows = self._rows, []
        return rows

    async def __aenter__(self) -> PgCursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None


class _Pending:
    """What `execute` returns: awaited, or used as `async with`, as aiosqlite's result is."""

    def __init__(self, run: Any) -> None:
        self._run = run
        self._cursor: PgCursor | None = None

    def __await__(self) -> Generator[Any, None, PgCursor]:
        return self._run.__await__()  # type: ignore[no-any-return]

    async def __aenter__(self) -> PgCursor:
        self._cursor = await self._run
        return self._cursor

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None


class PgConnection:
    """The pool, seen as one connection. The task that opened a unit of work runs on the unit's connection;
    any other statement runs on a connection of its own, committed at once."""

    def __init__(self, pool: AsyncConnectionPool[Any]) -> None:
        self.pool = pool
        self._held: psycopg.AsyncConnection[Any] | None = None
        self._holder: asyncio.Task[Any] | None = None

    @property
    def in_transaction(self) -> bool:
        return self._held is not None

    def execute(self, sql: str, parameters: Params = None) -> _Pending:
        return _Pending(self._execute(sql, parameters))

    async def execute_fetchall(self, sql: str, parameters: Params = None) -> list[tuple[Any, ...]]:
        return await (await self._execute(sql, parameters)).fetchall()

    async def executemany(self, sql: str, parameters: Iterable[Iterable[Any]]) -> None:
        rows = [list(row) for row in parameters]
        if not rows:
            return
        async with self._connection() as conn, conn.cursor() as cur:
            await cur.executemany(translate(sql), rows)

    async def _execute(self, sql: str, params: Params) -> PgCursor:
        args = list(params) if params is not None else []
        async with self._connection() as conn, conn.cursor() as cur:
            if args:
                await cur.execute(translate(sql), args)
            else:  # no placeholders: sent as written (several statements allowed, `%` left alone)
                await cur.execute(sql.encode())
            rows = await cur.fetchall() if cur.description is not None else []
            return PgCursor(rows, cur.rowcount)

    def _connection(self) -> Any:
        if self._held is not None and self._holder is asyncio.current_task():
            return _Borrowed(self._held)
        return self.pool.connection()

    async def begin(self) -> None:
        """Take a connection for this task's unit of work and open its transaction."""
        conn = await self.pool.getconn()
        try:
            await conn.execute("BEGIN")
        except BaseException:
            await self.pool.putconn(conn)
            raise
        self._held, self._holder = conn, asyncio.current_task()

    async def commit(self) -> None:
        """Commit the unit's transaction and give the connection back (nothing to do outside a unit)."""
        await self._finish("COMMIT")

    async def rollback(self) -> None:
        await self._finish("ROLLBACK")

    async def _finish(self, statement: str) -> None:
        conn, self._held, self._holder = self._held, None, None
        if conn is None:
            return
        try:
            await conn.execute(statement)
        finally:
            await self.pool.putconn(conn)  # a broken connection is dropped by the pool, not reused

    async def close(self) -> None:
        await self.rollback()
        await self.pool.close()


class _Borrowed:
    """The unit's own connection, used in `async with` without being returned to the pool."""

    def __init__(self, conn: psycopg.AsyncConnection[Any]) -> None:
        self.conn = conn

    async def __aenter__(self) -> psycopg.AsyncConnection[Any]:
        return self.conn

    async def __aexit__(self, *exc: object) -> None:
        return None


async def open_pool(url: str) -> PgConnection:
    """Connect (waiting at most OPEN_TIMEOUT for the first connection) and migrate."""
    pool: AsyncConnectionPool[Any] = AsyncConnectionPool(
        url, min_size=POOL_MIN, max_size=POOL_MAX, kwargs={"autocommit": True}, open=False, name="wegweiser",
        check=AsyncConnectionPool.check_connection,  # one the server dropped (a restart) is replaced, not used
    )
    try:
        await pool.open(wait=True, timeout=OPEN_TIMEOUT)
        conn = PgConnection(pool)
        await migrate(conn)
    except BaseException:
        await pool.close()
        raise
    return conn


async def version(conn: PgConnection) -> int:
    await conn.execute(schema.PG_TABLE)
    row = await (await conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version")).fetchone()
    return int(row[0]) if row else 0


async def migrate(conn: PgConnection, upto: int | None = None) -> None:
    """Apply the files not yet recorded in schema_version, each in one transaction, under an advisory lock
    (several workers starting at once migrate one after the other). `upto`: stop at that version (tests)."""
    async with conn.pool.connection() as raw:
        async with raw.transaction():
            await raw.execute(schema.PG_LOCK)
            await raw.execute(schema.PG_TABLE)
        for migration in schema.load("postgres"):
            if upto is not None and migration.version > upto:
                break
            async with raw.transaction():
                await raw.execute(schema.PG_LOCK)
                cur = await raw.execute("SELECT 1 FROM schema_version WHERE version = %s", (migration.version,))
                if await cur.fetchone() is not None:
                    continue
                await raw.execute(migration.sql.encode())
                await raw.execute(
                    "INSERT INTO schema_version (version, name) VALUES (%s, %s)", (migration.version, migration.name)
                )
