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
    draft: str | None = None  # details a user adds before sending a question to a caseworker
    share_name: bool = False


async def get(db: Database, user_id: int) -> UserRecord | None:
    async with db.conn.execute(
        "SELECT user_id, lang, district, created_at, pending_question, clarify_rounds, awaiting, draft,"
        " share_name FROM users WHERE user_id = ?",
        (user_id,),
    ) as cursor:
        row = await cursor.fetchone()
    if not row:
        return None
    values = tuple(row)
    return UserRecord(
        values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], bool(values[8])
    )


async def save(db: Database, user: UserRecord) -> None:
    """Insert or update, committed before returning so the bot may acknowledge it."""
    stamp = now()
    await db.conn.execute(
        "INSERT INTO users (user_id, lang, district, created_at, updated_at, pending_question, clarify_rounds,"
        " awaiting, draft, share_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(user_id) DO UPDATE SET lang=excluded.lang, district=excluded.district,"
        " updated_at=excluded.updated_at, pending_question=excluded.pending_question,"
        " clarify_rounds=excluded.clarify_rounds, awaiting=excluded.awaiting, draft=excluded.draft,"
        " share_name=excluded.share_name",
        (
            user.user_id,
            user.lang,
            user.district,
            user.created_at or stamp,
            stamp,
            user.pending_question,
            user.clarify_rounds,
            user.awaiting,
            user.draft,
            int(user.share_name),
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
