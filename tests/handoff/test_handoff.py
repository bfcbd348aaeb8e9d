"""Hand-off to caseworkers, end to end through python-telegram-bot on the recording fake.

Newcomers write in private chats; caseworkers sit in one fake supergroup (GROUP). Every test drives the
real Application (`process_update`) and flushes the outbox deterministically with `deliver_due()`; the
background outbox task is stopped right after start-up unless a test says otherwise. Nothing touches
the network.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from html import escape
from typing import Any

import pytest
from conftest import stop_app
from dbkit import dump, read
from fakes import (
    Call,
    Person,
    blocked_by_user,
    too_many_requests,
)
from harness import (
    ADMIN_ID,
    CASEWORKER,
    COLLEAGUE,
    CW_TEXT,
    GROUP,
    MARIA,
    OLENA,
    OMAR,
    Q_AR,
    Q_DE,
    Q_UK,
    Harness,
    Launch,
    Newcomer,
    Recorder,
    assert_private,
    chat_of,
    make_all_due,
    outbox_rows,
    reply_to_of,
    sent_to,
    snapshot,
)
from telegram import Update
from telegram.error import NetworkError

from bot.conversation import ticket_texts as texts
from bot.conversation.protocol import (
    AddToTicket,
    ClaimTicket,
    CloseMyTicket,
    CloseTicket,
    EraseMyData,
    RateAnswer,
    SendEntryToUser,
)
from bot.conversation.ticket_texts import DESK_LANG
from bot.localdates import format_hours
from bot.settings import Settings
from bot.storage import tickets
from bot.storage.tickets import Ticket

# ============================================================================ round trip
ROUND_TRIPS = [
    pytest.param(OMAR, "ar", Q_AR, "الموعد <14 Uhr> & معي رسالة من <b>LEA</b>", True, id="ar-name-shared"),
    pytest.param(OLENA, "uk", Q_UK, "Він сірий <b>Мурчик</b> & має нашийник", False, id="uk-anonymous"),
]


@pytest.mark.parametrize(("person", "lang", "question", "details", "share"), ROUND_TRIPS)
async def test_round_trip(
    launch: Launch, hsettings: Settings, person: Newcomer, lang: str, question: str, details: str, share: bool
) -> None:
    snapshots: list[tuple[Call, int, list[tuple[Any, ...]]]] = []

    def look_at_db(call: Call) -> None:  # what the database holds at the moment a message goes out
        if chat_of(call) != str(person.id):
            return
        rows = read(hsettings.database, "SELECT id, user_id, status, text FROM tickets")
        posts = read(hsettings.database, "SELECT COUNT(*) FROM outbox WHERE purpose = 'post'")[0][0]
        snapshots.append((call, posts, rows))

    h = await launch(hsettings, Recorder(on_call=look_at_db))
    await h.onboard(person, lang)
    asked = await h.say(person, question)
    assert any("P" in c.callback_data() for c in asked), "no hand-off offered"

    language = h.services.locales.name(lang)
    hidden = h.t(lang, "handoff.name_hidden")

    def preview(text: str, name: str) -> str:
        return h.et(lang, "handoff.preview", question=text, language=language, name=name)

    shown = await h.press(person, "P")
    assert shown[-1].text == preview(question, hidden)
    assert shown[-1].callback_data() == ["HS", "HN", "HC"]
    assert h.t(lang, "ticket.share_no") in shown[-1].buttons()[1]["text"]

    added = await h.say(person, details)
    draft = f"{question}\n{details}"
    assert added[0].text == h.et(lang, "handoff.added_details")
    assert added[-1].text == preview(draft, hidden)
    assert escape(details) in (added[-1].text or "") and "<b>" not in (added[-1].text or "")

    toggled = await h.press(person, "HN")
    assert toggled[-1].method == "editMessageText"
    assert toggled[-1].text == preview(draft, person.full_name)
    assert h.t(lang, "ticket.share_yes") in toggled[-1].buttons()[1]["text"]
    if not share:
        toggled = await h.press(person, "HN")
        assert toggled[-1].text == preview(draft, hidden)

    assert await tickets.count_for_user(h.db, person.id) == 0
    sent = await h.press(person, "HS")
    ticket = await tickets.open_for_user(h.db, person.id)
    assert ticket is not None and ticket.text == draft and ticket.lang == lang
    assert ticket.display_name == (person.full_name if share else None)
    eta = texts.eta(h.services.locales, lang, hsettings.caseworker_hours, h.services.clock())
    hours = format_hours(hsettings.caseworker_hours, lang, h.services.locales)
    assert "Mo-Fr" not in hours  # written out in the user's language, not OpenStreetMap syntax
    assert sent[-1].text == h.et(lang, "handoff.sent", ticket=ticket.id, eta=eta, hours=hours)
    # the 'sent' message left only after the ticket row and its group post were committed; the previews before
    at_sent = [(posts, rows) for call, posts, rows in snapshots if call is sent[-1]]
    assert at_sent == [(1, [(ticket.id, person.id, "open", draft)])]
    assert all(rows == [] for call, _, rows in snapshots if call in shown + added + toggled)

    assert h.to(GROUP) == []
    assert await h.deliver() == 1
    (post,) = h.to(GROUP)
    post_text = post.text or ""
    assert f"<b>{h.et(DESK_LANG, 'desk.ticket', ticket=ticket.id)}</b>" in post_text
    assert h.et(DESK_LANG, "desk.language", language=language) in post_text
    assert escape(draft) in post_text and "<b>LEA</b>" not in post_text and "<b>Мурчик</b>" not in post_text
    name_line = person.full_name if share else h.t(DESK_LANG, "desk.anonymous")
    assert h.et(DESK_LANG, "desk.from", name=name_line) in post_text
    data = post.callback_data()
    assert data[-2:] == [ClaimTicket(ticket.id).pack(), CloseTicket(ticket.id).pack()]
    gen = h.services.generation
    entry_buttons = [d for d in data if d.startswith(SendEntryToUser.code + ":")]
    assert len(entry_buttons) == len(ticket.candidates)
    assert all(d.startswith(f"{SendEntryToUser.code}:{ticket.id}:{gen}:") for d in entry_buttons)
    stored = await tickets.get(h.db, ticket.id)
    assert stored is not None and stored.group_message_id is not None

    cw_message_id, immediate = await h.group_say(CW_TEXT, reply_to=stored.group_message_id)
    assert immediate == []
    assert await h.deliver() == 2  # the answer, then the group's delivery confirmation
    answers = h.to(person.id)[-1:]
    expected = f"<b>{h.et(lang, 'handoff.caseworker_answered')}</b>\n{escape(CW_TEXT)}"
    assert answers[0].text == expected
    assert "&lt;b&gt;um 10&lt;/b&gt; &amp; bringen" in expected
    assert answers[0].callback_data() == [RateAnswer(ticket.id, True).pack(), RateAnswer(ticket.id, False).pack()]
    group = h.to(GROUP)
    assert len(group) == 2
    assert group[1].text == h.et(DESK_LANG, "desk.delivered", ticket=ticket.id)
    assert reply_to_of(group[1]) == cw_message_id
    claimed = await tickets.get(h.db, ticket.id)
    assert claimed is not None and claimed.status == "claimed" and claimed.claimed_by == CASEWORKER["id"]

    rated = await h.press(person, RateAnswer(ticket.id, True).pack())
    assert rated[-1].text == h.et(lang, "ticket.rated")
    rated_ticket = await tickets.get(h.db, ticket.id)
    assert rated_ticket is not None and rated_ticket.rating == 1

    assert_private(h.to(GROUP), person, shared=share)
    assert h.errors() == []


# ============================================================================ follow-ups
async def test_followups_status_close_and_reopen(desk: Harness) -> None:
    h = desk
    ticket = await h.open_ticket(OLENA, "uk", Q_UK)
    post_id = ticket.group_message_id

    # a new message is answered like any question; it reaches the caseworker only when the person says so
    said = await h.say(OLENA, "Ще одне: <він> & боїться собак")
    assert said[-1].text == h.et("uk", "handoff.add_offer", ticket=ticket.id)
    assert said[-1].callback_data() == [AddToTicket(ticket.id).pack()]
    assert await h.deliver() == 0
    follow = await h.press(OLENA, AddToTicket(ticket.id).pack())
    assert [c.text for c in follow] == [h.et("uk", "handoff.followup_added", ticket=ticket.id)]
    assert await h.press(OLENA, AddToTicket(ticket.id).pack()) != follow  # pressed twice: added once
    assert await h.deliver() == 1
    forwarded = h.to(GROUP)[-1]
    assert forwarded.text == texts.followup(h.services.locales, ticket.id, "Ще одне: <він> & боїться собак")
    assert "&lt;він&gt; &amp;" in (forwarded.text or "")
    assert reply_to_of(forwarded) == post_id
    async with h.db.conn.execute(
        "SELECT direction, text FROM ticket_messages WHERE ticket_id = ? ORDER BY id", (ticket.id,)
    ) as cursor:
        assert [tuple(r) for r in await cursor.fetchall()] == [
            ("user", Q_UK), ("user", "Ще одне: <він> & боїться собак")
        ]
    # a caseworker replying to the forwarded follow-up (not the post) also answers the ticket
    async with h.db.conn.execute("SELECT sent_message_id FROM outbox WHERE purpose = 'followup'") as cursor:
        (followup_id,) = tuple(await cursor.fetchone())
    await h.group_say("Wir suchen mit.", reply_to=followup_id)
    assert await h.deliver() == 2
    assert h.to(OLENA.id)[-1].text == f"<b>{h.et('uk', 'handoff.caseworker_answered')}</b>\nWir suchen mit."
    state = h.t("uk", "handoff.state_claimed")

    status = await h.command(OLENA, "ticket")
    since = texts.day_of(ticket.created_at, "uk", h.services.locales)
    assert "-" not in since  # "22 листопада 2026", not 2026-11-22
    assert status[-1].text == h.et("uk", "handoff.status", ticket=ticket.id, state=state, since=since)
    assert status[-1].callback_data() == [CloseMyTicket(ticket.id).pack()]

    closed = await h.press(OLENA, CloseMyTicket(ticket.id).pack())
    assert closed[-1].text == h.et("uk", "handoff.closed", ticket=ticket.id)
    row = await tickets.get(h.db, ticket.id)
    assert row is not None and row.status == "closed" and row.closed_at is not None
    await h.deliver()
    assert h.to(GROUP)[-1].text == h.et(DESK_LANG, "desk.closed_by_user", ticket=ticket.id)
    assert reply_to_of(h.to(GROUP)[-1]) == post_id
    assert (await h.command(OLENA, "ticket"))[-1].text == h.et("uk", "handoff.none_open")

    again = await h.add_to_ticket(OLENA, "Кіт повернувся, але є нове питання")
    assert [c.text for c in again] == [h.et("uk", "handoff.reopened", ticket=ticket.id)]
    reopened = await tickets.get(h.db, ticket.id)
    assert reopened is not None and reopened.status == "open"
    before = len(h.to(GROUP))
    await h.deliver()
    new = [c.text for c in h.to(GROUP)[before:]]
    assert new == [
        h.et(DESK_LANG, "desk.reopened_by_user", ticket=ticket.id),
        texts.followup(h.services.locales, ticket.id, "Кіт повернувся, але є нове питання"),
    ]
    assert await tickets.count_for_user(h.db, OLENA.id) == 1

    # closed more than 7 days ago: a new message is a new question, not a reopened ticket
    await h.press(OLENA, CloseMyTicket(ticket.id).pack())
    await h.db.conn.execute("UPDATE tickets SET closed_at = ? WHERE id = ?", (time.time() - 8 * 86400, ticket.id))
    await h.db.conn.commit()
    await h.deliver()
    before = len(h.to(GROUP))
    late = await h.say(OLENA, "Де зареєструвати адресу?")
    assert h.et("uk", "handoff.add_offer", ticket=ticket.id) not in [c.text for c in late]
    assert AddToTicket(ticket.id).pack() not in [d for c in late for d in c.callback_data()]
    still = await tickets.get(h.db, ticket.id)
    assert still is not None and still.status == "closed"
    await h.deliver()
    assert h.to(GROUP)[before:] == []
    assert h.errors() == []


# ============================================================================ caseworker commands
async def test_caseworker_commands_and_buttons(desk: Harness) -> None:
    h = desk
    first = await h.open_ticket(OLENA, "uk", Q_UK)
    second = await h.open_ticket(MARIA, "de", Q_DE)
    assert second.candidates, "the tenancy question should have service candidates"
    stamp = time.time()
    await h.db.conn.execute("UPDATE tickets SET created_at = ? WHERE id = ?", (stamp - 5 * 60 - 20, first.id))
    await h.db.conn.execute("UPDATE tickets SET created_at = ? WHERE id = ?", (stamp - 3 * 3600 - 7 * 60 - 20,
                                                                              second.id))
    await h.db.conn.commit()

    queue = (await h.group_command("/queue"))[-1].text or ""
    lines = queue.splitlines()
    assert lines[0] == h.et(DESK_LANG, "desk.queue_title")
    assert lines[1].startswith(f"#{second.id} · de · 3h07 · ") and lines[2].startswith(f"#{first.id} · uk · 0h05 · ")
    assert len(lines) == 3

    claim = await h.group_command(f"/claim {first.id}", sender=COLLEAGUE)
    assert claim[-1].text == h.et(DESK_LANG, "desk.claimed", ticket=first.id, name="Jonas")
    row = await tickets.get(h.db, first.id)
    assert row is not None and row.status == "claimed" and row.claimed_by == COLLEAGUE["id"]
    assert h.t(DESK_LANG, "desk.state_claimed") in ((await h.group_command("/queue@wegweiser_test_bot"))[-1].text
                                                    or "")

    closed = await h.group_command(f"/close #{first.id}")
    assert closed[-1].text == h.et(DESK_LANG, "desk.closed", ticket=first.id)
    row = await tickets.get(h.db, first.id)
    assert row is not None and row.status == "closed"
    await h.deliver()
    assert h.to(OLENA.id)[-1].text == h.et("uk", "handoff.closed", ticket=first.id)
    assert (await h.group_command(f"/close {first.id}"))[-1].text == h.et(DESK_LANG, "desk.not_found",
                                                                           ticket=first.id)

    reopened = await h.group_command(f"/reopen {first.id}")
    assert reopened[-1].text == h.et(DESK_LANG, "desk.reopened", ticket=first.id)
    row = await tickets.get(h.db, first.id)
    assert row is not None and row.status == "open"
    await h.deliver()
    assert h.to(OLENA.id)[-1].text == h.et("uk", "handoff.reopened", ticket=first.id)
    assert (await h.group_command("/claim"))[-1].text == h.et(DESK_LANG, "desk.usage")
    assert (await h.group_command("/claim 12345"))[-1].text == h.et(DESK_LANG, "desk.not_found", ticket=12345)

    # the "send this entry" button: the service card in the newcomer's language, with rating buttons
    post = next(c for c in h.to(GROUP) if ClaimTicket(second.id).pack() in c.callback_data())
    cs = next(d for d in post.callback_data() if d.startswith(SendEntryToUser.code + ":"))
    entry = h.services.kb.active[int(cs.split(":")[3])]
    queued = await h.group_press(cs, second.group_message_id or 0)
    assert queued[-1].text == h.et(DESK_LANG, "desk.entry_queued", title=entry.texts(DESK_LANG).title,
                                   ticket=second.id)
    before = len(h.to(GROUP))
    await h.deliver()
    card = h.to(MARIA.id)[-1]
    assert escape(entry.texts("de").title) in (card.text or "")
    assert card.callback_data() == [RateAnswer(second.id, True).pack(), RateAnswer(second.id, False).pack()]
    assert [c.text for c in h.to(GROUP)[before:]] == [h.et(DESK_LANG, "desk.delivered", ticket=second.id)]
    cards = len(h.to(MARIA.id))
    await h.group_press(cs, second.group_message_id or 0)  # pressed twice: the card goes out once
    assert await h.deliver() == 0
    assert len(h.to(MARIA.id)) == cards

    # claim and close buttons on the ticket post
    pressed = await h.group_press(ClaimTicket(second.id).pack(), second.group_message_id or 0)
    assert pressed[-1].text == h.et(DESK_LANG, "desk.claimed", ticket=second.id, name="Karin")
    row = await tickets.get(h.db, second.id)
    assert row is not None and row.status == "claimed" and row.claimed_by == CASEWORKER["id"]
    pressed = await h.group_press(CloseTicket(second.id).pack(), second.group_message_id or 0)
    assert pressed[-1].text == h.et(DESK_LANG, "desk.closed", ticket=second.id)
    row = await tickets.get(h.db, second.id)
    assert row is not None and row.status == "closed"
    await h.deliver()
    assert h.to(MARIA.id)[-1].text == h.et("de", "handoff.closed", ticket=second.id)
    assert all(c.method == "sendMessage" for c in h.to(GROUP))  # the post keeps its buttons: nothing edited
    assert h.errors() == []


# ============================================================================ refusals
@pytest.mark.parametrize("command", ["queue", "claim 1", "close 1", "reopen 1", "claim #1"])
async def test_desk_commands_refused_in_private(desk: Harness, command: str) -> None:
    h = desk
    await h.open_ticket(OLENA, "uk", Q_UK)
    stranger = Newcomer(id=161_718_192, language_code="de", first_name="Udo", username="udo_x")
    await h.onboard(stranger, "de")
    before = await snapshot(h)
    name, _, args = command.partition(" ")
    replies = await h.command(stranger, name, args)
    assert [c.text for c in replies] == [h.et(DESK_LANG, "admin.not_allowed")]
    # the ticket's own author is no caseworker either
    replies = await h.command(OLENA, name, args)
    assert len(replies) == 1 and Q_UK not in (replies[0].text or "") and "#1" not in (replies[0].text or "")
    assert await snapshot(h) == before
    assert await h.deliver() == 0


async def test_desk_refusal_in_users_language(desk: Harness) -> None:
    """The private refusal speaks the user's language, as /reload and /stats do (not the desk's German)."""
    h = desk
    await h.onboard(OLENA, "uk")
    replies = await h.command(OLENA, "queue")
    assert [c.text for c in replies] == [h.et("uk", "admin.not_allowed")]


async def test_admin_may_use_desk_commands_privately(desk: Harness) -> None:
    h = desk
    ticket = await h.open_ticket(OLENA, "uk", Q_UK)
    admin = Newcomer(id=ADMIN_ID, language_code="de", first_name="Ada", username="ada_admin")
    await h.onboard(admin, "de")
    queue = (await h.command(admin, "queue"))[-1].text or ""
    assert f"#{ticket.id} · uk · " in queue
    claimed = await h.command(admin, "claim", str(ticket.id))
    assert claimed[-1].text == h.et(DESK_LANG, "desk.claimed", ticket=ticket.id, name="")
    row = await tickets.get(h.db, ticket.id)
    assert row is not None and row.status == "claimed" and row.claimed_by == ADMIN_ID
    await h.command(admin, "close", str(ticket.id))
    row = await tickets.get(h.db, ticket.id)
    assert row is not None and row.status == "closed"
    await h.command(admin, "reopen", str(ticket.id))
    row = await tickets.get(h.db, ticket.id)
    assert row is not None and row.status == "open"


async def test_outsider_groups_and_private_replies_are_ignored(desk: Harness) -> None:
    h = desk
    ticket = await h.open_ticket(OLENA, "uk", Q_UK)
    before = await snapshot(h)
    other_group = -1009999999999
    assert await h.group_command("/queue", chat_id=other_group) == []
    _, replies = await h.group_say("Ich antworte mal", reply_to=ticket.group_message_id, chat_id=other_group)
    assert replies == []
    assert await snapshot(h) == before
    assert await h.deliver() == 0
    assert all(Q_UK not in (c.text or "") for c in sent_to(h.req, other_group))


async def test_forged_callbacks_change_and_reveal_nothing(desk: Harness) -> None:
    h = desk
    first = await h.open_ticket(OLENA, "uk", Q_UK)
    second = await h.open_ticket(MARIA, "de", Q_DE)
    stale = h.et(DESK_LANG, "desk.stale")
    before = await snapshot(h)

    # group buttons pressed in private chats (by the newcomer, by a caseworker without admin rights)
    caseworker_in_private = Newcomer(id=CASEWORKER["id"], language_code="de", first_name="Karin",
                                     username="karin_bezirk")
    await h.onboard(caseworker_in_private, "de")
    before = await snapshot(h)
    for who in (OLENA, caseworker_in_private):
        send_card = SendEntryToUser(second.id, h.services.generation, 0).pack()
        for data in (ClaimTicket(first.id).pack(), CloseTicket(first.id).pack(), send_card):
            replies = await h.press(who, data)
            assert all(Q_UK not in (c.text or "") and Q_DE not in (c.text or "") for c in replies)
    assert await snapshot(h) == before

    # a button of ticket 2 on the post of ticket 1 (and vice versa), unknown actions, junk
    assert first.group_message_id is not None and second.group_message_id is not None
    for data, post in [
        (CloseTicket(second.id).pack(), first.group_message_id),
        (ClaimTicket(first.id).pack(), second.group_message_id),
        (f"CX:{first.id}:1", first.group_message_id),
        ("CC:abc", first.group_message_id),
        (CloseMyTicket(first.id).pack(), first.group_message_id),
        (ClaimTicket(first.id).pack(), 1),  # a message that is no ticket post
    ]:
        replies = await h.group_press(data, post)
        assert [c.text for c in replies] == [stale], data
    # send-entry with a stale generation, an entry not among the ticket's candidates, a number out of range
    candidates = set(second.candidates)
    outsider = next(i for i, e in enumerate(h.services.kb.active) if e.id not in candidates)
    gen = h.services.generation
    for data in (
        f"CS:{second.id}:000000:0",
        SendEntryToUser(second.id, gen, outsider).pack(),
        SendEntryToUser(second.id, gen, len(h.services.kb.active)).pack(),
        f"CS:{second.id}:{gen}:-1",
        SendEntryToUser(first.id, gen, 0).pack(),
    ):
        replies = await h.group_press(data, second.group_message_id)
        assert [c.text for c in replies] == [stale], data
    assert await snapshot(h) == before
    assert await h.deliver() == 0

    # another user's ticket: close and rate are refused without a word about it
    replies = await h.press(MARIA, CloseMyTicket(first.id).pack())
    assert [c.text for c in replies] == [h.et("de", "handoff.none_open")]
    assert await h.press(MARIA, RateAnswer(first.id, True).pack()) == []
    assert await h.press(MARIA, RateAnswer(first.id, False).pack()) == []
    olena = await h.press(OLENA, CloseMyTicket(second.id).pack())
    assert [c.text for c in olena] == [h.et("uk", "handoff.none_open")]
    forged = await h.press(OLENA, "HX:999999999999")  # over nine digits: not a ticket number at all
    assert next(c.text for c in forged) == h.et("uk", "errors.stale_button")
    assert await h.press(OLENA, "HS") == []  # no draft: nothing is sent
    assert await snapshot(h) == before
    assert all(Q_DE not in (c.text or "") and "Maria" not in (c.text or "") for c in olena)
    assert await h.deliver() == 0
    assert h.errors() == []


# ============================================================================ Telegram errors on the relay
async def _answered_ticket(h: Harness) -> tuple[Ticket, int]:
    ticket = await h.open_ticket(OMAR, "ar", Q_AR)
    cw_message_id, _ = await h.group_say(CW_TEXT, reply_to=ticket.group_message_id)
    return ticket, cw_message_id


def _answers(h: Harness, person: Person) -> list[Call]:
    return [c for c in h.to(person.id) if escape(CW_TEXT) in (c.text or "")]


def _confirms(h: Harness, ticket: Ticket) -> list[Call]:
    return [c for c in h.to(GROUP) if c.text == h.et(DESK_LANG, "desk.delivered", ticket=ticket.id)]


async def test_network_error_is_retried_and_delivered_once(desk: Harness) -> None:
    h = desk
    ticket, _ = await _answered_ticket(h)
    h.req.fail("sendMessage", NetworkError("connection reset by peer"))
    assert await h.deliver() == 0
    assert _answers(h, OMAR) == []
    assert [c for c in h.req.attempts("sendMessage") if not c.ok and chat_of(c) == str(OMAR.id)]
    assert await outbox_rows(h, ticket.id) == [("post", "sent", 1), ("answer", "pending", 1)]
    assert await h.deliver() == 0  # backing off: not due yet
    await make_all_due(h)
    assert await h.deliver() == 2
    assert len(_answers(h, OMAR)) == 1 and len(_confirms(h, ticket)) == 1
    await make_all_due(h)
    assert await h.deliver() == 0
    assert len(_answers(h, OMAR)) == 1 and len(_confirms(h, ticket)) == 1


async def test_flood_wait_is_retried_after_retry_after(desk: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    h = desk
    ticket, _ = await _answered_ticket(h)
    h.req.fail("sendMessage", too_many_requests(30))
    assert await h.deliver() == 0
    async with h.db.conn.execute("SELECT next_attempt_at, last_error FROM outbox WHERE purpose = 'answer'") as cur:
        due_at, error = tuple(await cur.fetchone())
    assert due_at >= time.time() + 25 and "429" in error
    real, worker = time.time, h.app.bot_data["outbox_worker"]
    monkeypatch.setattr(worker, "clock", lambda: real() + 20)
    assert await h.deliver() == 0 and _answers(h, OMAR) == []
    monkeypatch.setattr(worker, "clock", lambda: real() + 31)
    assert await h.deliver() == 2
    assert len(_answers(h, OMAR)) == 1 and len(_confirms(h, ticket)) == 1
    assert await h.deliver() == 0


async def test_blocked_user_marks_ticket_and_tells_group(desk: Harness) -> None:
    h = desk
    ticket, _ = await _answered_ticket(h)
    h.req.fail("sendMessage", blocked_by_user())
    assert await h.deliver() == 1  # only the notice to the group
    row = await tickets.get(h.db, ticket.id)
    assert row is not None and row.blocked
    notice = h.to(GROUP)[-1]
    assert notice.text == h.et(DESK_LANG, "desk.blocked", ticket=ticket.id)
    assert reply_to_of(notice) == ticket.group_message_id
    assert _answers(h, OMAR) == [] and _confirms(h, ticket) == []
    assert await outbox_rows(h, ticket.id) == [("post", "sent", 1), ("answer", "failed", 1), ("notice", "sent", 1)]
    await make_all_due(h)
    assert await h.deliver() == 0


# ============================================================================ restarts
@pytest.mark.parametrize("background", [False, True], ids=["deliver_due-only", "background-worker"])
async def test_restart_between_every_step_loses_and_duplicates_nothing(
    launch: Launch, hsettings: Settings, background: bool
) -> None:
    recorders: list[Recorder] = []
    replayed: list[Update] = []

    async def step(action: Callable[[Harness], Awaitable[Any]]) -> None:
        req = Recorder(first_message_id=1000 + 100_000 * len(recorders))
        recorders.append(req)
        h = await launch(hsettings, req, background=background)
        await action(h)
        assert h.errors() == []
        await stop_app(h.app)

    async def post_id(h: Harness) -> int:
        ticket = await tickets.get(h.db, 1)
        assert ticket is not None and ticket.group_message_id is not None
        return ticket.group_message_id

    async def caseworker_reply(h: Harness) -> None:
        update = h.group_update(CW_TEXT, reply_to=await post_id(h), message_id=77_001)
        replayed.append(update)
        await h.app.process_update(update)

    async def replay_reply(h: Harness) -> None:  # Telegram redelivers the update after a crash
        await h.app.process_update(h.group_update(CW_TEXT, reply_to=await post_id(h), message_id=77_001))

    await step(lambda h: h.onboard(OMAR, "ar"))
    await step(lambda h: h.say(OMAR, Q_AR))
    await step(lambda h: h.press(OMAR, "P"))
    await step(lambda h: h.say(OMAR, "معي رسالة من LEA"))
    await step(lambda h: h.press(OMAR, "HS"))
    await step(lambda h: h.press(OMAR, "HS"))  # a double tap after the restart sends nothing new
    await step(lambda h: h.deliver())
    await step(caseworker_reply)
    await step(lambda h: h.deliver())
    await step(replay_reply)
    await step(lambda h: h.deliver())

    assert read(hsettings.database, "SELECT id, user_id, status FROM tickets") == [(1, OMAR.id, "claimed")]
    statuses = read(hsettings.database, "SELECT purpose, status FROM outbox ORDER BY id")
    assert statuses == [("post", "sent"), ("answer", "sent"), ("confirm", "sent")]

    group = [c for c in sent_to(recorders, GROUP) if c.method == "sendMessage"]
    user = [c for c in sent_to(recorders, OMAR.id)]
    posts = [c for c in group if ClaimTicket(1).pack() in c.callback_data()]
    answers = [c for c in user if escape(CW_TEXT) in (c.text or "")]
    sent_notes = [c for c in user if (c.text or "").startswith("تم الإرسال (السؤال رقم 1)")]
    assert len(posts) == 1 and len(answers) == 1 and len(sent_notes) == 1
    assert len(group) == 2  # the post and the delivery confirmation, nothing else
    assert "معي رسالة من LEA" in (posts[0].text or "")


# ============================================================================ /deletemydata
async def test_deletemydata_withdraws_tickets(desk: Harness) -> None:
    h = desk
    ticket = await h.open_ticket(OMAR, "ar", Q_AR)
    await h.group_say(CW_TEXT, reply_to=ticket.group_message_id)  # answer queued, not yet delivered
    await h.command(OMAR, "deletemydata")
    done = await h.press(OMAR, EraseMyData(True).pack())
    assert [c.text for c in done] == [h.et("ar", "deletemydata.done"), h.et("ar", "language.choose")]

    row = await tickets.get(h.db, ticket.id)
    assert row is not None
    assert (row.text, row.display_name, row.user_id, row.status) == (None, None, None, "withdrawn")
    async with h.db.conn.execute("SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ?", (ticket.id,)) as cur:
        assert tuple(await cur.fetchone()) == (0,)
    assert ("answer", "cancelled", 0) in await outbox_rows(h, ticket.id)

    before_user = len(h.to(OMAR.id))
    assert await h.deliver() == 2  # the ticket post deleted (tests/handoff/test_erasure.py), the notice
    notice = h.to(GROUP)[-1]
    assert notice.text == h.et(DESK_LANG, "desk.withdrawn", ticket=ticket.id)
    assert reply_to_of(notice) == ticket.group_message_id
    assert len(h.to(OMAR.id)) == before_user  # the cancelled answer never goes out

    # a caseworker answering the withdrawn ticket is told so; nothing is queued for anyone
    _, replies = await h.group_say("Noch da?", reply_to=ticket.group_message_id)
    assert [c.text for c in replies] == [h.et(DESK_LANG, "desk.withdrawn", ticket=ticket.id)]
    assert await h.deliver() == 0
    assert (await h.group_command(f"/reopen {ticket.id}"))[-1].text == h.et(DESK_LANG, "desk.not_found",
                                                                             ticket=ticket.id)


async def test_deletemydata_leaves_no_copy_of_the_question(desk: Harness) -> None:
    """Not even the already-sent ticket post or follow-ups keep the text in outbox.payload."""
    h = desk
    ticket = await h.open_ticket(OMAR, "ar", Q_AR)
    await h.add_to_ticket(OMAR, "تفاصيل إضافية سرية")  # a delivered follow-up
    await h.deliver()
    await h.add_to_ticket(OMAR, "تفصيل آخر لم يُرسل بعد")  # a pending one
    await h.command(OMAR, "deletemydata")
    await h.press(OMAR, EraseMyData(True).pack())
    await h.deliver()
    everything = dump(h.services.settings.database)
    for text in (Q_AR, "تفاصيل إضافية سرية", "تفصيل آخر لم يُرسل بعد"):
        assert text not in everything and escape(text) not in everything
    assert str(OMAR.id) not in everything and ticket.id == 1


async def test_deletemydata_unlinks_the_user_id(desk: Harness) -> None:
    h = desk
    ticket = await h.open_ticket(OMAR, "ar", Q_AR)
    await h.group_say(CW_TEXT, reply_to=ticket.group_message_id)
    await h.deliver()  # the answer went to the user's chat: outbox row with chat_id = OMAR.id
    await h.command(OMAR, "deletemydata")
    await h.press(OMAR, EraseMyData(True).pack())
    await h.deliver()
    assert str(OMAR.id) not in dump(h.services.settings.database)


# ============================================================================ no caseworker group
async def test_without_caseworker_group_p_shows_integration_office(launch: Launch, settings: Settings) -> None:
    assert settings.caseworker_chat_id is None
    h = await launch(settings)
    await h.onboard(MARIA, "de")
    asked = await h.say(MARIA, "Ich habe einen Brief zur Abschiebung bekommen, was soll ich tun?")  # for a person
    assert any("P" in c.callback_data() for c in asked)
    replies = await h.press(MARIA, "P")
    assert replies[0].text == h.et("de", "question.fallback_contact")
    assert len(replies) >= 2
    assert all("HS" not in c.callback_data() for c in replies)
    assert await h.press(MARIA, "HS") == []
    assert await tickets.count_for_user(h.db, MARIA.id) == 0
    texts_ = [c.text or "" for c in h.to(MARIA.id)]
    assert not any(t.startswith(h.et("de", "handoff.sent", ticket=1, eta="", hours="")[:10]) for t in texts_)
    assert await h.deliver() == 0
    assert h.errors() == []

