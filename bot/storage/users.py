"""Users and their settings: language, district, where they are in a conversation."""

from __future__ import annotations

from dataclasses import dataclass

from .db import Database, now


@dataclass(frozen=True)
class UserRecord:
    user_id: int
    lang: str
    district: str | None
    created_at: float
    pending_question: str | None
    clarify_rounds: int
    awaiting: str | None


async def get(db: Database, user_id: int) -> UserRecord | None:
    async with db.conn.execute(
        "SELECT user_id, lang, district, created_at, pending_question, clarify_rounds, awaiting"
        " FROM users WHERE user_id = ?",
        (user_id,),
    ) as cursor:
        row = await cursor.fetchone()
    return UserRecord(*row) if row else None


async def save(db: Database, user: UserRecord) -> None:
    """Insert or update, committed before returning so the bot may acknowledge it."""
    stamp = now()
    await db.conn.execute(
        "INSERT INTO users (user_id, lang, district, created_at, updated_at, pending_question, clarify_rounds,"
        " awaiting) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(user_id) DO UPDATE SET lang=excluded.lang, district=excluded.district,"
        " updated_at=excluded.updated_at, pending_question=excluded.pending_question,"
        " clarify_rounds=excluded.clarify_rounds, awaiting=excluded.awaiting",
        (
            user.user_id,
            user.lang,
            user.district,
            user.created_at or stamp,
            stamp,
            user.pending_question,
            user.clarify_rounds,
            user.awaiting,
        ),
    )
    await db.conn.commit()


async def delete_all(db: Database, user_id: int) -> None:
    """Erase everything stored about one user, in one transaction."""
    await db.conn.execute("DELETE FROM questions WHERE user_id = ?", (user_id,))
    await db.conn.execute("DELETE FROM feedback WHERE user_id = ?", (user_id,))
    await db.conn.execute("DELETE FROM users WHERE user_id = ?", (user_id,))
    await db.conn.commit()


async def count_by_language(db: Database) -> dict[str, int]:
    async with db.conn.execute("SELECT lang, COUNT(*) FROM users GROUP BY lang ORDER BY 2 DESC") as cursor:
        return {str(lang): int(n) for lang, n in await cursor.fetchall()}
