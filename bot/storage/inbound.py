"""Inbound updates: each one is a row before Telegram is told it arrived, processed once, in update_id order.

A row is pending while `processed_at` is NULL. Once processed its payload (message text, names) and chat id
are erased at once; the bare update_id stays a day as a tombstone, so an update Telegram delivers again
(a crash between our commit and its acknowledgement) is recognised and not processed twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from .db import Database, now

KEEP_TOMBSTONES = 86400.0  # Telegram keeps unacknowledged updates for 24 hours


@dataclass(frozen=True)
class Stored:
    update_id: int
    payload: str


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
        "SELECT update_id, payload FROM inbound_updates WHERE processed_at IS NULL AND update_id > ?"
        " ORDER BY update_id LIMIT ?",
        (-1 if after is None else after, limit),
    )
    return [Stored(int(r[0]), str(r[1] or "")) for r in rows]


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
