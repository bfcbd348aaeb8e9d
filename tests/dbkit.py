"""Which database the tests run on: SQLite files (the default), or PostgreSQL when TEST_DATABASE_URL is set,
with a schema of its own for each database a test opens (search_path through the connection's options),
dropped after the test.

Tests about SQLite files themselves (raw file bytes after erasure, PRAGMAs, the WAL, a full disk by
max_page_count, file permissions) carry `@pytest.mark.sqlite_only` and are skipped on the PostgreSQL run.
Tests of several workers on one database (advisory locks, elections) carry `@pytest.mark.postgres_only` and
are skipped on the SQLite run, saying so.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

PG_URL = os.environ.get("TEST_DATABASE_URL") or None
ON_POSTGRES = PG_URL is not None
_ADMIN: Any = None  # one autocommit connection for creating and dropping the test schemas
_LEFT: set[str] = set()  # schemas created and not dropped yet: a failed drop is retried at the end of the run


def _admin() -> Any:
    global _ADMIN
    if _ADMIN is None:
        import psycopg

        _ADMIN = psycopg.connect(PG_URL or "", autocommit=True, connect_timeout=5)
        _ADMIN.execute("SET lock_timeout = '10s'")  # a connection left in a transaction must not hang the run
    return _ADMIN


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: about SQLite files themselves; skipped on PostgreSQL")
    config.addinivalue_line("markers", "postgres_only: several workers on one PostgreSQL database; skipped on SQLite")
    if ON_POSTGRES:
        from bot.storage.pg_conn import describe

        try:
            _admin()
        except Exception as exc:  # asked for PostgreSQL and it is not there: fail, never pass silently
            pytest.exit(f"PostgreSQL at {describe(PG_URL or '')} not reachable: {exc}", returncode=3)


def pytest_unconfigure(config: pytest.Config) -> None:
    for schema in sorted(_LEFT):
        with contextlib.suppress(Exception):
            _admin().execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    if _ADMIN is not None:
        _ADMIN.close()


def pytest_report_header(config: pytest.Config) -> str:
    if ON_POSTGRES:
        from bot.storage.pg_conn import describe

        return f"database: PostgreSQL at {describe(PG_URL or '')}, one schema per test"
    return "database: SQLite files"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not ON_POSTGRES:
        needs_pg = pytest.mark.skip(reason="several workers on PostgreSQL: run with TEST_DATABASE_URL set")
        for item in items:
            if item.get_closest_marker("postgres_only"):
                item.add_marker(needs_pg)
        return
    skip = pytest.mark.skip(reason="about SQLite files themselves (run on SQLite)")
    for item in items:
        if item.get_closest_marker("sqlite_only"):
            item.add_marker(skip)


class Places:
    """`where("name.db")`: the location of a test database, the same for the same name within a test (a
    restart reopens it): a file under tmp_path, or a PostgreSQL URL with a fresh schema."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.schemas: dict[str, str] = {}

    def __call__(self, name: str) -> Path | str:
        return self.url(name) or self.tmp_path / name

    def url(self, name: str) -> str | None:
        if PG_URL is None:
            return None
        from bot.storage.pg_conn import with_search_path

        if name not in self.schemas:
            schema = f"test_{uuid.uuid4().hex[:16]}"
            _admin().execute(f"CREATE SCHEMA {schema}")
            _LEFT.add(schema)
            self.schemas[name] = schema
        return with_search_path(PG_URL, self.schemas[name])

    def drop(self) -> None:
        schemas, self.schemas = list(self.schemas.values()), {}
        for schema in schemas:  # a connection still in a transaction makes this fail after lock_timeout
            _admin().execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            _LEFT.discard(schema)


@pytest.fixture
def where(tmp_path: Path) -> Iterator[Places]:
    places = Places(tmp_path)
    yield places
    places.drop()


def dump(location: Path | str) -> str:
    """Everything the database holds, as text: SQLite's SQL dump of the file, or every row of every table of
    the schema on PostgreSQL (what any query can see)."""
    if isinstance(location, Path):
        with sqlite3.connect(location) as conn:
            return "\n".join(conn.iterdump())
    tables = read(location, "SELECT table_name FROM information_schema.tables"
                  " WHERE table_schema = current_schema() ORDER BY 1")
    return "\n".join(str(row[0]) for (table,) in tables
                     for row in read(location, f"SELECT CAST(t AS text) FROM {table} AS t"))


def read(location: Path | str, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """What another process sees (only what was committed), on either backend; `?` placeholders."""
    if isinstance(location, str) and location.startswith("postgres"):
        import psycopg

        from bot.storage.pg_conn import translate

        with psycopg.connect(location, autocommit=True) as conn:
            return [tuple(r) for r in conn.execute(translate(sql) if args else sql, list(args) or None)]
    with sqlite3.connect(location) as conn:
        return [tuple(r) for r in conn.execute(sql, tuple(args)).fetchall()]
