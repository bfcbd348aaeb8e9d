"""The unit of work: one transaction, committed once at the end, rolled back entirely; database faults."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator

import pytest
from dbkit import Places, read
from faults import DISK_FULL, count, inject

from bot.storage import feedback, users
from bot.storage.db import Database
from bot.storage.unit import UnitFailed, is_fault
from bot.storage.users import UserRecord


@pytest.fixture
async def db(where: Places) -> AsyncIterator[Database]:
    opened = await Database.open(where("unit.db"))
    yield opened
    await opened.close()


def on_disk(db: Database, sql: str) -> int:
    """What another process sees: only what was committed."""
    location = db.path if db.path is not None else db.conn.pool.conninfo
    return int(read(location, sql)[0][0])


async def test_a_unit_commits_once_at_its_end_and_then_runs_its_after_commit_steps(db: Database) -> None:
    seen: list[int] = []

    async def after() -> None:
        seen.append(on_disk(db, "SELECT COUNT(*) FROM users"))

    async with db.unit_of_work() as tx:
        await users.save(db, UserRecord(1, "de"))
        await feedback.record(db, 1, "x", True)  # used to commit on its own
        assert on_disk(db, "SELECT COUNT(*) FROM users") == 0  # nothing visible before the end
        tx.after_commit(after)
        assert seen == []
    assert seen == [1]
    assert on_disk(db, "SELECT COUNT(*) FROM feedback") == 1


async def test_an_exception_anywhere_rolls_back_everything_and_tells_once(db: Database) -> None:
    told: list[str] = []

    async def tell(exc: BaseException) -> None:
        told.append(type(exc).__name__)

    with pytest.raises(RuntimeError):
        async with db.unit_of_work() as tx:
            tx.on_failure(tell)
            await users.save(db, UserRecord(2, "ar"))
            async with db.unit_of_work() as inner:  # a nested unit joins: it does not commit
                assert inner is tx
                await feedback.record(db, 2, "x", False)
            raise RuntimeError("boom")
    assert told == ["RuntimeError"]
    assert await count(db, "SELECT COUNT(*) FROM users") == 0
    assert await count(db, "SELECT COUNT(*) FROM feedback") == 0
    assert not db.conn.in_transaction


async def test_a_caught_failure_inside_still_fails_the_unit(db: Database) -> None:
    """Whoever swallows an exception inside a unit does not get half of it committed."""
    with pytest.raises(UnitFailed):
        async with db.unit_of_work():
            await users.save(db, UserRecord(3, "uk"))
            try:
                async with db.unit_of_work():
                    await feedback.record(db, 3, "x", True)
                    raise ValueError("inner step broke")
            except ValueError:
                pass
    assert await count(db, "SELECT COUNT(*) FROM users") == 0


async def test_units_of_two_tasks_never_mix(db: Database) -> None:
    """One task's rollback cannot take another task's write with it, nor can its commit publish another's half."""
    started, go_on = asyncio.Event(), asyncio.Event()

    async def failing() -> None:
        async with db.unit_of_work():
            await users.save(db, UserRecord(4, "fa"))
            started.set()
            await go_on.wait()
            raise RuntimeError("flow broke")

    async def storing() -> None:
        await started.wait()
        go_on.set()
        async with db.unit_of_work():  # waits for the other unit; its row is not rolled back with it
            await feedback.record(db, 5, "y", True)

    results = await asyncio.gather(failing(), storing(), return_exceptions=True)
    assert isinstance(results[0], RuntimeError) and results[1] is None
    assert on_disk(db, "SELECT COUNT(*) FROM feedback") == 1
    assert on_disk(db, "SELECT COUNT(*) FROM users") == 0


@pytest.mark.parametrize(
    ("error", "fault"),
    [
        (sqlite3.OperationalError(DISK_FULL), True),
        (sqlite3.OperationalError("disk I/O error"), True),
        (sqlite3.OperationalError("attempt to write a readonly database"), True),
        (sqlite3.OperationalError("no such table: users"), False),
        (sqlite3.IntegrityError("UNIQUE constraint failed"), False),
        (RuntimeError(DISK_FULL), False),
    ],
)
def test_what_counts_as_a_database_fault(error: Exception, fault: bool) -> None:
    assert is_fault(error) is fault
    wrapped = UnitFailed("a step failed")
    wrapped.__cause__ = error
    assert is_fault(wrapped) is fault


async def test_a_fault_is_logged_at_error_without_the_data(db: Database, caplog: pytest.LogCaptureFixture) -> None:
    inject(db, "INSERT INTO feedback")
    with caplog.at_level("ERROR"), pytest.raises(sqlite3.OperationalError):
        async with db.unit_of_work():
            await users.save(db, UserRecord(6, "tr", pending_question="geheime frage"))
            await feedback.record(db, 6, "x", True)
    assert DISK_FULL in caplog.text and "geheime" not in caplog.text
    assert await count(db, "SELECT COUNT(*) FROM users") == 0


@pytest.mark.sqlite_only
async def test_a_really_full_database_file_rolls_the_unit_back(db: Database) -> None:
    """PRAGMA max_page_count makes a real SQLite file full: SQLITE_FULL at the write that needs a page."""
    async with db.unit_of_work():
        await users.save(db, UserRecord(7, "ru"))
    async with db.conn.execute("PRAGMA page_count") as cursor:
        pages = (await cursor.fetchone())[0]
    await db.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.OperationalError) as raised:
        async with db.unit_of_work():
            await users.save(db, UserRecord(8, "ru"))
            for number in range(200):  # more than the free space: new pages are needed
                await feedback.record(db, 8, f"entry-{number}-" + "x" * 500, True)
    assert raised.value.sqlite_errorcode == sqlite3.SQLITE_FULL and is_fault(raised.value)
    assert await count(db, "SELECT COUNT(*) FROM users") == 1  # user 8 went with the rest
    assert await count(db, "SELECT COUNT(*) FROM feedback") == 0


async def _synchronous(db: Database) -> int:
    async with db.conn.execute("PRAGMA synchronous") as cursor:
        return int((await cursor.fetchone())[0])


@pytest.mark.sqlite_only
async def test_a_durable_unit_syncs_its_commit_and_the_others_stay_fast(db: Database) -> None:
    """synchronous=FULL (the WAL is synced at the commit) only for a durable unit: the inbound store, whose
    commit Telegram is told about next; every other unit keeps NORMAL (see README, Power loss)."""
    assert await _synchronous(db) == 1  # NORMAL
    async with db.unit_of_work(durable=True):
        assert await _synchronous(db) == 2  # FULL
        await users.save(db, UserRecord(9, "de"))
    assert await _synchronous(db) == 1
    with pytest.raises(RuntimeError):
        async with db.unit_of_work(durable=True):
            raise RuntimeError("store failed")
    assert await _synchronous(db) == 1
