"""Speaker requests: the form with consent, the post in the coordination office's own group (BROKER_CHAT_ID),
the office's reply delivered through the outbox (also after a restart on the same database file), only that
group answering, and the same privacy rules as questions to a caseworker."""

from __future__ import annotations

import dataclasses
import time
from html import escape
from typing import Any

import pytest
from conftest import stop_app
from dbkit import read
from harness import GROUP, MARIA, OLENA, OMAR, Harness, Launch, Newcomer, Recorder, assert_not_stored, stored_bytes
from telegram import Update

from bot.conversation.protocol import ClaimTicket, CloseTicket, EraseMyData, SpeakerCancel, SpeakerSend, SpeakerStart
from bot.settings import Settings
from bot.storage import tickets

BROKER = -1009876543210
OFFICE = {"id": 5811, "is_bot": False, "first_name": "Aylin"}
ANSWERS_AR = ("الهجرة والتاريخ الاستعماري", "١٢ مارس ٢٠٢٧ صباحاً", "مدرسة في موابيت", "العربية والألمانية",
              "omar.school@example.org")
ANSWER = "Wir haben zwei Referentinnen für Sie: bitte rufen Sie uns an <b>030</b> & schreiben Sie."


@pytest.fixture
def bsettings(hsettings: Settings) -> Settings:
    return dataclasses.replace(hsettings, broker_chat_id=BROKER)


@pytest.fixture
async def broker(launch: Launch, bsettings: Settings) -> Harness:
    return await launch(bsettings)


async def request(h: Harness, person: Newcomer, lang: str, answers: tuple[str, ...] = ANSWERS_AR) -> None:
    """Onboard, /speaker, answer the five steps, give consent."""
    await h.onboard(person, lang)
    await h.command(person, "speaker")
    for answer in answers:
        await h.say(person, answer)
    await h.press(person, SpeakerSend().pack())


def broker_calls(h: Harness | list[Recorder], method: str = "sendMessage") -> list[Any]:
    recorders = h if isinstance(h, list) else [h.req]
    return [c for r in recorders for c in r.calls if c.ok and c.method == method
            and str(c.params.get("chat_id")) == str(BROKER)]


def office_reply(h: Harness, text: str, reply_to: int, chat_id: int = BROKER, message_id: int | None = None) -> Update:
    update = h.group_update(text, reply_to=reply_to, sender=OFFICE, chat_id=chat_id, message_id=message_id)
    return update


async def the_request(h: Harness, person: Newcomer) -> tickets.Ticket:
    async with h.db.conn.execute("SELECT id FROM tickets WHERE kind = 'speaker' ORDER BY id DESC LIMIT 1") as cur:
        row = await cur.fetchone()
    assert row is not None
    found = await tickets.get(h.db, int(row[0]))
    assert found is not None and found.user_id == person.id
    return found


async def test_the_form_asks_five_things_then_consent_and_posts_to_the_broker_group(broker: Harness) -> None:
    h = broker
    await h.onboard(OMAR, "ar")
    started = await h.command(OMAR, "speaker")
    assert started[0].text == h.et("ar", "speaker.intro")
    assert started[1].text == h.et("ar", "speaker.ask_topic")
    steps = ["speaker.ask_date", "speaker.ask_place", "speaker.ask_language", "speaker.ask_contact"]
    for answer, key in zip(ANSWERS_AR, steps, strict=False):
        assert (await h.say(OMAR, answer))[-1].text == h.et("ar", key)
    summary = (await h.say(OMAR, ANSWERS_AR[-1]))[-1]
    fields = dict(zip(("topic", "date", "place", "language", "contact"), ANSWERS_AR, strict=True))
    assert summary.text == h.et("ar", "speaker.summary", **fields)  # consent: where the request and contact go
    assert SpeakerSend().pack() in summary.callback_data()
    assert await h.deliver() == 0  # nothing leaves before consent

    sent = await h.press(OMAR, SpeakerSend().pack())
    ticket = await the_request(h, OMAR)
    assert sent[-1].text == h.et("ar", "speaker.sent", ticket=ticket.id)
    assert ticket.kind == "speaker" and ticket.display_name is None
    await h.deliver()
    posts = broker_calls(h)
    assert len(posts) == 1 and h.to(GROUP) == []  # the coordination office's group, not the caseworkers'
    post = posts[0].text or ""
    for answer in ANSWERS_AR:
        assert escape(answer) in post
    assert h.t("de", "desk.speaker_request", ticket=ticket.id) in post
    assert ClaimTicket(ticket.id).pack() in posts[0].callback_data()
    assert OMAR.first_name not in post and OMAR.username not in post  # only the contact the person typed
    assert (await the_request(h, OMAR)).group_message_id is not None


async def test_the_office_answers_by_reply_and_the_requester_gets_it(broker: Harness) -> None:
    h = broker
    await request(h, OMAR, "ar")
    await h.deliver()
    ticket = await the_request(h, OMAR)
    assert ticket.group_message_id is not None
    await h.app.process_update(office_reply(h, ANSWER, ticket.group_message_id))
    await h.deliver()
    answer = [c for c in h.to(OMAR.id) if escape(ANSWER) in (c.text or "")]
    assert len(answer) == 1
    assert (answer[0].text or "").startswith(f"<b>{h.et('ar', 'speaker.caseworker_answered')}</b>")
    delivered = [c for c in broker_calls(h) if c.text == h.et("de", "desk.delivered", ticket=ticket.id)]
    assert len(delivered) == 1


async def test_the_answer_arrives_across_restarts_on_the_same_database(launch: Launch, bsettings: Settings) -> None:
    recorders: list[Recorder] = []

    async def started() -> Harness:
        req = Recorder(first_message_id=1000 + 100_000 * len(recorders))
        recorders.append(req)
        return await launch(bsettings, req)

    h = await started()
    await request(h, OLENA, "uk", ("Міграція", "травень", "Шкільна бібліотека", "українська", "+49 30 555 0101"))
    await stop_app(h.app)  # queued, not yet posted

    h = await started()
    assert await h.deliver() == 1  # the post goes out after the restart
    ticket = await the_request(h, OLENA)
    assert ticket.group_message_id is not None
    await h.app.process_update(office_reply(h, ANSWER, ticket.group_message_id, message_id=88_001))
    await stop_app(h.app)  # the answer is stored and queued, not yet delivered

    h = await started()
    await h.app.process_update(office_reply(h, ANSWER, ticket.group_message_id, message_id=88_001))  # redelivered
    await h.deliver()
    await stop_app(h.app)

    answers = [c for r in recorders for c in r.messages() if str(c.params.get("chat_id")) == str(OLENA.id)
               and escape(ANSWER) in (c.text or "")]
    assert len(answers) == 1  # delivered once, not lost, not twice
    assert len([c for c in broker_calls(recorders) if "Міграція" in (c.text or "")]) == 1
    rows = read(bsettings.database, "SELECT purpose, status FROM outbox ORDER BY id")
    assert rows == [("post", "sent"), ("answer", "sent"), ("confirm", "sent")]


async def test_only_the_broker_group_answers_a_speaker_request(broker: Harness) -> None:
    h = broker
    await request(h, OMAR, "ar")
    await h.deliver()
    ticket = await the_request(h, OMAR)
    assert ticket.group_message_id is not None
    # the caseworkers' group: replying with the broker post's number reaches nothing, commands find nothing
    _, said = await h.group_say(ANSWER, reply_to=ticket.group_message_id)
    assert [c.text for c in said] == [h.et("de", "desk.unknown_reply")]
    claimed = await h.group_command(f"/claim {ticket.id}")
    assert [c.text for c in claimed] == [h.et("de", "desk.not_found", ticket=ticket.id)]
    queue = await h.group_command("/queue")
    assert [c.text for c in queue] == [h.et("de", "desk.queue_empty")]
    await h.deliver()
    assert [c for c in h.to(OMAR.id) if escape(ANSWER) in (c.text or "")] == []
    # the broker group sees its own request, and not the caseworkers' questions
    broker_queue = await h.group_command("/queue", chat_id=BROKER)
    assert f"#{ticket.id}" in (broker_queue[0].text or "")


async def test_a_speaker_request_is_no_open_question_for_the_caseworkers(broker: Harness) -> None:
    h = broker
    await request(h, MARIA, "de", ("Kolonialgeschichte", "Juni", "Gymnasium", "Deutsch", "maria@example.org"))
    status = await h.command(MARIA, "ticket")
    assert status[0].text == h.et("de", "handoff.none_open")
    answer = await h.say(MARIA, "Wo ist das Bürgeramt?")
    assert not any("HA:" in d for c in answer for d in c.callback_data())  # no "add to question no. N"


async def test_cancel_sends_nothing_and_text_after_the_summary_asks_for_a_button(broker: Harness) -> None:
    h = broker
    await h.onboard(OMAR, "ar")
    await h.command(OMAR, "speaker")
    for answer in ANSWERS_AR:
        await h.say(OMAR, answer)
    again = await h.say(OMAR, "ok")
    assert again[0].text == h.et("ar", "speaker.press_send")
    cancelled = await h.press(OMAR, SpeakerCancel().pack())
    assert cancelled[-1].text == h.et("ar", "speaker.cancelled")
    late = await h.press(OMAR, SpeakerSend().pack())  # the old summary's button
    assert late[-1].text == h.et("ar", "speaker.nothing_to_send")
    async with h.db.conn.execute("SELECT COUNT(*) FROM tickets") as cursor:
        assert (await cursor.fetchone())[0] == 0


async def test_an_emergency_during_the_form_comes_first(broker: Harness) -> None:
    h = broker
    await h.onboard(MARIA, "de")
    await h.command(MARIA, "speaker")
    calls = await h.say(MARIA, "Mein Mann schlägt mich")
    assert calls[0].text == h.et("de", "question.emergency_first")


async def test_without_a_broker_group_the_coordination_office_is_shown(desk: Harness) -> None:
    h = desk
    await h.onboard(OMAR, "ar")
    calls = await h.command(OMAR, "speaker")
    assert calls[0].text == h.et("ar", "speaker.unavailable")
    office = h.services.kb.get("kep-mitte")
    assert office is not None and escape(office.texts("ar").title) in (calls[1].text or "")
    pressed = await h.press(OMAR, SpeakerStart().pack())
    assert pressed[0].text == h.et("ar", "speaker.unavailable")


async def test_mydata_shows_the_request_and_deletemydata_erases_it_and_the_post(broker: Harness) -> None:
    h = broker
    await request(h, OMAR, "ar")
    await h.deliver()
    ticket = await the_request(h, OMAR)
    mydata = await h.command(OMAR, "mydata")
    assert h.et("ar", "mydata.speaker_requests", count=1) in (mydata[0].text or "")
    await h.command(OMAR, "deletemydata")
    await h.press(OMAR, EraseMyData(True).pack())
    assert_not_stored(stored_bytes(h), *ANSWERS_AR)
    before = len(h.req.calls)
    await h.deliver()
    deleted = [c for c in h.req.calls[before:] if c.method == "deleteMessage"
               and str(c.params.get("chat_id")) == str(BROKER)]
    assert [int(c.params["message_id"]) for c in deleted] == [ticket.group_message_id]
    notice = [c for c in broker_calls(h) if c.text == h.et("de", "desk.withdrawn", ticket=ticket.id)]
    assert len(notice) == 1


async def test_the_broker_claims_and_closes_with_the_posts_buttons(broker: Harness) -> None:
    h = broker
    await request(h, OMAR, "ar")
    await h.deliver()
    ticket = await the_request(h, OMAR)
    assert ticket.group_message_id is not None

    def press_in(chat_id: int, data: str) -> Update:
        chat = {"id": chat_id, "type": "supergroup", "title": "KEP"}
        bot_user = {"id": 4242, "is_bot": True, "first_name": "Wegweiser"}
        query = {"id": f"q{chat_id}{data}", "from": OFFICE, "chat_instance": "ci-broker", "data": data,
                 "message": {"message_id": ticket.group_message_id, "date": int(time.time()), "chat": chat,
                             "from": bot_user, "text": "…"}}
        update = Update.de_json({"update_id": abs(chat_id) % 100_000 + len(data), "callback_query": query}, h.app.bot)
        assert update is not None
        return update

    before = len(h.req.calls)
    await h.app.process_update(press_in(GROUP, ClaimTicket(ticket.id).pack()))  # the caseworkers cannot
    assert (await tickets.get(h.db, ticket.id)).status == "open"  # type: ignore[union-attr]
    await h.app.process_update(press_in(BROKER, ClaimTicket(ticket.id).pack()))
    assert (await tickets.get(h.db, ticket.id)).status == "claimed"  # type: ignore[union-attr]
    await h.app.process_update(press_in(BROKER, CloseTicket(ticket.id).pack()))
    assert (await tickets.get(h.db, ticket.id)).status == "closed"  # type: ignore[union-attr]
    assert any(c.text == h.et("de", "desk.claimed", ticket=ticket.id, name="Aylin") for c in h.req.calls[before:])
    await h.deliver()
    closed = [c for c in h.to(OMAR.id) if c.text == h.et("ar", "speaker.closed", ticket=ticket.id)]
    assert len(closed) == 1  # the requester is told in the words of a speaker request
