"""The one SQLite database: connection in WAL mode and schema migrations versioned in code."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from contextlib import AbstractAsyncContextManager
from pathlib import Path

import aiosqlite

from . import unit
from .unit import UnitOfWork

log = logging.getLogger(__name__)

# Each migration runs once, in order; PRAGMA user_version records how far a database is.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE users (
        user_id INTEGER PRIMARY KEY,
        lang TEXT NOT NULL,
        district TEXT,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        pending_question TEXT,
        clarify_rounds INTEGER NOT NULL DEFAULT 0,
        awaiting TEXT
    );
    CREATE TABLE feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER,
        entry_id TEXT NOT NULL,
        helpful INTEGER NOT NULL,
        created_at REAL NOT NULL
    );
    CREATE INDEX feedback_user ON feedback(user_id);
    CREATE TABLE questions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER,
        lang TEXT NOT NULL,
        text TEXT,
        action TEXT NOT NULL,
        intent TEXT NOT NULL,
        entry_id TEXT,
        outcome TEXT,
        created_at REAL NOT NULL
    );
    CREATE INDEX questions_user ON questions(user_id);
    CREATE INDEX questions_created ON questions(created_at);
    """,
    """
    ALTER TABLE users ADD COLUMN draft TEXT;
    ALTER TABLE users ADD COLUMN share_name INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE tickets (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER,
        lang TEXT NOT NULL,
        text TEXT,
        display_name TEXT,
        status TEXT NOT NULL,
        claimed_by INTEGER,
        candidates TEXT NOT NULL DEFAULT '',
        group_message_id INTEGER,
        thread_id INTEGER,
        blocked INTEGER NOT NULL DEFAULT 0,
        rating INTEGER,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        closed_at REAL
    );
    CREATE INDEX tickets_user ON tickets(user_id);
    CREATE INDEX tickets_status ON tickets(status);
    CREATE TABLE ticket_messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        direction TEXT NOT NULL,
        text TEXT,
        source_message_id INTEGER,
        created_at REAL NOT NULL
    );
    CREATE UNIQUE INDEX ticket_messages_source ON ticket_messages(direction, source_message_id)
        WHERE source_message_id IS NOT NULL;
    CREATE TABLE group_messages (
        chat_id INTEGER NOT NULL,
        message_id INTEGER NOT NULL,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        PRIMARY KEY (chat_id, message_id)
    );
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        dedupe_key TEXT UNIQUE,
        chat_id INTEGER NOT NULL,
        purpose TEXT NOT NULL,
        ticket_id INTEGER,
        payload TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL,
        last_error TEXT,
        created_at REAL NOT NULL,
        sent_at REAL,
        sent_message_id INTEGER
    );
    CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
    """,
    # photos and PDFs a newcomer adds to a question (Telegram file ids only, never the files), and the
    # outbox's per-chat order: a chat's next message waits for the one queued before it
    """
    CREATE TABLE attachments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER,
        ticket_id INTEGER REFERENCES tickets(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        file_id TEXT NOT NULL,
        caption TEXT,
        album TEXT,
        source_message_id INTEGER,
        created_at REAL NOT NULL
    );
    CREATE INDEX attachments_user ON attachments(user_id);
    CREATE INDEX attachments_ticket ON attachments(ticket_id);
    CREATE UNIQUE INDEX attachments_source ON attachments(user_id, source_message_id)
        WHERE source_message_id IS NOT NULL;
    CREATE INDEX outbox_pending_chat ON outbox(chat_id, id) WHERE status = 'pending';
    """,
    # inbound updates, stored before Telegram is told they arrived (bot/storage/inbound.py)
    """
    CREATE TABLE inbound_updates (
        update_id INTEGER PRIMARY KEY,
        chat_id INTEGER,
        payload TEXT,
        received_at REAL NOT NULL,
        processed_at REAL
    );
    CREATE INDEX inbound_updates_pending ON inbound_updates(update_id) WHERE processed_at IS NULL;
    """,
    # 5: the outbox's delivery steps (bot/telegram/outbox_worker.py): 'sending' while a request may be under way,
    # why a row failed (send_policy.Failure) and when, for /failed and /retry
    """
    ALTER TABLE outbox ADD COLUMN failure TEXT;
    ALTER TABLE outbox ADD COLUMN failed_at REAL;
    DROP INDEX outbox_pending_chat;
    CREATE INDEX outbox_waiting_chat ON outbox(chat_id, id) WHERE status IN ('pending', 'sending');
    CREATE INDEX outbox_failed ON outbox(failed_at) WHERE status = 'failed';
    """,
    # 6: what a ticket is: a question for the caseworkers, or a speaker request for the coordination office's
    # group (BROKER_CHAT_ID); both share the ticket machinery (posts, replies, outbox, retention, erasure)
    """
    ALTER TABLE tickets ADD COLUMN kind TEXT NOT NULL DEFAULT 'question';
    CREATE INDEX tickets_user_kind ON tickets(user_id, kind);
    """,
    # 7: event news (bot/storage/events.py): who wants it for which district, what each person was sent (so a
    # restart sends nothing twice, and the weekly cap can count), and when the bot first saw each event
    """
    CREATE TABLE event_subscriptions (
        user_id INTEGER NOT NULL,
        district TEXT NOT NULL,
        created_at REAL NOT NULL,
        PRIMARY KEY (user_id, district)
    );
    CREATE TABLE event_notices (
        user_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        event_id TEXT NOT NULL,
        occurrence TEXT NOT NULL,
        batch TEXT NOT NULL,
        queued_at REAL NOT NULL,
        PRIMARY KEY (user_id, kind, event_id, occurrence)
    );
    CREATE INDEX event_notices_queued ON event_notices(queued_at);
    CREATE TABLE events_seen (
        event_id TEXT PRIMARY KEY,
        first_seen REAL NOT NULL
    );
    """,
)


class DatabaseUnavailable(RuntimeError):
    """The database cannot be opened or migrated (corrupt file, read-only place, full disk)."""


class Database:
    """Owns the connection; repositories get it passed in and never open their own. Everything that uses the
    connection does so inside `unit_of_work()` (bot/storage/unit.py): one transaction per unit, committed once."""

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._lock = asyncio.Lock()  # one unit of work at a time on the shared connection
        self.outbox_touched = False  # set when something was queued, so the delivery worker need not poll

    @classmethod
    async def open(cls, path: Path) -> Database:
        """Open and migrate; DatabaseUnavailable (connection closed again) when either fails."""
        conn: aiosqlite.Connection | None = None
        try:
            if str(path) != ":memory:":
                path.parent.mkdir(parents=True, exist_ok=True)
                await asyncio.to_thread(_probe, path)  # fails before aiosqlite starts a thread
            # no implicit transactions: a unit of work begins and commits its own (bot/storage/unit.py)
            conn = await aiosqlite.connect(str(path), isolation_level=None)
            conn.row_factory = aiosqlite.Row
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA synchronous=NORMAL")
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute("PRAGMA busy_timeout=5000")
            await conn.execute("PRAGMA secure_delete=ON")  # deleted text is overwritten with zeros, not left behind
            db = cls(conn, path)
            await db.migrate()
            return db
        except (sqlite3.Error, OSError) as exc:
            if conn is not None:  # its thread would otherwise keep the process alive
                with contextlib.suppress(sqlite3.Error):
                    await conn.close()
            raise DatabaseUnavailable(
                f"cannot open the database {path}: {exc}.\n"
                "Check that DATABASE_PATH names a Wegweiser database (or a new file) in a writable directory"
                " with free space; a damaged file can be restored from a backup or moved aside."
            ) from exc

    async def migrate(self) -> None:
        async with self.conn.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        version = int(row[0]) if row else 0
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            await self.conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version={number};\nCOMMIT;")

    def unit_of_work(self, durable: bool = False) -> AbstractAsyncContextManager[UnitOfWork]:
        """`async with db.unit_of_work() as tx:` one transaction, committed once at the end, rolled back entirely
        when anything inside raises; inside another unit of the same task it joins that one. `durable`: the
        commit is synced to the disk before it returns (synchronous=FULL for this one commit), for a promise
        made outside the machine right after it (an update acknowledged to Telegram)."""
        return unit.unit_of_work(self, self._lock, durable)

    def current_unit(self) -> UnitOfWork | None:
        """The unit this task has open here, if any."""
        return unit.current(self)

    async def checkpoint(self) -> bool:
        """Copy the write-ahead log into the database file and truncate it, so text deleted (and zeroed, see
        secure_delete) leaves no older copy in the -wal file; a unit of work asks for it with
        `tx.checkpoint_after_commit()`. False when a reader in another process, or a transaction still open on this
        connection, kept it from completing; the next one catches up."""
        row = None
        if not self.conn.in_transaction:  # another step's open transaction: SQLite would refuse ("locked")
            try:
                async with self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cursor:
                    row = await cursor.fetchone()
            except sqlite3.OperationalError as exc:
                log.warning("WAL checkpoint failed (%s); the next one catches up", exc)
                return False
        done = row is not None and int(row[0]) == 0
        if not done:
            log.warning("WAL checkpoint incomplete (a transaction or reader in the way); the next one catches up")
        return done

    async def close(self) -> None:
        await self.conn.close()


def _probe(path: Path) -> None:
    """Open the file and read its header: a corrupt or unopenable file raises here."""
    with contextlib.closing(sqlite3.connect(str(path))) as conn:
        conn.execute("PRAGMA user_version").fetchone()


async def check(path: Path) -> None:
    """Open, migrate and close: `wegweiser run` calls it before it talks to Telegram."""
    db = await Database.open(path)
    await db.close()


def now() -> float:
    return time.time()
