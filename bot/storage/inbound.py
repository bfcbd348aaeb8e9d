"""Inbound updates: each one is a row before Telegram is told it arrived, processed once, in update_id order.

A row is pending while `processed_at` is NULL. Once processed its payload (message text, names) and chat id
are erased at once; the bare update_id stays a day as a tombstone, so an update Telegram delivers again
(a crash between our commit and its acknowledgement) is recognised and not processed twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from .db import Database, now

KEEP_TOMBSTONES = 86400.0  # Telegram keeps unacknowledged updates for 24 hours
STORE_ATTEMPTS = 5


@dataclass(frozen=True)
class Stored:
    update_id: int
    payload: str


async def store(db: Database, update_id: int, chat_id: int | None, payload: str) -> bool:
    """Insert and commit, and read it back: True once the row is committed and was new, False when the
    update_id was known already (pending or processed).

    The connection is shared with the flows, and a flow that fails rolls back whatever is open on it: a
    rollback landing between our INSERT and our COMMIT would drop the row unseen. The row is therefore
    looked up after the commit (a found row is committed: nobody else inserts this id) and written again
    when it is missing."""
    for _ in range(STORE_ATTEMPTS):
        cursor = await db.conn.execute(
            "INSERT OR IGNORE INTO inbound_updates (update_id, chat_id, payload, received_at) VALUES (?, ?, ?, ?)",
            (update_id, chat_id, payload, now()),
        )
        new = bool(cursor.rowcount)
        await db.conn.commit()
        # read in one step (execute and fetch together): a read left open across an await would hold an old
        # snapshot, and a flow's write meanwhile would fail with SQLITE_BUSY_SNAPSHOT once the outbox worker's
        # own connection has committed
        if await db.conn.execute_fetchall("SELECT 1 FROM inbound_updates WHERE update_id = ?", (update_id,)):
            return new
    raise RuntimeError(f"update {update_id} was rolled back {STORE_ATTEMPTS} times")


async def pending(db: Database, limit: int = 50) -> list[Stored]:
    """Unprocessed updates, oldest update_id first (so each chat's updates come in their order)."""
    rows = await db.conn.execute_fetchall(  # in one step, as in `store`
        "SELECT update_id, payload FROM inbound_updates WHERE processed_at IS NULL ORDER BY update_id LIMIT ?",
        (limit,),
    )
    return [Stored(int(r[0]), str(r[1] or "")) for r in rows]


async def mark_processed(db: Database, update_id: int) -> None:
    await db.conn.execute(
        "UPDATE inbound_updates SET processed_at = ?, payload = NULL, chat_id = NULL WHERE update_id = ?",
        (now(), update_id),
    )
    await db.conn.commit()


async def purge_processed(db: Database, older_than: float = KEEP_TOMBSTONES) -> int:
    """Delete tombstones of updates processed more than `older_than` seconds ago."""
    cursor = await db.conn.execute(
        "DELETE FROM inbound_updates WHERE processed_at IS NOT NULL AND processed_at < ?", (now() - older_than,)
    )
    await db.conn.commit()
    return int(cursor.rowcount or 0)


async def counts(db: Database) -> dict[str, int]:
    """How many updates are pending and how many processed ones are kept as tombstones."""
    async with db.conn.execute(
        "SELECT processed_at IS NULL, COUNT(*) FROM inbound_updates GROUP BY processed_at IS NULL"
    ) as cursor:
        rows = await cursor.fetchall()
    found = {("pending" if r[0] else "processed"): int(r[1]) for r in rows}
    return {"pending": found.get("pending", 0), "processed": found.get("processed", 0)}
