"""The persistent outbox: every delivery that must not be lost is a row before it is sent.

Nothing here commits: the unit of work that queues or marks a row commits it (bot/storage/unit.py).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Literal

from .db import Database, now

# post: a new ticket in the group; followup, notice: about a ticket, in the group; attachment: a newcomer's
# photo or PDF, in the group; answer, status: to the newcomer; confirm: "delivered" back in the group;
# delete: take one of the bot's posts out of the group (/deletemydata), overwritten with the payload's text
# where Telegram no longer allows deleting it; reply: a direct reply Telegram held back (429), sent later;
# events: event news and reminders to a subscriber (bot/event_job.py)
Purpose = Literal[
    "post", "followup", "notice", "attachment", "answer", "status", "confirm", "delete", "reply", "events"
]
# pending: waits (next_attempt_at); sending: claimed, the request may be under way; sent; failed (for good,
# /retry re-queues it); cancelled (/deletemydata)
WAITING = "('pending', 'sending')"
CANCELLABLE = "('pending', 'failed', 'sending')"  # what /deletemydata stops: all but what was already sent
GROUP_COPIES: tuple[Purpose, ...] = ("post", "followup", "attachment")  # the group messages with a newcomer's text
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
) -> None:
    """Queue a message (the caller commits); a repeated dedupe_key is ignored so a retried step never sends
    twice."""
    stamp = now()
    await db.conn.execute(
        "INSERT INTO outbox (dedupe_key, chat_id, purpose, ticket_id, payload, next_attempt_at,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (dedupe_key, chat_id, purpose, ticket_id, message.to_json(), stamp, stamp),
    )
    db.outbox_touched = True


@dataclass(frozen=True)
class Head:
    """The oldest undelivered row of one chat, which alone may be sent (a chat's order is kept)."""

    id: int
    chat_id: int
    purpose: Purpose
    due_at: float


async def heads(db: Database, limit: int = 1000) -> list[Head]:
    """Per chat the oldest row still waiting, when it is pending (a chat whose oldest row is being sent waits:
    the parts of a long answer, a ticket post and the photos that reply to it go out in the order queued)."""
    async with db.conn.execute(
        "SELECT o.id, o.chat_id, o.purpose, o.next_attempt_at FROM outbox AS o JOIN"
        f" (SELECT MIN(id) AS first FROM outbox WHERE status IN {WAITING} GROUP BY chat_id) AS h ON o.id = h.first"
        " WHERE o.status = 'pending' ORDER BY o.next_attempt_at LIMIT ?",
        (limit,),
    ) as cursor:
        rows = await cursor.fetchall()
    return [Head(int(r[0]), int(r[1]), r[2], float(r[3])) for r in rows]


async def claim(db: Database, item_id: int, at: float) -> OutboxItem | None:
    """Mark a pending row as being sent (one attempt more); None when it is no longer pending."""
    cursor = await db.conn.execute(
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = ?"
        " WHERE id = ? AND status = 'pending'",
        (at, item_id),
    )
    if not cursor.rowcount:
        return None
    async with db.conn.execute(
        "SELECT id, chat_id, purpose, ticket_id, payload, attempts FROM outbox WHERE id = ?", (item_id,)
    ) as found:
        r = await found.fetchone()
    return OutboxItem(r[0], r[1], r[2], r[3], OutMessage.from_json(r[4]), r[5]) if r else None


async def mark_sent(db: Database, item_id: int, message_id: int | None, at: float) -> bool:
    """Sent, unless /deletemydata cancelled the row while its request was under way: then False, and the
    caller takes the message back out of the chat."""
    cursor = await db.conn.execute(
        "UPDATE outbox SET status = 'sent', sent_at = ?, sent_message_id = ?, failure = NULL"
        " WHERE id = ? AND status = 'sending'",
        (at, message_id, item_id),
    )
    return bool(cursor.rowcount)


async def retry_later(db: Database, item_id: int, due_at: float, failure: str, error: str) -> None:
    """Back to pending, not before `due_at`; `failure` and `error` (Telegram's words, never user text) kept."""
    await db.conn.execute(
        "UPDATE outbox SET status = 'pending', next_attempt_at = ?, failure = ?, last_error = ? WHERE id = ?",
        (due_at, failure, error[:200], item_id),
    )


async def mark_failed(db: Database, item_id: int, failure: str, error: str, at: float) -> None:
    """Given up for good: listed by /failed until /retry re-queues it."""
    await db.conn.execute(
        "UPDATE outbox SET status = 'failed', failure = ?, last_error = ?, failed_at = ? WHERE id = ?",
        (failure, error[:200], at, item_id),
    )


async def recover(db: Database) -> list[int]:
    """At start-up: rows left 'sending' by a crash went out or not, nobody knows; they are sent again."""
    async with db.conn.execute("SELECT id FROM outbox WHERE status = 'sending' ORDER BY id") as cursor:
        ids = [int(r[0]) for r in await cursor.fetchall()]
    if ids:
        await db.conn.execute("UPDATE outbox SET status = 'pending', failure = 'unknown' WHERE status = 'sending'")
    return ids


@dataclass(frozen=True)
class Failed:
    id: int
    purpose: Purpose
    ticket_id: int | None
    failure: str
    error: str
    failed_at: float
    attempts: int


async def failed(db: Database, limit: int = 20) -> tuple[list[Failed], int]:
    """The newest failed deliveries (at most `limit`) and how many there are in all."""
    async with db.conn.execute(
        "SELECT id, purpose, ticket_id, failure, last_error, failed_at, attempts FROM outbox"
        " WHERE status = 'failed' ORDER BY COALESCE(failed_at, created_at) DESC, id DESC LIMIT ?",
        (limit,),
    ) as cursor:
        rows = await cursor.fetchall()
    async with db.conn.execute("SELECT COUNT(*) FROM outbox WHERE status = 'failed'") as cursor:
        total = await cursor.fetchone()
    items = [Failed(int(r[0]), r[1], r[2], str(r[3] or "refused"), str(r[4] or ""), float(r[5] or 0), int(r[6]))
             for r in rows]
    return items, int(total[0]) if total else 0


async def requeue(db: Database, item_id: int, at: float) -> str | None:
    """/retry: a failed row becomes pending again with fresh attempts. Returns the row's status before (or
    'erased' when its text is gone), None when there is no such row; only 'failed' was re-queued."""
    async with db.conn.execute("SELECT status, payload, chat_id FROM outbox WHERE id = ?", (item_id,)) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return None
    status = str(row[0])
    if status == "failed" and (row[1] in ("", "{}") or int(row[2]) == 0):
        return "erased"
    if status == "failed":
        await db.conn.execute(
            "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, failure = NULL,"
            " failed_at = NULL WHERE id = ?",
            (at, item_id),
        )
        db.outbox_touched = True
    return status


async def counts(db: Database) -> dict[str, int]:
    async with db.conn.execute("SELECT status, COUNT(*) FROM outbox GROUP BY status") as cursor:
        return {str(status): int(n) for status, n in await cursor.fetchall()}


async def forget_user_texts(db: Database, ticket_ids: list[int], user_id: int) -> None:
    """On /deletemydata: nothing queued for these tickets, or for the person's chat outside a ticket (replies
    held back by a flood wait), is delivered, and no copy of a text remains. A row being sent this moment is
    cancelled too: its request cannot be called back, so the sender deletes the message when it arrives
    (OutboxWorker._sent) instead of a restart sending it again."""
    await db.conn.execute(
        f"UPDATE outbox SET status = CASE WHEN status IN {CANCELLABLE} THEN 'cancelled' ELSE status END,"
        " payload = '{}', chat_id = 0 WHERE chat_id = ? AND ticket_id IS NULL",
        (user_id,),
    )
    if not ticket_ids:
        return
    marks = ",".join("?" * len(ticket_ids))
    await db.conn.execute(
        f"UPDATE outbox SET status = CASE WHEN status IN {CANCELLABLE} THEN 'cancelled' ELSE status END,"
        f" payload = '{{}}', chat_id = CASE WHEN chat_id = ? THEN 0 ELSE chat_id END WHERE ticket_id IN ({marks})",
        [user_id, *ticket_ids],
    )


async def group_posts(db: Database, ticket_ids: list[int]) -> list[tuple[int, int, int]]:
    """(chat_id, message_id, ticket_id) of the delivered ticket posts and follow-ups: the bot's messages in the
    group that carry a newcomer's text."""
    if not ticket_ids:
        return []
    marks = ",".join("?" * len(ticket_ids))
    kinds = ",".join("?" * len(GROUP_COPIES))
    async with db.conn.execute(
        f"SELECT chat_id, sent_message_id, ticket_id FROM outbox WHERE ticket_id IN ({marks})"
        f" AND purpose IN ({kinds}) AND status = 'sent' AND sent_message_id IS NOT NULL ORDER BY id",
        [*ticket_ids, *GROUP_COPIES],
    ) as cursor:
        return [(int(r[0]), int(r[1]), int(r[2])) for r in await cursor.fetchall()]


async def queue_removal(db: Database, chat_id: int, message_id: int, ticket_id: int, removal: OutMessage) -> None:
    """Take one of the bot's group messages out again (/deletemydata); one row per message, however often asked."""
    await add(db, chat_id, "delete", removal, ticket_id, f"delete:{chat_id}:{message_id}")
