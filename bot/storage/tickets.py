"""Tickets: questions handed to caseworkers, their messages, and group message -> ticket mapping.

Functions here do not commit unless they say so; the hand-off service commits a whole step
(ticket row plus its outbox items) at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from .db import Database, now

OPEN_STATES = ("open", "claimed")
# question: for the caseworkers' group; speaker: a speaker request for the coordination office's group
Kind = Literal["question", "speaker"]
KINDS: tuple[Kind, ...] = ("question", "speaker")
_COLUMNS = (
    "id, user_id, lang, text, display_name, status, claimed_by, candidates, group_message_id, thread_id,"
    " blocked, rating, created_at, closed_at, kind"
)


@dataclass(frozen=True)
class Ticket:
    id: int
    user_id: int | None
    lang: str
    text: str | None
    display_name: str | None
    status: str
    claimed_by: int | None
    candidates: tuple[str, ...]
    group_message_id: int | None
    thread_id: int | None
    blocked: bool
    rating: int | None
    created_at: float
    closed_at: float | None
    kind: Kind = "question"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES


def _ticket(row: Any) -> Ticket:
    r = tuple(row)
    candidates = tuple(c for c in str(r[7] or "").split(",") if c)
    kind: Kind = "speaker" if r[14] == "speaker" else "question"
    return Ticket(
        r[0], r[1], r[2], r[3], r[4], r[5], r[6], candidates, r[8], r[9], bool(r[10]), r[11], r[12], r[13], kind
    )


async def _one(db: Database, where: str, args: tuple[object, ...]) -> Ticket | None:
    async with db.conn.execute(f"SELECT {_COLUMNS} FROM tickets WHERE {where}", args) as cursor:
        row = await cursor.fetchone()
    return _ticket(row) if row else None


async def create(
    db: Database, user_id: int, lang: str, text: str, display_name: str | None, candidates: list[str],
    kind: Kind = "question",
) -> int:
    stamp = now()
    async with db.conn.execute(
        "INSERT INTO tickets (user_id, lang, text, display_name, status, candidates, created_at, updated_at, kind)"
        " VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?) RETURNING id",
        (user_id, lang, text, display_name, ",".join(candidates), stamp, stamp, kind),
    ) as cursor:
        row = await cursor.fetchone()
    ticket_id = int(row[0]) if row else 0
    await db.conn.execute(
        "INSERT INTO ticket_messages (ticket_id, direction, text, created_at) VALUES (?, 'user', ?, ?)",
        (ticket_id, text, stamp),
    )
    return ticket_id


async def get(db: Database, ticket_id: int) -> Ticket | None:
    return await _one(db, "id = ?", (ticket_id,))


async def open_for_user(db: Database, user_id: int, kind: Kind = "question") -> Ticket | None:
    return await _one(
        db, "user_id = ? AND kind = ? AND status IN ('open', 'claimed') ORDER BY id DESC LIMIT 1", (user_id, kind)
    )


async def recently_closed(db: Database, user_id: int, within_seconds: float) -> Ticket | None:
    """The user's question to a caseworker closed within the time (speaker requests are not reopened)."""
    return await _one(
        db,
        "user_id = ? AND kind = 'question' AND status = 'closed' AND closed_at >= ? ORDER BY id DESC LIMIT 1",
        (user_id, now() - within_seconds),
    )


async def set_status(db: Database, ticket_id: int, status: str, claimed_by: int | None = None) -> None:
    closed_at = now() if status == "closed" else None
    await db.conn.execute(
        "UPDATE tickets SET status = ?, claimed_by = COALESCE(?, claimed_by), closed_at = ?, updated_at = ?"
        " WHERE id = ?",
        (status, claimed_by, closed_at, now(), ticket_id),
    )


async def add_message(
    db: Database, ticket_id: int, direction: str, text: str, source_message_id: int | None = None
) -> bool:
    """False when this source message was recorded before (a redelivered update)."""
    cursor = await db.conn.execute(
        "INSERT INTO ticket_messages (ticket_id, direction, text, source_message_id, created_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (ticket_id, direction, text, source_message_id, now()),
    )
    await db.conn.execute("UPDATE tickets SET updated_at = ? WHERE id = ?", (now(), ticket_id))
    return bool(cursor.rowcount)


async def map_group_message(db: Database, chat_id: int, message_id: int, ticket_id: int) -> None:
    await db.conn.execute(
        "INSERT INTO group_messages (chat_id, message_id, ticket_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        (chat_id, message_id, ticket_id),
    )


async def for_group_message(db: Database, chat_id: int, message_id: int) -> Ticket | None:
    async with db.conn.execute(
        "SELECT ticket_id FROM group_messages WHERE chat_id = ? AND message_id = ?", (chat_id, message_id)
    ) as cursor:
        row = await cursor.fetchone()
    return await get(db, int(row[0])) if row else None


async def for_thread(db: Database, thread_id: int, kinds: Iterable[str] = ("question",)) -> Ticket | None:
    """The ticket of a forum topic, among the kinds the group works on."""
    wanted = tuple(kinds)
    if not wanted:
        return None
    marks = ",".join("?" * len(wanted))
    return await _one(db, f"thread_id = ? AND kind IN ({marks}) ORDER BY id DESC LIMIT 1", (thread_id, *wanted))


async def set_group_post(db: Database, ticket_id: int, message_id: int | None, thread_id: int | None) -> None:
    await db.conn.execute(
        "UPDATE tickets SET group_message_id = COALESCE(group_message_id, ?), thread_id = COALESCE(?, thread_id)"
        " WHERE id = ?",
        (message_id, thread_id, ticket_id),
    )


async def queue(db: Database, kinds: Iterable[str] = ("question",)) -> list[Ticket]:
    wanted = tuple(kinds)
    marks = ",".join("?" * len(wanted)) or "NULL"
    async with db.conn.execute(
        f"SELECT {_COLUMNS} FROM tickets WHERE status IN ('open', 'claimed') AND kind IN ({marks}) ORDER BY created_at",
        wanted,
    ) as cursor:
        return [_ticket(row) for row in await cursor.fetchall()]


async def set_blocked(db: Database, ticket_id: int) -> None:
    await db.conn.execute("UPDATE tickets SET blocked = 1, updated_at = ? WHERE id = ?", (now(), ticket_id))


async def set_rating(db: Database, ticket_id: int, helpful: bool) -> None:
    await db.conn.execute("UPDATE tickets SET rating = ? WHERE id = ?", (int(helpful), ticket_id))


async def count_for_user(db: Database, user_id: int, kind: Kind = "question") -> int:
    async with db.conn.execute(
        "SELECT COUNT(*) FROM tickets WHERE user_id = ? AND kind = ?", (user_id, kind)
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def withdraw_for_user(db: Database, user_id: int) -> list[Ticket]:
    """Erase a user's ticket texts; rows stay as anonymous counts. Returns all the user's tickets as they were."""
    async with db.conn.execute(f"SELECT {_COLUMNS} FROM tickets WHERE user_id = ?", (user_id,)) as cursor:
        mine = [_ticket(row) for row in await cursor.fetchall()]
    ids = [t.id for t in mine]
    if ids:
        marks = ",".join("?" * len(ids))
        await db.conn.execute(f"DELETE FROM ticket_messages WHERE ticket_id IN ({marks})", ids)
        await db.conn.execute(
            f"UPDATE tickets SET text = NULL, display_name = NULL, user_id = NULL,"
            f" status = CASE WHEN status IN ('open', 'claimed') THEN 'withdrawn' ELSE status END"
            f" WHERE id IN ({marks})",
            ids,
        )
    return mine
