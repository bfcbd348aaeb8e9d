"""bot/storage/send_budget.py: the cluster's send counters on PostgreSQL, shared by two connections (two
workers), with the server's clock."""

from __future__ import annotations

import asyncio
import time

import pytest
from dbkit import Places, dump

from bot.handoff.shared_budget import EDGE_MARGIN, STALE, Limits
from bot.storage import send_budget
from bot.storage.db import Database

pytestmark = pytest.mark.postgres_only
CHAT, GROUP = 912_345_678, -1_009_876_543


async def reserve(db: Database, chat: int, limits: Limits, pace_chat: bool = False) -> float:
    async with db.unit_of_work():
        return await send_budget.reserve(db, chat, limits, pace_chat)


async def early_in_a_second() -> None:
    """Start just after a second begins, so the counts below fall in one window."""
    await asyncio.sleep(1.0 - time.time() % 1.0 + 0.02)


async def test_two_workers_share_the_bots_budget_per_second(where: Places) -> None:
    location = where("budget.db")
    a, b = await Database.open(location), await Database.open(location)
    limits = Limits(overall_per_second=3, chat_interval=1.0, group_per_minute=20)
    try:
        await early_in_a_second()
        waits = [await reserve(db, CHAT + n, limits) for n, db in enumerate((a, b, a))]
        assert waits == [0.0, 0.0, 0.0]
        fourth = await reserve(b, CHAT + 3, limits)  # b alone sent one: the cluster has sent three
        assert 0.0 < fourth <= 1.0 + EDGE_MARGIN
        await asyncio.sleep(fourth)
        assert await reserve(b, CHAT + 3, limits) == 0.0
    finally:
        await a.close()
        await b.close()


async def test_the_outbox_waits_a_second_after_another_workers_reply_and_a_group_its_minute(where: Places) -> None:
    location = where("budget.db")
    a, b = await Database.open(location), await Database.open(location)
    limits = Limits(overall_per_second=1000, chat_interval=1.0, group_per_minute=2)
    try:
        assert await reserve(a, CHAT, limits) == 0.0  # a direct reply on worker a
        assert 0.5 < await reserve(b, CHAT, limits, pace_chat=True) <= 1.0  # the outbox sender on b waits
        assert await reserve(a, GROUP, limits) == 0.0
        assert await reserve(b, GROUP, limits) == 0.0
        assert await reserve(a, GROUP, limits) > 0.0  # the group's two this minute are used
    finally:
        await a.close()
        await b.close()


async def test_no_chat_id_is_stored_and_old_counters_are_deleted(where: Places) -> None:
    location = where("budget.db")
    db = await Database.open(location)
    try:
        assert await reserve(db, CHAT, Limits()) == 0.0
        assert str(CHAT) not in dump(location)
        assert send_budget.chat_key(CHAT) in dump(location)
        async with db.unit_of_work():
            assert await send_budget.purge(db, time.time() + STALE + 5) == 1  # the chat's, not 'all'
        assert send_budget.chat_key(CHAT) not in dump(location)
    finally:
        await db.close()
