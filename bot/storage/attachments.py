"""Photos and PDFs a newcomer adds to a question: Telegram file ids only, the files are never downloaded.

A row without a ticket is pending: it waits for the draft to be sent or for "add to my question".
Pending rows older than PENDING_FOR are dropped the next time the person's pending files are read.
Functions here do not commit; the hand-off step that uses them commits the whole step.
"""

from __future__ import annotations

from dataclasses import dataclass

from .db import Database, now
from .outbox import Media

PENDING_FOR = 86400.0  # a day: a photo nobody chose to send is not kept for a later question
_COLUMNS = "id, kind, file_id, caption, album"


@dataclass(frozen=True)
class Attachment:
    id: int
    media: Media
    caption: str
    album: str | None  # Telegram's media_group_id: several photos sent at once


async def add(
    db: Database, user_id: int, media: Media, caption: str, source_message_id: int, album: str | None
) -> Attachment | None:
    """Store a pending attachment; None when this message was stored before (a redelivered or edited one)."""
    async with db.conn.execute(
        "INSERT INTO attachments (user_id, kind, file_id, caption, album, source_message_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
        (user_id, media.kind, media.file_id, caption or None, album, source_message_id, now()),
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return None
    return Attachment(int(row[0]), media, caption, album)


async def pending(db: Database, user_id: int) -> list[Attachment]:
    """The person's attachments not yet part of a question, oldest first (stale ones are dropped)."""
    await db.conn.execute(
        "DELETE FROM attachments WHERE user_id = ? AND ticket_id IS NULL AND created_at < ?",
        (user_id, now() - PENDING_FOR),
    )
    async with db.conn.execute(
        f"SELECT {_COLUMNS} FROM attachments WHERE user_id = ? AND ticket_id IS NULL ORDER BY id", (user_id,)
    ) as cursor:
        rows = await cursor.fetchall()
    return [Attachment(int(r[0]), Media(r[1], str(r[2])), str(r[3] or ""), r[4]) for r in rows]


async def album_seen(db: Database, user_id: int, album: str, before: int) -> bool:
    """Another photo of the same album is already pending (it got the answer for all of them)."""
    async with db.conn.execute(
        "SELECT 1 FROM attachments WHERE user_id = ? AND ticket_id IS NULL AND album = ? AND id < ? LIMIT 1",
        (user_id, album, before),
    ) as cursor:
        return await cursor.fetchone() is not None


async def attach(db: Database, attachment_ids: list[int], ticket_id: int) -> None:
    """The pending attachments become part of a question."""
    if attachment_ids:
        marks = ",".join("?" * len(attachment_ids))
        await db.conn.execute(
            f"UPDATE attachments SET ticket_id = ? WHERE ticket_id IS NULL AND id IN ({marks})",
            [ticket_id, *attachment_ids],
        )


async def drop_pending(db: Database, user_id: int) -> None:
    """A draft was cancelled: nothing of it is kept."""
    await db.conn.execute("DELETE FROM attachments WHERE user_id = ? AND ticket_id IS NULL", (user_id,))


async def count_for_user(db: Database, user_id: int) -> int:
    async with db.conn.execute("SELECT COUNT(*) FROM attachments WHERE user_id = ?", (user_id,)) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def delete_for_user(db: Database, user_id: int, ticket_ids: list[int]) -> None:
    """/deletemydata: every attachment of the person, pending or sent with one of their questions."""
    await db.conn.execute("DELETE FROM attachments WHERE user_id = ?", (user_id,))
    await delete_for_tickets(db, ticket_ids)


async def delete_for_tickets(db: Database, ticket_ids: list[int]) -> None:
    """The attachments of these questions (for erasure and retention)."""
    if ticket_ids:
        marks = ",".join("?" * len(ticket_ids))
        await db.conn.execute(f"DELETE FROM attachments WHERE ticket_id IN ({marks})", ticket_ids)
