"""The database: SQLite (the embedded default, DATABASE_PATH) or PostgreSQL (DATABASE_URL), one interface.

Storage modules write their SQL once, with `?` placeholders, against `db.conn`: the aiosqlite connection, or
bot/storage/pg_conn.PgConnection with the same surface. The few statements that differ come from `db.dialect`.
Schema changes are versioned SQL files per backend (bot/storage/schema.py), applied at open.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Generator, Iterable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from . import sqlite_conn, unit
from .schema import Backend
from .unit import UnitOfWork

if TYPE_CHECKING:
    import aiosqlite

    from .pg_conn import PgConnection

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class Cursor(Protocol):
    """What a statement gives back, on either backend."""

    @property
    def rowcount(self) -> int: ...

    async def fetchone(self) -> Any: ...

    async def fetchall(self) -> Iterable[Any]: ...


class Pending(Protocol):
    """`await conn.execute(...)` or `async with conn.execute(...) as cursor:`."""

    def __await__(self) -> Generator[Any, None, Cursor]: ...

    async def __aenter__(self) -> Cursor: ...

    async def __aexit__(self, *exc: Any) -> Any: ...


class Connection(Protocol):
    """The surface storage modules use: aiosqlite.Connection, or pg_conn.PgConnection."""

    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, parameters: Iterable[Any] | None = None) -> Pending: ...

    async def executemany(self, sql: str, parameters: Iterable[Iterable[Any]]) -> Any: ...

    async def execute_fetchall(self, sql: str, parameters: Iterable[Any] | None = None) -> Iterable[Any]: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...

    async def close(self) -> None: ...


class DatabaseUnavailable(RuntimeError):
    """The database cannot be opened or migrated (corrupt file, read-only place, full disk, server away)."""


@dataclass(frozen=True)
class Dialect:
    """What differs between the two SQL dialects, as SQL fragments (inserting with ON CONFLICT DO NOTHING and
    RETURNING id is written the same way for both)."""

    name: Backend

    def group_concat(self, expr: str) -> str:
        return f"string_agg({expr}, ',')" if self.name == "postgres" else f"GROUP_CONCAT({expr})"


SQLITE, POSTGRES = Dialect("sqlite"), Dialect("postgres")


def is_postgres(location: Path | str) -> bool:
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


class Database:
    """Owns the connection (or the pool); repositories get it passed in and never open their own. Everything that
    uses it does so inside `unit_of_work()` (bot/storage/unit.py): one transaction per unit, committed once."""

    def __init__(self, conn: Connection, path: Path | None, dialect: Dialect = SQLITE, url: str | None = None) -> None:
        self.conn = conn  # aiosqlite.Connection or pg_conn.PgConnection (tests wrap it to inject faults)
        self.path = path  # the SQLite file; None on PostgreSQL
        self.dialect = dialect
        self.url = url  # the PostgreSQL URL (bot/storage/election.py opens its own connection with it); None on SQLite
        self._lock = asyncio.Lock()  # one unit of work at a time on the shared connection
        self.outbox_touched = False  # set when something was queued, so the delivery worker need not poll

    @property
    def _sqlite(self) -> aiosqlite.Connection:
        return cast("aiosqlite.Connection", self.conn)

    @property
    def is_postgres(self) -> bool:
        return self.dialect.name == "postgres"

    @classmethod
    async def open(cls, location: Path | str) -> Database:
        """Open and migrate: a PostgreSQL URL, or an SQLite file (a path, or ":memory:"). DatabaseUnavailable
        (connection closed again) when either fails."""
        if is_postgres(location):
            return await cls._open_postgres(str(location))
        path = Path(location)
        try:
            conn = await sqlite_conn.connect(path)
        except (sqlite3.Error, OSError) as exc:
            raise _unavailable(path, exc) from exc
        try:
            await sqlite_conn.migrate(conn)
        except (sqlite3.Error, OSError) as exc:
            await conn.close()
            raise _unavailable(path, exc) from exc
        return cls(conn, path)

    @classmethod
    async def _open_postgres(cls, url: str) -> Database:
        import psycopg  # only a PostgreSQL deployment loads the driver

        from . import pg_conn

        try:
            conn = await pg_conn.open_pool(url)
        except (psycopg.Error, OSError) as exc:
            raise DatabaseUnavailable(
                f"cannot open the PostgreSQL database {pg_conn.describe(url)}: {exc}.\n"
                "Check DATABASE_URL (postgresql://user@host:port/dbname), that the server runs and lets this"
                " user create tables in the database."
            ) from exc
        return cls(conn, None, POSTGRES, url)

    async def version(self) -> int:
        """The schema version this database is at (the number of the last migration file applied)."""
        if self.is_postgres:
            from . import pg_conn

            return await pg_conn.version(cast("PgConnection", self.conn))
        return await sqlite_conn.version(self._sqlite)

    def unit_of_work(self, durable: bool = False) -> AbstractAsyncContextManager[UnitOfWork]:
        """`async with db.unit_of_work() as tx:` one transaction, committed once at the end, rolled back entirely
        when anything inside raises; inside another unit of the same task it joins that one. `durable`: the
        commit is synced to the disk before it returns (SQLite: synchronous=FULL for this one commit; PostgreSQL
        commits are durable anyway), for a promise made outside the machine right after it (an update
        acknowledged to Telegram)."""
        return unit.unit_of_work(self, self._lock, durable)

    def current_unit(self) -> UnitOfWork | None:
        """The unit this task has open here, if any."""
        return unit.current(self)

    async def begin(self, durable: bool) -> None:
        if self.is_postgres:
            await cast("PgConnection", self.conn).begin()
        else:
            await sqlite_conn.begin(self._sqlite, durable)

    async def commit(self) -> None:
        await self.conn.commit()

    async def rollback(self) -> None:
        await self.conn.rollback()

    async def end(self, durable: bool) -> None:
        """After the commit or rollback of a durable unit: back to the usual sync (SQLite)."""
        if durable and not self.is_postgres:
            await sqlite_conn.normal_sync(self._sqlite)

    async def checkpoint(self) -> bool:
        """Copy the SQLite write-ahead log into the database file and truncate it, so text deleted (and zeroed,
        see secure_delete) leaves no older copy in the -wal file; a unit of work asks for it with
        `tx.checkpoint_after_commit()`. False when a reader in another process, or a transaction still open on
        this connection, kept it from completing; the next one catches up. PostgreSQL: deleted rows are gone
        from every query at the commit and autovacuum reclaims their space (README, "PostgreSQL"): True."""
        if self.is_postgres:
            return True
        return await sqlite_conn.checkpoint(self._sqlite)

    async def close(self) -> None:
        await self.conn.close()


def _unavailable(path: Path, exc: BaseException) -> DatabaseUnavailable:
    return DatabaseUnavailable(
        f"cannot open the database {path}: {exc}.\n"
        "Check that DATABASE_PATH names a Wegweiser database (or a new file) in a writable directory"
        " with free space; a damaged file can be restored from a backup or moved aside."
    )


async def check(location: Path | str) -> None:
    """Open, migrate and close: `wegweiser run` calls it before it talks to Telegram."""
    db = await Database.open(location)
    await db.close()


def now() -> float:
    return time.time()
