"""The question log editors learn from: text, language and outcome; never names."""

from __future__ import annotations

from .db import Database, now

DAY = 86400.0


async def log(
    db: Database, user_id: int, lang: str, text: str, action: str, intent: str, entry_id: str | None
) -> int:
    async with db.conn.execute(
        "INSERT INTO questions (user_id, lang, text, action, intent, entry_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (user_id, lang, text, action, intent, entry_id, now()),
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def mark_outcome(db: Database, user_id: int, outcome: str) -> None:
    """Record how the user's latest question ended ('none-of-these', 'not-helpful', 'person')."""
    await db.conn.execute(
        "UPDATE questions SET outcome = ? WHERE id = (SELECT MAX(id) FROM questions WHERE user_id = ?)",
        (outcome, user_id),
    )


async def count_for_user(db: Database, user_id: int) -> int:
    async with db.conn.execute("SELECT COUNT(*) FROM questions WHERE user_id = ?", (user_id,)) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def action_split(db: Database) -> dict[str, int]:
    async with db.conn.execute("SELECT action, COUNT(*) FROM questions GROUP BY action") as cursor:
        return {str(action): int(n) for action, n in await cursor.fetchall()}


async def gaps(db: Database, days: int) -> list[tuple[str, str, str, str | None]]:
    """(text, lang, action, outcome) of questions the bot could not answer well in the last `days`."""
    async with db.conn.execute(
        "SELECT text, lang, action, outcome FROM questions WHERE created_at >= ? AND text IS NOT NULL"
        " AND intent != 'smalltalk'"
        " AND (action = 'handoff' OR outcome IN ('none-of-these', 'not-helpful', 'person')) ORDER BY id",
        (now() - days * DAY,),
    ) as cursor:
        return [(str(r[0]), str(r[1]), str(r[2]), r[3]) for r in await cursor.fetchall()]
