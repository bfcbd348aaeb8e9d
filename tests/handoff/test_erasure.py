"""/deletemydata: no erased text stays in the database files, and the bot's posts with the person's text leave
the caseworkers' group (deleted, or overwritten where Telegram no longer allows deleting)."""

from __future__ import annotations

from typing import Any

import pytest
from fakes import Call, bad_request
from harness import (
    CW_TEXT,
    GROUP,
    OLENA,
    OMAR,
    Q_AR,
    Q_UK,
    Harness,
    Newcomer,
    assert_not_stored,
    chat_of,
    reply_to_of,
    stored_bytes,
    wal_size,
)

from bot.conversation.protocol import EraseMyData
from bot.conversation.ticket_texts import DESK_LANG
from bot.storage.tickets import Ticket

FOLLOW_AR = "رقم ملفي في مكتب الأجانب ٤٥٦٧٨"
FOLLOW_UK = "Мій номер справи в LEA — 45678, живу в гуртожитку"
PEOPLE = [
    pytest.param(OMAR, "ar", Q_AR, FOLLOW_AR, OLENA, "uk", Q_UK, id="arabic"),
    pytest.param(OLENA, "uk", Q_UK, FOLLOW_UK, OMAR, "ar", Q_AR, id="cyrillic"),
]


async def _ticket_with_history(h: Harness, person: Newcomer, lang: str, question: str, follow: str) -> Ticket:
    """A ticket with the person's name, a delivered follow-up and a delivered caseworker answer."""
    ticket = await h.open_ticket(person, lang, question, share_name=True)
    await h.add_to_ticket(person, follow)
    await h.group_say(CW_TEXT, reply_to=ticket.group_message_id)
    await h.deliver()
    return ticket


async def _erase(h: Harness, person: Newcomer) -> None:
    await h.command(person, "deletemydata")
    await h.press(person, EraseMyData(True).pack())


async def _followup_ids(h: Harness, ticket_id: int) -> list[int]:
    async with h.db.conn.execute(
        "SELECT sent_message_id FROM outbox WHERE ticket_id = ? AND purpose = 'followup' ORDER BY id", (ticket_id,)
    ) as cursor:
        return [int(r[0]) for r in await cursor.fetchall()]


def _group_calls(h: Harness, method: str, since: int = 0) -> list[Call]:
    return [c for c in h.req.calls[since:] if c.ok and c.method == method and chat_of(c) == str(GROUP)]


@pytest.mark.parametrize(("person", "lang", "question", "follow", "other", "other_lang", "other_question"), PEOPLE)
async def test_deletemydata_leaves_no_text_in_the_database_files(
    desk: Harness, person: Newcomer, lang: str, question: str, follow: str, other: Newcomer, other_lang: str,
    other_question: str,
) -> None:
    h = desk
    await _ticket_with_history(h, person, lang, question, follow)
    await h.open_ticket(other, other_lang, other_question)  # someone else's ticket stays
    before = stored_bytes(h)
    assert question.encode() in before and person.full_name.encode() in before  # the check reads real bytes

    await _erase(h, person)
    gone = (question, follow, CW_TEXT, person.full_name, person.last_name)
    assert_not_stored(stored_bytes(h), *gone)
    assert wal_size(h) == 0  # checkpointed and truncated right after the erasure

    await h.deliver()  # the deletions and the notice: new WAL frames, still without the texts
    blob = stored_bytes(h)
    assert_not_stored(blob, *gone)
    assert other_question.encode() in blob


async def test_deletemydata_deletes_the_bots_group_posts_and_tells_the_group(desk: Harness) -> None:
    h = desk
    ticket = await _ticket_with_history(h, OMAR, "ar", Q_AR, FOLLOW_AR)
    bystander = await h.open_ticket(OLENA, "uk", Q_UK)
    targets = [ticket.group_message_id, *await _followup_ids(h, ticket.id)]
    assert len(targets) == 2
    mark = len(h.req.calls)

    await _erase(h, OMAR)
    assert await h.deliver() == 3  # two deletions, one notice

    deleted = _group_calls(h, "deleteMessage", mark)
    assert [c.params["message_id"] for c in deleted] == targets
    assert bystander.group_message_id not in targets
    assert _group_calls(h, "editMessageText", mark) == []
    notices = _group_calls(h, "sendMessage", mark)
    assert [c.text for c in notices] == [h.et(DESK_LANG, "desk.withdrawn", ticket=ticket.id)]
    assert reply_to_of(notices[0]) == ticket.group_message_id  # sent without the reply when the post is gone
    assert notices[0].params["reply_parameters"]["allow_sending_without_reply"] is True
    assert await h.deliver() == 0
    assert h.errors() == []


async def test_posts_too_old_to_delete_are_overwritten(desk: Harness) -> None:
    h = desk
    ticket = await _ticket_with_history(h, OMAR, "ar", Q_AR, FOLLOW_AR)
    targets = [ticket.group_message_id, *await _followup_ids(h, ticket.id)]
    h.req.fail("deleteMessage", bad_request("message can't be deleted for everyone"),
               bad_request("message can't be deleted for everyone"))
    mark = len(h.req.calls)

    await _erase(h, OMAR)
    assert await h.deliver() == 3

    edits = _group_calls(h, "editMessageText", mark)
    assert [c.params["message_id"] for c in edits] == targets
    assert {c.text for c in edits} == {h.et(DESK_LANG, "desk.deleted_by_user", ticket=ticket.id)}
    assert all(c.markup is None for c in edits)  # the claim/close/send-card buttons are gone too
    for call in edits:
        assert Q_AR not in (call.text or "") and OMAR.first_name not in (call.text or "")
    assert await _statuses(h, "delete") == ["sent", "sent"]


async def test_a_post_already_gone_counts_as_done(desk: Harness) -> None:
    h = desk
    await h.open_ticket(OMAR, "ar", Q_AR)
    h.req.fail("deleteMessage", bad_request("message to delete not found"))
    h.req.fail("editMessageText", bad_request("message to edit not found"))
    await _erase(h, OMAR)
    assert await h.deliver() == 2  # the deletion (nothing left to delete) and the notice
    assert await _statuses(h, "delete") == ["sent"]


async def test_erasing_a_closed_ticket_removes_its_posts_too(desk: Harness) -> None:
    h = desk
    ticket = await h.open_ticket(OMAR, "ar", Q_AR)
    await h.group_command(f"/close {ticket.id}")
    await h.deliver()
    mark = len(h.req.calls)
    await _erase(h, OMAR)
    await h.deliver()
    assert [c.params["message_id"] for c in _group_calls(h, "deleteMessage", mark)] == [ticket.group_message_id]
    notices = [c.text for c in _group_calls(h, "sendMessage", mark)]
    assert notices == [h.et(DESK_LANG, "desk.erased", ticket=ticket.id)]
    # a caseworker answering the old post now learns that the person cannot be reached
    _, replies = await h.group_say("Hallo?", reply_to=ticket.group_message_id)
    assert [c.text for c in replies] == [h.et(DESK_LANG, "desk.expired", ticket=ticket.id)]


async def test_without_group_posts_nothing_is_deleted(desk: Harness) -> None:
    h = desk
    await h.onboard(OMAR, "ar")
    await h.say(OMAR, Q_AR)
    await _erase(h, OMAR)
    assert await h.deliver() == 0
    assert _group_calls(h, "deleteMessage") == []


async def _statuses(h: Harness, purpose: str) -> list[Any]:
    async with h.db.conn.execute("SELECT status FROM outbox WHERE purpose = ? ORDER BY id", (purpose,)) as cursor:
        return [r[0] for r in await cursor.fetchall()]


@pytest.mark.sqlite_only
async def test_checkpoint_never_fails_a_step(desk: Harness) -> None:
    """With another step's transaction open, the checkpoint is skipped (SQLite would refuse), not raised."""
    h = desk
    await h.onboard(OMAR, "ar")
    await h.db.conn.execute("BEGIN")
    await h.db.conn.execute("UPDATE users SET district = district")
    assert h.db.conn.in_transaction
    assert await h.db.checkpoint() is False
    await h.db.conn.rollback()
    assert await h.db.checkpoint() is True


async def test_a_follow_up_arriving_in_the_group_during_deletemydata_is_taken_out_again(desk: Harness) -> None:
    """The follow-up's request is under way when the person erases their data: it cannot be called back, so
    when Telegram answers, the sender deletes the new group message too, and no restart sends it again."""
    h = desk
    ticket = await h.open_ticket(OMAR, "ar", Q_AR)
    await h.add_to_ticket(OMAR, FOLLOW_AR)  # queued, not yet delivered
    h.req.before_send(GROUP, lambda: _erase(h, OMAR))
    mark = len(h.req.calls)

    await h.deliver()  # the follow-up goes out; the erasure happens meanwhile
    sent = _group_calls(h, "sendMessage", mark)
    assert FOLLOW_AR in (sent[0].text or "")
    await h.deliver()
    await h.deliver()
    deleted = [c.params["message_id"] for c in _group_calls(h, "deleteMessage", mark)]
    assert ticket.group_message_id in deleted and len(deleted) == 2  # the post, and the follow-up that arrived
    async with h.db.conn.execute(
        "SELECT status FROM outbox WHERE ticket_id = ? AND purpose = 'followup'", (ticket.id,)
    ) as cursor:
        assert [r[0] for r in await cursor.fetchall()] == ["cancelled"]  # never sent again after a restart
    assert_not_stored(stored_bytes(h), Q_AR, FOLLOW_AR)
    assert h.errors() == []
