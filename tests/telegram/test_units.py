"""One update, one unit of work, through the real inbound processor: a failure in the middle of an update leaves
nothing half-written, the update is replayed (after a crash, or once at once after an exception) and then done
exactly once; a database fault is answered ("try again later", "not saved" in the group), never lost silently."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from fakes import callback_update, text_update
from faults import DISK_FULL, count, heal, inject, pending_ids, processor_of, through_inbound
from harness import CW_TEXT, GROUP, OMAR, Q_AR, Harness, chat_of, reply_to_of

from bot.conversation.protocol import EraseMyData
from bot.storage import tickets
from bot.telegram.app import apply_retention
from bot.telegram.inbound import InboundStoreError


@pytest.fixture
async def h(desk: Harness) -> Harness:
    """The hand-off harness with the inbound processor driven by the test alone (drain), not in the background."""
    await processor_of(desk.app).stop()
    return desk


class Crash(BaseException):
    """The process dying mid-update: nothing catches it, the unit is rolled back as SQLite would on restart."""


def texts_to(h: Harness, chat_id: int, since: int = 0) -> list[str]:
    return [c.text or "" for c in h.req.calls[since:] if c.ok and c.method in ("sendMessage", "editMessageText")
            and chat_of(c) == str(chat_id)]


async def ready_to_send(h: Harness) -> None:
    """Omar has written his question to a caseworker and sees the preview: the next press sends it."""
    await h.onboard(OMAR, "ar")
    await h.say(OMAR, Q_AR)
    await h.press(OMAR, "P")


async def ticket_rows(h: Harness) -> tuple[int, int]:
    return (await count(h.db, "SELECT COUNT(*) FROM tickets"),
            await count(h.db, "SELECT COUNT(*) FROM outbox WHERE purpose = 'post'"))


async def test_a_crash_between_the_ticket_and_its_post_leaves_neither_and_the_replay_sends_it_once(
    h: Harness,
) -> None:
    await ready_to_send(h)
    faulty = inject(h.db, "INSERT INTO outbox", Crash())  # after INSERT INTO tickets
    send = callback_update(h.app.bot, "HS", person=OMAR)
    with pytest.raises(Crash):
        await through_inbound(h.app, send)
    heal(h.db)
    assert faulty.raised == 1
    assert await ticket_rows(h) == (0, 0)  # neither the ticket nor its post
    assert await pending_ids(h.db) == [send.update_id]  # still to do
    assert h.et("ar", "handoff.sent", ticket=1)[:20] not in " ".join(texts_to(h, OMAR.id))

    before = len(h.req.calls)
    assert await processor_of(h.app).drain() == 1  # the replay after the restart (at start-up)
    assert await ticket_rows(h) == (1, 1)
    assert await pending_ids(h.db) == []
    sent = texts_to(h, OMAR.id, before)
    assert len(sent) == 1 and sent[0].startswith(h.et("ar", "handoff.sent", ticket=1, eta="", hours="")[:15])


@pytest.mark.parametrize("failures", [1, 2])
async def test_an_exception_mid_update_is_replayed_once_then_given_up(h: Harness, failures: int) -> None:
    await ready_to_send(h)
    inject(h.db, "INSERT INTO outbox", RuntimeError("flow broke"), times=failures)
    before = len(h.req.calls)
    await through_inbound(h.app, callback_update(h.app.bot, "HS", person=OMAR))
    heal(h.db)
    sent = texts_to(h, OMAR.id, before)
    assert await pending_ids(h.db) == []  # done, or given up: never stuck in front of the chat's next update
    if failures == 1:  # the replay succeeded: one ticket, one post, no error shown
        assert await ticket_rows(h) == (1, 1)
        assert h.et("ar", "errors.generic") not in sent and len(sent) == 1
    else:  # failed again: nothing stored, the person hears it once
        assert await ticket_rows(h) == (0, 0)
        assert sent == [h.et("ar", "errors.generic")]


async def answer_update(h: Harness, text: str = CW_TEXT) -> tuple[Any, int]:
    ticket = await h.open_ticket(OMAR, "ar", Q_AR)
    assert ticket.group_message_id is not None
    update = h.group_update(text, reply_to=ticket.group_message_id)
    return update, ticket.id


async def answer_rows(h: Harness, ticket_id: int) -> tuple[int, int]:
    return (await count(h.db, "SELECT COUNT(*) FROM ticket_messages WHERE direction = 'caseworker'"),
            await count(h.db, "SELECT COUNT(*) FROM outbox WHERE purpose = 'answer' AND ticket_id = ?", ticket_id))


async def test_a_crash_in_a_caseworker_answer_leaves_nothing_and_the_replay_queues_it_once(h: Harness) -> None:
    update, ticket_id = await answer_update(h)
    inject(h.db, "INSERT INTO outbox", Crash())  # after the answer's ticket_messages row
    with pytest.raises(Crash):
        await through_inbound(h.app, update)
    heal(h.db)
    assert await answer_rows(h, ticket_id) == (0, 0)
    assert (await tickets.get(h.db, ticket_id)).status == "open"  # type: ignore[union-attr]
    assert await pending_ids(h.db) == [update.update_id]

    await processor_of(h.app).drain()
    assert await answer_rows(h, ticket_id) == (1, 1)
    assert (await tickets.get(h.db, ticket_id)).status == "claimed"  # type: ignore[union-attr]
    await h.deliver()
    assert len([t for t in texts_to(h, OMAR.id) if "Montag" in t]) == 1


async def test_a_crash_in_deletemydata_erases_nothing_and_the_replay_erases_everything(h: Harness) -> None:
    ticket = await h.open_ticket(OMAR, "ar", Q_AR)
    erase = callback_update(h.app.bot, EraseMyData(True).pack(), person=OMAR)
    inject(h.db, "DELETE FROM users", Crash())  # after the tickets were withdrawn and the group posts queued
    with pytest.raises(Crash):
        await through_inbound(h.app, erase)
    heal(h.db)
    assert await count(h.db, "SELECT COUNT(*) FROM tickets WHERE text IS NOT NULL") == 1
    assert await count(h.db, "SELECT COUNT(*) FROM outbox WHERE purpose = 'delete'") == 0
    assert await count(h.db, "SELECT COUNT(*) FROM users WHERE user_id = ?", OMAR.id) == 1

    await processor_of(h.app).drain()
    assert await count(h.db, "SELECT COUNT(*) FROM tickets WHERE text IS NOT NULL OR user_id IS NOT NULL") == 0
    assert await count(h.db, "SELECT COUNT(*) FROM outbox WHERE purpose = 'delete' AND ticket_id = ?", ticket.id) == 1
    assert await count(h.db, "SELECT COUNT(*) FROM users WHERE user_id = ?", OMAR.id) == 0


async def test_a_failed_retention_run_purges_nothing(h: Harness) -> None:
    ticket = await h.open_ticket(OMAR, "ar", Q_AR)
    await h.db.conn.execute("UPDATE tickets SET status = 'closed', closed_at = 0, updated_at = 0 WHERE id = ?",
                            (ticket.id,))
    await h.db.conn.execute("UPDATE questions SET created_at = 0")
    messages = await count(h.db, "SELECT COUNT(*) FROM ticket_messages")
    inject(h.db, "DELETE FROM questions")  # the last statement: everything before it is rolled back too
    with pytest.raises(sqlite3.OperationalError):
        await apply_retention(h.services)
    heal(h.db)
    assert await count(h.db, "SELECT COUNT(*) FROM tickets WHERE text IS NOT NULL") == 1
    assert messages >= 1 and await count(h.db, "SELECT COUNT(*) FROM ticket_messages") == messages
    assert await count(h.db, "SELECT COUNT(*) FROM questions") >= 1
    purged = await apply_retention(h.services)
    assert purged.tickets == 1 and purged.questions >= 1


async def test_a_full_disk_asks_the_newcomer_to_try_later_and_stores_nothing(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await ready_to_send(h)
    before = len(h.req.calls)
    with caplog.at_level("ERROR"):
        inject(h.db, "INSERT INTO outbox", times=5)  # every try: the disk stays full
        await through_inbound(h.app, callback_update(h.app.bot, "HS", person=OMAR))
        heal(h.db)
    assert await ticket_rows(h) == (0, 0)
    assert texts_to(h, OMAR.id, before) == [h.et("ar", "errors.try_later")]  # in his language, once, not "sent"
    assert await pending_ids(h.db) == []  # not retried behind his back: he was asked to send it again
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert errors and DISK_FULL in errors[0].getMessage()
    assert "ترحيل" not in caplog.text  # no message text in the log
    user = await count(h.db, "SELECT COUNT(*) FROM users WHERE user_id = ? AND draft IS NOT NULL", OMAR.id)
    assert user == 1  # his draft is still there: pressing Send again later works


@pytest.mark.parametrize("error", [DISK_FULL, "disk I/O error", "attempt to write a readonly database"])
async def test_a_caseworker_answer_that_cannot_be_stored_is_refused_in_the_group(h: Harness, error: str) -> None:
    update, ticket_id = await answer_update(h)
    before = len(h.req.calls)
    inject(h.db, "INTO ticket_messages", sqlite3.OperationalError(error))
    await through_inbound(h.app, update)
    heal(h.db)
    assert await answer_rows(h, ticket_id) == (0, 0)
    refused = [c for c in h.req.calls[before:] if c.ok and c.method == "sendMessage" and chat_of(c) == str(GROUP)]
    assert [c.text for c in refused] == [h.et("de", "desk.not_saved_fault")]
    assert reply_to_of(refused[0]) == update.message.message_id  # under the caseworker's own message
    await h.deliver()
    assert texts_to(h, OMAR.id, before) == []  # nothing reached the newcomer


@pytest.mark.sqlite_only
async def test_a_really_full_database_file(h: Harness) -> None:
    """A real SQLite file that cannot grow (PRAGMA max_page_count): the update was stored while there was room,
    its ticket needs new pages and fails with SQLITE_FULL, the newcomer is asked to try later, nothing is
    half-written; a new update cannot be stored, so Telegram is not told it arrived."""
    long_question = " ".join([Q_AR] * 60)  # about 5 KB: more than any page has free
    await h.onboard(OMAR, "ar")
    await h.say(OMAR, long_question)
    await h.press(OMAR, "P")
    send = callback_update(h.app.bot, "HS", person=OMAR)
    await h.app.update_queue.put(send)
    async with h.db.conn.execute("PRAGMA page_count") as cursor:
        pages = (await cursor.fetchone())[0]
    await h.db.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.OperationalError) as full:  # use up the free pages
        for _ in range(10_000):
            await h.db.conn.execute("INSERT INTO feedback (user_id, entry_id, helpful, created_at)"
                                    " VALUES (0, ?, 1, 0)", ("f" * 1000,))
    assert full.value.sqlite_errorcode == sqlite3.SQLITE_FULL
    before = len(h.req.calls)
    await processor_of(h.app).drain()
    assert await ticket_rows(h) == (0, 0)
    assert texts_to(h, OMAR.id, before) == [h.et("ar", "errors.try_later")]
    assert await pending_ids(h.db) == []  # the "given up" mark only shrinks a row: it fits
    with pytest.raises(InboundStoreError):
        await h.app.update_queue.put(text_update(h.app.bot, long_question, person=OMAR))
