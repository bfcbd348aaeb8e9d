"""bot/storage/inbound.claim: what a worker may process, on two connections to one PostgreSQL schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from dbkit import Places

from bot.storage import inbound
from bot.storage.db import Database
from bot.storage.inbound import Claim, Stored

CHAT = 8101


async def stored(db: Database, *ids: int, chat: int | None = CHAT) -> list[Stored]:
    async with db.unit_of_work():
        for update_id in ids:
            await inbound.store(db, update_id, chat, "{}")
        return await inbound.pending(db)


@pytest.mark.postgres_only
async def test_a_chat_is_claimed_by_one_worker_oldest_update_first(where: Places) -> None:
    location = where("claims.db")
    a, b = await Database.open(location), await Database.open(location)
    try:
        first, second = await stored(a, 10, 11)
        assert second.chat_id == CHAT
        async with b.unit_of_work():
            assert await inbound.claim(b, second) is Claim.LATER  # 10 is pending and nobody has the chat
        async with a.unit_of_work():
            assert await inbound.claim(a, first) is Claim.CLAIMED
            async with b.unit_of_work():  # another worker meanwhile: the chat is a's until a's commit
                assert await inbound.claim(b, first) is Claim.BUSY
                assert await inbound.claim(b, second) is Claim.BUSY
            await inbound.mark_processed(a, first.update_id)
        async with b.unit_of_work():
            assert await inbound.claim(b, first) is Claim.GONE
            assert await inbound.claim(b, second) is Claim.CLAIMED
    finally:
        await a.close()
        await b.close()


@pytest.mark.postgres_only
async def test_an_update_without_a_chat_is_claimed_by_its_row(where: Places) -> None:
    location = where("claims.db")
    a, b = await Database.open(location), await Database.open(location)
    try:
        (row,) = await stored(a, 20, chat=None)
        async with a.unit_of_work():
            assert await inbound.claim(a, row) is Claim.CLAIMED
            async with b.unit_of_work():
                assert await inbound.claim(b, row) is Claim.BUSY
    finally:
        await a.close()
        await b.close()


async def test_one_sqlite_process_claims_without_asking(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "claims.db")  # SQLite on both runs: one process has no one to ask
    try:
        rows = await stored(db, 30, 31)
        async with db.unit_of_work():
            assert [await inbound.claim(db, r) for r in rows] == [Claim.CLAIMED, Claim.CLAIMED]
    finally:
        await db.close()
