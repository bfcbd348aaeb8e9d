"""Event news: subscriptions per district, what each subscriber was sent, when each event was first seen.

No function here commits: the caller's unit of work (a flow's turn, one subscriber's round of the daily
job) commits once, so the outbox row and the record of what it carries are written together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal

from .db import Database

PURPOSE: Final[Literal["events"]] = "events"  # the outbox purpose of event news (bot/event_job.py)


@dataclass(frozen=True)
class Subscriber:
    user_id: int
    lang: str
    districts: tuple[str, ...]
    since: float  # the earliest subscription: events first seen after it are news


@dataclass(frozen=True)
class Notice:
    """One thing a subscriber was sent: a new event ("new", occurrence "") or a reminder of one occurrence."""

    kind: str
    event_id: str
    occurrence: str  # the occurrence's local start, ISO format ("" for "new")
    batch: str  # the outbox message it went out in
    queued_at: float

    @property
    def key(self) -> tuple[str, str, str]:
        return self.kind, self.event_id, self.occurrence


async def districts_of(db: Database, user_id: int) -> tuple[str, ...]:
    async with db.conn.execute(
        "SELECT district FROM event_subscriptions WHERE user_id = ? ORDER BY district", (user_id,)
    ) as cursor:
        return tuple(str(row[0]) for row in await cursor.fetchall())


async def subscribe(db: Database, user_id: int, district: str, now: float) -> None:
    await db.conn.execute(
        "INSERT INTO event_subscriptions (user_id, district, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        (user_id, district, now),
    )


async def unsubscribe(db: Database, user_id: int, district: str | None = None) -> None:
    """One district off, or every district (None)."""
    if district is None:
        await db.conn.execute("DELETE FROM event_subscriptions WHERE user_id = ?", (user_id,))
    else:
        await db.conn.execute(
            "DELETE FROM event_subscriptions WHERE user_id = ? AND district = ?", (user_id, district)
        )


async def subscribers(db: Database) -> list[Subscriber]:
    """Everyone with event news on, with their language (people who erased their data have no row)."""
    async with db.conn.execute(
        f"SELECT s.user_id, u.lang, {db.dialect.group_concat('s.district')}, MIN(s.created_at)"
        " FROM event_subscriptions AS s"
        " JOIN users AS u ON u.user_id = s.user_id GROUP BY s.user_id, u.lang ORDER BY s.user_id"
    ) as cursor:
        rows = await cursor.fetchall()
    return [Subscriber(int(r[0]), str(r[1]), tuple(sorted(str(r[2]).split(","))), float(r[3])) for r in rows]


async def notices(db: Database, user_id: int) -> list[Notice]:
    async with db.conn.execute(
        "SELECT kind, event_id, occurrence, batch, queued_at FROM event_notices WHERE user_id = ?"
        " ORDER BY queued_at",
        (user_id,),
    ) as cursor:
        rows = await cursor.fetchall()
    return [Notice(str(r[0]), str(r[1]), str(r[2]), str(r[3]), float(r[4])) for r in rows]


async def record(db: Database, user_id: int, sent: Iterable[Notice]) -> None:
    await db.conn.executemany(
        "INSERT INTO event_notices (user_id, kind, event_id, occurrence, batch, queued_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [(user_id, n.kind, n.event_id, n.occurrence, n.batch, n.queued_at) for n in sent],
    )


async def note_seen(db: Database, event_ids: Iterable[str], now: float) -> None:
    """Remember when each event was first seen; an event seen before keeps its first date."""
    await db.conn.executemany(
        "INSERT INTO events_seen (event_id, first_seen) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [(i, now) for i in event_ids],
    )


async def first_seen(db: Database) -> dict[str, float]:
    async with db.conn.execute("SELECT event_id, first_seen FROM events_seen") as cursor:
        return {str(r[0]): float(r[1]) for r in await cursor.fetchall()}


async def drop_blocked(db: Database) -> int:
    """Subscribers whose event news Telegram refused (they blocked the bot) since they subscribed are
    unsubscribed."""
    cursor = await db.conn.execute(
        "DELETE FROM event_subscriptions WHERE EXISTS (SELECT 1 FROM outbox WHERE outbox.purpose = ?"
        " AND outbox.chat_id = event_subscriptions.user_id AND outbox.status = 'failed'"
        " AND outbox.last_error LIKE 'forbidden%' AND outbox.created_at >= event_subscriptions.created_at)",
        (PURPOSE,),
    )
    return max(0, int(cursor.rowcount or 0))


async def forget_user(db: Database, user_id: int) -> None:
    """/deletemydata: no subscription, no record of what was sent, no event news still queued or kept."""
    await db.conn.execute("DELETE FROM event_subscriptions WHERE user_id = ?", (user_id,))
    await db.conn.execute("DELETE FROM event_notices WHERE user_id = ?", (user_id,))
    await db.conn.execute(
        "UPDATE outbox SET status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE status END,"
        " payload = '{}', chat_id = 0 WHERE purpose = ? AND chat_id = ?",
        (PURPOSE, user_id),
    )


async def count_for_user(db: Database, user_id: int) -> int:
    async with db.conn.execute("SELECT COUNT(*) FROM event_notices WHERE user_id = ?", (user_id,)) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0
