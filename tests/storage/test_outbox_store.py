"""The outbox table's steps: heads per chat, claim, outcomes, recovery, /retry, erasure. Nothing here commits:
the caller does, once per unit of work."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from dbkit import Places

from bot.storage import outbox
from bot.storage.db import Database
from bot.storage.outbox import OutMessage

A, B = 11, 12


@pytest.fixture
async def db(where: Places) -> AsyncIterator[Database]:
    database = await Database.open(where("o.db"))
    yield database
    await database.close()


async def add(db: Database, chat: int, text: str) -> None:
    await outbox.add(db, chat, "status", OutMessage(text))


async def test_only_each_chats_oldest_waiting_row_is_a_head(db: Database) -> None:
    for chat, text in ((A, "a1"), (A, "a2"), (B, "b1")):
        await add(db, chat, text)
    assert [(h.id, h.chat_id) for h in await outbox.heads(db)] == [(1, A), (3, B)]
    item = await outbox.claim(db, 1, 100.0)
    assert item is not None and item.attempts == 1 and item.message.text == "a1"
    assert await outbox.claim(db, 1, 100.0) is None  # claimed once only
    assert [h.chat_id for h in await outbox.heads(db)] == [B]  # A waits while its first row is being sent
    await outbox.mark_sent(db, 1, 555, 101.0)
    assert [(h.id, h.chat_id) for h in await outbox.heads(db)] == [(2, A), (3, B)]


async def test_nothing_is_committed_by_the_store(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with db.unit_of_work():
            await add(db, A, "a1")
            assert db.conn.in_transaction
            raise RuntimeError("the step fails after queueing")
    assert await outbox.heads(db) == []


async def test_recover_requeue_and_failed_listing(db: Database) -> None:
    await add(db, A, "a1")
    await add(db, B, "b1")
    await outbox.claim(db, 1, 1.0)
    assert await outbox.recover(db) == [1]
    assert await outbox.heads(db) != [] and (await outbox.counts(db)) == {"pending": 2}
    await outbox.claim(db, 2, 1.0)
    await outbox.mark_failed(db, 2, "blocked", "Forbidden: bot was blocked by the user", 2.0)
    items, total = await outbox.failed(db)
    assert total == 1 and (items[0].id, items[0].failure, items[0].attempts) == (2, "blocked", 1)
    assert await outbox.requeue(db, 99, 3.0) is None
    assert await outbox.requeue(db, 1, 3.0) == "pending"  # not failed: unchanged
    assert await outbox.requeue(db, 2, 3.0) == "failed"
    assert (await outbox.counts(db)) == {"pending": 2}
    assert [h.due_at for h in await outbox.heads(db) if h.id == 2] == [3.0]


async def test_erasure_empties_rows_outside_tickets_too(db: Database) -> None:
    await outbox.add(db, A, "reply", OutMessage("Ihre Frage: geheim"))
    await outbox.add(db, B, "reply", OutMessage("andere Person"))
    await outbox.forget_user_texts(db, [], A)
    async with db.conn.execute("SELECT chat_id, status, payload FROM outbox ORDER BY id") as cursor:
        rows = [tuple(r) for r in await cursor.fetchall()]
    assert rows[0] == (0, "cancelled", "{}")
    assert rows[1][0] == B and "andere Person" in rows[1][2]
