"""Schema migrations: plain versioned SQL files, one folder per backend, applied in order at start-up.

bot/storage/migrations/sqlite/0001_initial.sql ... and bot/storage/migrations/postgres/0001_initial.sql ...
hold the same schema in each database's types. Each file runs once, in its own transaction, with the record of
its version: PRAGMA user_version for SQLite (as before the files existed, so older databases carry on), a
`schema_version` table for PostgreSQL. A new schema change is a new file with the next number in both folders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Literal

Backend = Literal["sqlite", "postgres"]
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# PostgreSQL: workers starting at once migrate one after the other (a transaction-scoped advisory lock per schema)
PG_LOCK = "SELECT pg_advisory_xact_lock(hashtext('wegweiser-migrate:' || current_schema()))"
PG_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
)


class MigrationError(RuntimeError):
    """The migration files are not numbered 1, 2, 3 ... without gaps, or the two folders disagree."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load(backend: Backend) -> tuple[Migration, ...]:
    """The backend's migrations in order; MigrationError when the numbering has a gap or a double."""
    folder = resources.files("bot.storage").joinpath("migrations", backend)
    found: list[Migration] = []
    for item in folder.iterdir():
        match = _NAME.match(item.name)
        if match:
            found.append(Migration(int(match.group(1)), item.name, item.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise MigrationError(f"{backend} migrations must be numbered 1..n without gaps: {[m.name for m in found]}")
    return tuple(found)


def latest() -> int:
    """The newest schema version; both backends must have it."""
    sqlite, postgres = load("sqlite"), load("postgres")
    if len(sqlite) != len(postgres):
        raise MigrationError(f"{len(sqlite)} SQLite migrations but {len(postgres)} PostgreSQL ones")
    return len(sqlite)


def sqlite_script(migration: Migration) -> str:
    """One SQLite migration as one transaction that also records its version."""
    return f"BEGIN;\n{migration.sql}\nPRAGMA user_version={migration.version};\nCOMMIT;"
