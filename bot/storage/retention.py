"""Retention: personal text older than RETENTION_DAYS is deleted, in one transaction (one unit of work).

What stays is anonymous: a closed ticket's row (language, status, rating, dates) for the counts, users'
settings (language, district, event subscriptions) until they delete them with /deletemydata. Open tickets
are never touched, and nothing waiting to be delivered is.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .attachments import PENDING_FOR
from .db import Database
from .events import PURPOSE as EVENTS
from .tickets import OPEN_STATES

DAY = 86400.0
# A delivered message's payload is kept this long (a "delivered" confirmation, a restart mid-delivery),
# then emptied; the row stays so its dedupe key still prevents a second delivery.
DELIVERED_GRACE = DAY
_OPEN = ", ".join(f"'{state}'" for state in OPEN_STATES)
# tickets closed or withdrawn before the cut-off (a withdrawn ticket has no closed_at: its last change counts)
_EXPIRED = f"SELECT id FROM tickets WHERE status NOT IN ({_OPEN}) AND COALESCE(closed_at, updated_at) < ?"
_TO_NEWCOMER = "('answer', 'status', 'reply')"  # outbox purposes whose chat_id is the newcomer's Telegram id


@dataclass(frozen=True)
class Purged:
    """How many rows lost their personal text, per table; never the texts themselves."""

    questions: int = 0
    feedback: int = 0
    drafts: int = 0  # users whose draft or pending question was dropped
    tickets: int = 0
    ticket_messages: int = 0
    attachments: int = 0  # file ids of photos and PDFs
    outbox: int = 0
    event_news: int = 0  # what subscribers were sent, and its outbox rows (subscriptions stay, like districts)

    @property
    def total(self) -> int:
        return sum(asdict(self).values())

    def summary(self) -> str:
        return ", ".join(f"{name} {count}" for name, count in asdict(self).items())


async def purge(db: Database, days: int, now: float) -> Purged:
    """Delete or empty everything personal older than `days` (delivered payloads after a day). The caller's unit
    of work commits it as one transaction (and checkpoints the WAL after it)."""
    cutoff = now - days * DAY
    return Purged(
        ticket_messages=await _count(db, f"DELETE FROM ticket_messages WHERE ticket_id IN ({_EXPIRED})", cutoff),
        attachments=await _count(db, f"DELETE FROM attachments WHERE ticket_id IN ({_EXPIRED})", cutoff)
        + await _count(  # sent to nobody: dropped after a day
            db, "DELETE FROM attachments WHERE ticket_id IS NULL AND created_at < ?", now - PENDING_FOR
        ),
        outbox=await _count(
            db,
            # an expired ticket's deliveries: no text, and no Telegram id linking the anonymous row to a person
            f"UPDATE outbox SET payload = '{{}}',"
            f" chat_id = CASE WHEN purpose IN {_TO_NEWCOMER} THEN 0 ELSE chat_id END"
            f" WHERE status NOT IN ('pending', 'sending') AND ticket_id IN ({_EXPIRED})"
            f" AND (payload != '{{}}' OR (purpose IN {_TO_NEWCOMER} AND chat_id != 0))",
            cutoff,
        )
        + await _count(
            db,
            "UPDATE outbox SET payload = '{}' WHERE status IN ('sent', 'cancelled') AND payload != '{}'"
            " AND COALESCE(sent_at, created_at) < ?",
            now - DELIVERED_GRACE,
        )
        + await _count(  # a failed one stays for /retry as long as any personal text
            db, "UPDATE outbox SET payload = '{}' WHERE status = 'failed' AND payload != '{}' AND failed_at < ?",
            cutoff,
        ),
        tickets=await _count(
            db,
            f"UPDATE tickets SET text = NULL, display_name = NULL, user_id = NULL WHERE id IN ({_EXPIRED})"
            " AND (text IS NOT NULL OR display_name IS NOT NULL OR user_id IS NOT NULL)",
            cutoff,
        ),
        drafts=await _count(
            db,
            # the conversation about that text is over too (conversation.protocol.Awaiting values)
            "UPDATE users SET draft = NULL, pending_question = NULL, clarify_rounds = 0,"
            " awaiting = CASE WHEN awaiting IN ('clarify', 'handoff', 'speaker') THEN NULL ELSE awaiting END"
            " WHERE updated_at < ? AND (draft IS NOT NULL OR pending_question IS NOT NULL)",
            cutoff,
        ),
        feedback=await _count(db, "DELETE FROM feedback WHERE created_at < ?", cutoff),
        questions=await _count(db, "DELETE FROM questions WHERE created_at < ?", cutoff),
        event_news=await _count(db, "DELETE FROM event_notices WHERE queued_at < ?", cutoff)
        + await _count(  # old event news: no Telegram id left on the row
            db,
            f"UPDATE outbox SET chat_id = 0, payload = '{{}}' WHERE purpose = '{EVENTS}'"
            " AND status NOT IN ('pending', 'sending') AND chat_id != 0 AND created_at < ?",
            cutoff,
        ),
    )


async def _count(db: Database, sql: str, *args: object) -> int:
    cursor = await db.conn.execute(sql, args)
    return max(0, int(cursor.rowcount or 0))
