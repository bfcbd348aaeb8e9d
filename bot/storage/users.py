"""Users and their settings: language, district, where they are in a conversation."""

from __future__ import annotations

from dataclasses import dataclass, fields

from .db import Database, now


@dataclass
class UserRecord:
    """One user's settings and conversation state; changed during a turn, saved once at its end."""

    user_id: int
    lang: str
    district: str | None = None
    created_at: float = 0.0  # 0 until first saved
    pending_question: str | None = None  # the last question, offered as the draft for a caseworker
    clarify_rounds: int = 0
    awaiting: str | None = None  # a conversation.protocol.Awaiting value
    draft: str | None = None  # details a user adds before sending a question to a caseworker
    share_name: bool = False


_COLUMNS = tuple(f.name for f in fields(UserRecord))


async def get(db: Database, user_id: int) -> UserRecord | None:
    async with db.conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM users WHERE user_id = ?", (user_id,)) as cursor:
        row = await cursor.fetchone()
    if not row:
        return None
    values = dict(zip(_COLUMNS, row, strict=True))
    values["share_name"] = bool(values["share_name"])
    return UserRecord(**values)


async def save(db: Database, user: UserRecord) -> None:
    """Insert or update (committed by the unit of work that saves it, with everything else of the turn)."""
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


async def delete_all(db: Database, user_id: int) -> None:
    """Erase everything stored about one user (in the caller's unit of work, with the ticket erasure)."""
    await db.conn.execute("DELETE FROM questions WHERE user_id = ?", (user_id,))
    await db.conn.execute("DELETE FROM feedback WHERE user_id = ?", (user_id,))
    await db.conn.execute("DELETE FROM users WHERE user_id = ?", (user_id,))


async def count_by_language(db: Database) -> dict[str, int]:
    async with db.conn.execute("SELECT lang, COUNT(*) FROM users GROUP BY lang ORDER BY 2 DESC") as cursor:
        return {str(lang): int(n) for lang, n in await cursor.fetchall()}
