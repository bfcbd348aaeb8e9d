"""Inbound updates: each one is a row before Telegram is told it arrived, processed once, in update_id order.

A row is pending while `processed_at` is NULL. Once processed its payload (message text, names) and chat id
are erased at once; the bare update_id stays a day as a tombstone, so an update Telegram delivers again
(a crash between our commit and its acknowledgement) is recognised and not processed twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .db import Database, now

KEEP_TOMBSTONES = 86400.0  # Telegram keeps unacknowledged updates for 24 hours
# PostgreSQL, several workers: the chat's advisory lock for this transaction, if no other worker holds it. The
# key is a 64-bit hash of schema and chat (a collision only makes two chats wait for each other, never reorders)
_PG_CHAT_LOCK = (
    "SELECT pg_try_advisory_xact_lock(hashtextextended('wegweiser-chat:' || current_schema() || ':' || ?, 0))"
)
_PG_ROW_LOCK = "SELECT 1 FROM inbound_updates WHERE update_id = ? AND processed_at IS NULL FOR UPDATE SKIP LOCKED"
_PG_EARLIER = (
    "SELECT 1 FROM inbound_updates WHERE chat_id = ? AND processed_at IS NULL AND update_id < ? AND update_id > ?"
    " LIMIT 1"
)


@dataclass(frozen=True)
class Stored:
    update_id: int
    payload: str
    chat_id: int | None = None


class Claim(StrEnum):
    """What `claim` found: this worker may process the update, or must leave it."""

    CLAIMED = "claimed"  # ours until the unit of work ends
    GONE = "gone"  # processed (or given up) by another worker meanwhile
    BUSY = "busy"  # another worker is processing an update of this chat (or this very one) right now
    LATER = "later"  # an earlier update of the chat is still pending: that one goes first


async def store(db: Database, update_id: int, chat_id: int | None, payload: str) -> bool:
    """Insert: True when the update_id was new, False when it was known already (pending or processed).
    The caller's unit of work commits it (bot/telegram/inbound.py: before Telegram is told)."""
    cursor = await db.conn.execute(
        "INSERT INTO inbound_updates (update_id, chat_id, payload, received_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        (update_id, chat_id, payload, now()),
    )
    return bool(cursor.rowcount)


async def pending(db: Database, limit: int = 50, after: int | None = None) -> list[Stored]:
    """Unprocessed updates, oldest update_id first (so each chat's updates come in their order); `after`
    skips those up to that id (ones this process gave up on but could not mark, see InboundProcessor)."""
    rows = await db.conn.execute_fetchall(
        "SELECT update_id, payload, chat_id FROM inbound_updates WHERE processed_at IS NULL AND update_id > ?"
        " ORDER BY update_id LIMIT ?",
        (-1 if after is None else after, limit),
    )
    return [Stored(int(r[0]), str(r[1] or ""), None if r[2] is None else int(r[2])) for r in rows]


async def claim(db: Database, row: Stored, after: int = -1) -> Claim:
    """Inside the unit of work that processes `row`, before anything else: may this worker process it now?

    SQLite: one process, one processor, always yes. PostgreSQL (several workers): take the chat's advisory
    lock for this transaction without waiting, lock the row (skipping it if another worker has it), and check
    that it is still pending and the chat's oldest pending update (above `after`, the ones this worker gave up
    on). The locks go with the commit or rollback, also when the worker dies (its connection closes)."""
    if not db.is_postgres:
        return Claim.CLAIMED
    if row.chat_id is not None:
        got = await (await db.conn.execute(_PG_CHAT_LOCK, (str(row.chat_id),))).fetchone()
        if not (got and got[0]):
            return Claim.BUSY
    if await (await db.conn.execute(_PG_ROW_LOCK, (row.update_id,))).fetchone() is None:
        pending_still = await db.conn.execute_fetchall(
            "SELECT 1 FROM inbound_updates WHERE update_id = ? AND processed_at IS NULL", (row.update_id,))
        return Claim.BUSY if pending_still else Claim.GONE
    if row.chat_id is not None:
        earlier = await db.conn.execute_fetchall(_PG_EARLIER, (row.chat_id, row.update_id, after))
        if earlier:
            return Claim.LATER
    return Claim.CLAIMED


async def mark_processed(db: Database, update_id: int) -> None:
    await db.conn.execute(
        "UPDATE inbound_updates SET processed_at = ?, payload = NULL, chat_id = NULL WHERE update_id = ?",
        (now(), update_id),
    )


async def purge_processed(db: Database, older_than: float = KEEP_TOMBSTONES) -> int:
    """Delete tombstones of updates processed more than `older_than` seconds ago."""
    cursor = await db.conn.execute(
        "DELETE FROM inbound_updates WHERE processed_at IS NOT NULL AND processed_at < ?", (now() - older_than,)
    )
    return int(cursor.rowcount or 0)


async def counts(db: Database) -> dict[str, int]:
    """How many updates are pending and how many processed ones are kept as tombstones."""
    async with db.conn.execute(
        "SELECT processed_at IS NULL, COUNT(*) FROM inbound_updates GROUP BY processed_at IS NULL"
    ) as cursor:
        rows = await cursor.fetchall()
    found = {("pending" if r[0] else "processed"): int(r[1]) for r in rows}
    return {"pending": found.get("pending", 0), "processed": found.get("processed", 0)}
