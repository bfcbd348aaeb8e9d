"""Was a service card helpful? One row per press."""

from __future__ import annotations

from .db import Database, now


async def record(db: Database, user_id: int, entry_id: str, helpful: bool) -> None:
    await db.conn.execute(
        "INSERT INTO feedback (user_id, entry_id, helpful, created_at) VALUES (?, ?, ?, ?)",
        (user_id, entry_id, int(helpful), now()),
    )


async def helpful_rate(db: Database) -> tuple[int, int]:
    """(helpful, total) over all feedback."""
    async with db.conn.execute("SELECT COALESCE(SUM(helpful), 0), COUNT(*) FROM feedback") as cursor:
        row = await cursor.fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)
