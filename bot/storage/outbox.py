"""The persistent outbox: every delivery that must not be lost is a row before it is sent."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Literal

from .db import Database, now

MAX_ATTEMPTS = 12
# post: a new ticket in the group; followup, notice: about a ticket, in the group; attachment: a newcomer's
# photo or PDF, in the group; answer, status: to the newcomer; confirm: "delivered" back in the group;
# delete: take one of the bot's posts out of the group (/deletemydata), overwritten with the payload's text
# where Telegram no longer allows deleting it; events: event news and reminders to a subscriber (bot/event_job.py)
Purpose = Literal["post", "followup", "notice", "attachment", "answer", "status", "confirm", "delete", "events"]
ButtonRows = tuple[tuple[tuple[str, str], ...], ...]  # (label, callback data)
MediaKind = Literal["photo", "document"]


@dataclass(frozen=True)
class Media:
    """A photo or document already on Telegram's servers, sent on by its file id (never downloaded)."""

    kind: MediaKind
    file_id: str


@dataclass(frozen=True)
class Confirm:
    """The caseworker's message an answer came from: "delivered" goes there, and so does a failure."""

    chat_id: int
    reply_to: int | None = None
    thread_id: int | None = None
    final: bool = True  # the last part of an answer: "delivered" is said after this one only


@dataclass(frozen=True)
class OutMessage:
    """What one outbox row sends. `text` is HTML-safe; with `media` it is the caption (at most 1,024)."""

    text: str
    buttons: ButtonRows = ()
    reply_to: int | None = None
    thread_id: int | None = None
    topic: str | None = None  # title of the forum topic a ticket post opens
    confirm: Confirm | None = None
    target: int | None = None  # purpose "delete": the message to delete
    media: Media | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> OutMessage:
        data: dict[str, Any] = json.loads(raw) if raw else {}
        if "confirm_chat" in data:  # rows queued before payloads were typed
            data["confirm"] = {"chat_id": data.pop("confirm_chat"), "reply_to": data.pop("confirm_reply_to", None),
                               "thread_id": data.pop("thread_id_confirm", None)}
        confirm, media = data.get("confirm"), data.get("media")
        return cls(
            text=str(data.get("text", "")),
            buttons=tuple(tuple((str(label), str(cb)) for label, cb in row) for row in data.get("buttons") or ()),
            reply_to=data.get("reply_to"),
            thread_id=data.get("thread_id"),
            topic=data.get("topic"),
            confirm=Confirm(**confirm) if isinstance(confirm, dict) else None,
            target=data.get("target"),
            media=Media(**media) if isinstance(media, dict) else None,
        )


@dataclass(frozen=True)
class OutboxItem:
    id: int
    chat_id: int
    purpose: Purpose
    ticket_id: int | None
    message: OutMessage
    attempts: int


async def add(
    db: Database,
    chat_id: int,
    purpose: Purpose,
    message: OutMessage,
    ticket_id: int | None = None,
    dedupe_key: str | None = None,
    commit: bool = True,
) -> None:
    """Queue a message; a repeated dedupe_key is ignored so a retried step never sends twice."""
    stamp = now()
    await db.conn.execute(
        "INSERT OR IGNORE INTO outbox (dedupe_key, chat_id, purpose, ticket_id, payload, next_attempt_at,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (dedupe_key, chat_id, purpose, ticket_id, message.to_json(), stamp, stamp),
    )
    db.outbox_touched = True
    if commit:
        await db.conn.commit()


# Only the oldest pending row of each chat is due: the parts of a long answer, a ticket post and the photos
# that reply to it go out in the order they were queued, even when one of them has to be retried.
_HEAD_OF_CHAT = (
    "status = 'pending' AND NOT EXISTS (SELECT 1 FROM outbox AS earlier WHERE earlier.chat_id = outbox.chat_id"
    " AND earlier.status = 'pending' AND earlier.id < outbox.id)"
)


async def due(db: Database, limit: int = 20) -> list[OutboxItem]:
    async with db.conn.execute(
        "SELECT id, chat_id, purpose, ticket_id, payload, attempts FROM outbox"
        f" WHERE {_HEAD_OF_CHAT} AND next_attempt_at <= ? ORDER BY id LIMIT ?",
        (now(), limit),
    ) as cursor:
        rows = await cursor.fetchall()
    return [OutboxItem(r[0], r[1], r[2], r[3], OutMessage.from_json(r[4]), r[5]) for r in rows]


async def mark_sent(db: Database, item_id: int, message_id: int | None) -> None:
    await db.conn.execute(
        "UPDATE outbox SET status = 'sent', sent_at = ?, sent_message_id = ?, attempts = attempts + 1"
        " WHERE id = ?",
        (now(), message_id, item_id),
    )
    await db.conn.commit()


async def retry_later(db: Database, item_id: int, delay: float, error: str) -> None:
    await db.conn.execute(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
        " status = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE 'pending' END WHERE id = ?",
        (now() + delay, error[:200], MAX_ATTEMPTS, item_id),
    )
    await db.conn.commit()


async def mark_failed(db: Database, item_id: int, error: str) -> None:
    await db.conn.execute(
        "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
        (error[:200], item_id),
    )
    await db.conn.commit()


async def counts(db: Database) -> dict[str, int]:
    async with db.conn.execute("SELECT status, COUNT(*) FROM outbox GROUP BY status") as cursor:
        return {str(status): int(n) for status, n in await cursor.fetchall()}


async def next_due_in(db: Database) -> float | None:
    """Seconds until the next pending item is due (0 if overdue), None when nothing is pending."""
    async with db.conn.execute(f"SELECT MIN(next_attempt_at) FROM outbox WHERE {_HEAD_OF_CHAT}") as cursor:
        row = await cursor.fetchone()
    if not row or row[0] is None:
        return None
    return max(0.0, float(row[0]) - now())


async def forget_user_texts(db: Database, ticket_ids: list[int], user_id: int) -> None:
    """On /deletemydata: nothing queued for these tickets is delivered, and no copy of a text remains."""
    if not ticket_ids:
        return
    marks = ",".join("?" * len(ticket_ids))
    await db.conn.execute(
        f"UPDATE outbox SET status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE status END,"
        f" payload = '{{}}', chat_id = CASE WHEN chat_id = ? THEN 0 ELSE chat_id END WHERE ticket_id IN ({marks})",
        [user_id, *ticket_ids],
    )


async def group_posts(db: Database, ticket_ids: list[int]) -> list[tuple[int, int, int]]:
    """(chat_id, message_id, ticket_id) of the delivered ticket posts and follow-ups: the bot's messages in the
    group that carry a newcomer's text."""
    if not ticket_ids:
        return []
    marks = ",".join("?" * len(ticket_ids))
    async with db.conn.execute(
        f"SELECT chat_id, sent_message_id, ticket_id FROM outbox WHERE ticket_id IN ({marks})"
        f" AND purpose IN ('post', 'followup', 'attachment') AND status = 'sent' AND sent_message_id IS NOT NULL"
        " ORDER BY id",
        ticket_ids,
    ) as cursor:
        return [(int(r[0]), int(r[1]), int(r[2])) for r in await cursor.fetchall()]
