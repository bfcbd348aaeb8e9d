"""The event news tables (migration 7): subscriptions per district, what was sent, first sightings; no inner
commits; erasure on /deletemydata; retention."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from dbkit import Places

from bot.storage import events as store
from bot.storage import outbox, retention, schema, users
from bot.storage.db import Database
from bot.storage.outbox import OutMessage
from bot.storage.retention import DAY
from bot.storage.users import UserRecord

T0 = 1_800_000_000.0


@pytest.fixture
async def db(where: Places) -> AsyncIterator[Database]:
    opened = await Database.open(where("events.db"))
    yield opened
    await opened.close()


async def rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    async with db.conn.execute(sql) as cursor:
        return [tuple(r) for r in await cursor.fetchall()]


async def test_migration_7_creates_the_tables(db: Database) -> None:
    assert schema.latest() >= 7
    assert await db.version() == schema.latest()
    for table in ("event_subscriptions", "event_notices", "events_seen"):
        assert await rows(db, f"SELECT COUNT(*) FROM {table}") == [(0,)]


async def test_subscriptions_per_district_and_nothing_committed_inside(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with db.unit_of_work():
            await store.subscribe(db, 1, "mitte", T0)
            raise RuntimeError("the caller's unit of work failed: nothing of it stays")
    assert await store.districts_of(db, 1) == ()

    await store.subscribe(db, 1, "mitte", T0)
    await store.subscribe(db, 1, "mitte", T0 + 5)  # twice: still one, from the first time
    await store.subscribe(db, 1, "charlottenburg-wilmersdorf", T0 + 10)
    await store.subscribe(db, 2, "mitte", T0)  # no users row (erased meanwhile): no news for nobody
    await users.save(db, UserRecord(1, "ar"))
    assert await store.districts_of(db, 1) == ("charlottenburg-wilmersdorf", "mitte")
    assert await store.subscribers(db) == [
        store.Subscriber(1, "ar", ("charlottenburg-wilmersdorf", "mitte"), T0)
    ]
    await store.unsubscribe(db, 1, "mitte")
    assert await store.districts_of(db, 1) == ("charlottenburg-wilmersdorf",)
    await store.unsubscribe(db, 1)
    assert await store.districts_of(db, 1) == ()


async def test_notices_and_first_sightings_are_kept_once(db: Database) -> None:
    notice = store.Notice("reminder", "cafe", "2026-12-08T16:00", "events:1:2026-12-07", T0)
    await store.record(db, 1, [notice])
    await store.record(db, 1, [store.Notice("reminder", "cafe", "2026-12-08T16:00", "events:1:other", T0 + 1)])
    await store.note_seen(db, ["cafe", "fest"], T0)
    await store.note_seen(db, ["cafe", "new"], T0 + 100)
    assert await store.notices(db, 1) == [notice]
    assert await store.first_seen(db) == {"cafe": T0, "fest": T0, "new": T0 + 100}
    assert await store.count_for_user(db, 1) == 1 and await store.count_for_user(db, 2) == 0


async def test_forget_user_leaves_nothing_and_cancels_queued_news(db: Database) -> None:
    for user_id in (1, 2):
        await store.subscribe(db, user_id, "mitte", T0)
        await store.record(db, user_id, [store.Notice("new", "cafe", "", f"events:{user_id}:d", T0)])
        await outbox.add(db, user_id, store.PURPOSE, OutMessage("Neu: Test-Café"))
    await outbox.add(db, 1, "answer", OutMessage("a caseworker's answer"))
    await store.forget_user(db, 1)
    assert await store.districts_of(db, 1) == () and await store.notices(db, 1) == []
    assert await store.districts_of(db, 2) == ("mitte",) and len(await store.notices(db, 2)) == 1
    assert await rows(db, "SELECT chat_id, purpose, status, payload FROM outbox ORDER BY id") == [
        (0, "events", "cancelled", "{}"),
        (2, "events", "pending", OutMessage("Neu: Test-Café").to_json()),
        (1, "answer", "pending", OutMessage("a caseworker's answer").to_json()),  # not event news: not here
    ]


async def test_retention_forgets_old_news_but_keeps_subscriptions(db: Database) -> None:
    days = 90
    now = T0 + 200 * DAY
    await users.save(db, UserRecord(1, "de"))
    await store.subscribe(db, 1, "mitte", T0)
    old, recent = now - (days + 1) * DAY, now - DAY
    await store.record(db, 1, [
        store.Notice("new", "old", "", "events:1:old", old),
        store.Notice("new", "recent", "", "events:1:recent", recent),
    ])
    await db.conn.execute(
        "INSERT INTO outbox (chat_id, purpose, payload, status, next_attempt_at, created_at, sent_at)"
        " VALUES (1, 'events', '{}', 'sent', ?, ?, ?), (1, 'events', '{\"text\": \"x\"}', 'sent', ?, ?, ?)",
        (old, old, old, recent, recent, recent),
    )
    purged = await retention.purge(db, days, now)
    assert purged.event_news == 2  # one notice, one outbox row's Telegram id
    assert [n.event_id for n in await store.notices(db, 1)] == ["recent"]
    assert await rows(db, "SELECT chat_id FROM outbox ORDER BY id") == [(0,), (1,)]
    assert await store.districts_of(db, 1) == ("mitte",)
