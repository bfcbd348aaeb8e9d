"""What caseworkers send reaches the newcomer, or the caseworkers hear that it did not: photos and documents,
answers over 4,096 characters, edited answers as corrections, and every delivery Telegram refuses for good.
Through the Telegram adapter on the recording fake, in German, Ukrainian and right-to-left Arabic and Persian."""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

import pytest
from conftest import stop_app
from dbkit import read
from fakes import Call, bad_request, blocked_by_user
from files import document, file_of, group_post, media_to, photo, send_file, sticker
from harness import GROUP, MARIA, OLENA, OMAR, Harness, Launch, Newcomer, Recorder, reply_to_of, sent_to
from telegram.error import NetworkError

from bot.conversation.protocol import RateAnswer
from bot.conversation.ticket_texts import DESK_LANG
from bot.handoff import send_policy
from bot.settings import Settings
from bot.storage.tickets import Ticket

PEOPLE: dict[str, Newcomer] = {"de": MARIA, "ar": OMAR, "fa": OMAR, "uk": OLENA}
QUESTION = {"de": "Ich habe einen Brief vom Amt", "ar": "وصلتني رسالة من الدائرة", "fa": "یک نامه از اداره گرفتم",
            "uk": "Я отримала лист з відомства"}
CAPTION = "Das <b>Formular</b> & die Frist: 14 Tage"
PHOTO = {"photo": [{"file_id": "cw-photo", "file_unique_id": "cwp", "width": 800, "height": 600}]}


def header(h: Harness, lang: str, key: str = "handoff.caseworker_answered") -> str:
    return f"<b>{h.et(lang, key)}</b>"


def rating(ticket: Ticket) -> list[str]:
    return [RateAnswer(ticket.id, True).pack(), RateAnswer(ticket.id, False).pack()]


def visible_length(html: str) -> int:
    """As Telegram counts a message's length: after its HTML is parsed, in UTF-16 code units."""
    return len(unescape(re.sub(r"<[^>]+>", "", html)).encode("utf-16-le")) // 2


def delivered(h: Harness, ticket: Ticket) -> list[Call]:
    return [c for c in h.to(GROUP) if c.text == h.et(DESK_LANG, "desk.delivered", ticket=ticket.id)]


# ============================================================================ photos and documents
@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_a_caseworkers_photo_and_document_reach_the_newcomer(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    ticket = await h.open_ticket(person, lang, QUESTION[lang])
    cw_photo, replies = await group_post(h, ticket.group_message_id, CAPTION, PHOTO)
    assert replies == []
    assert await h.deliver() == 2
    (sent,) = media_to(h, person.id)
    assert (sent.method, file_of(sent), sent.params.get("parse_mode")) == ("sendPhoto", "cw-photo", "HTML")
    assert sent.caption == f"{header(h, lang)}\n{escape(CAPTION)}"
    assert "&lt;b&gt;Formular&lt;/b&gt; &amp;" in (sent.caption or "")
    assert sent.callback_data() == rating(ticket)
    (confirm,) = delivered(h, ticket)
    assert reply_to_of(confirm) == cw_photo

    await group_post(h, ticket.group_message_id, "", document("cw-form", name="Antrag.docx", mime="application/msword"))
    assert await h.deliver() == 2
    form = media_to(h, person.id)[-1]
    assert (form.method, file_of(form), form.caption) == ("sendDocument", "cw-form", header(h, lang))
    assert h.errors() == []


@pytest.mark.parametrize("lang", ["uk", "fa"])
async def test_a_caption_too_long_for_telegram_follows_the_photo_as_text(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    ticket = await h.open_ticket(person, lang, QUESTION[lang])
    caption = "Bitte lesen Sie <genau>: " + "Frist und Unterlagen. " * 80  # a Premium caption: over 1,024
    await group_post(h, ticket.group_message_id, caption, PHOTO)
    assert await h.deliver() == 3
    (sent,) = media_to(h, person.id)
    assert sent.caption == header(h, lang) and sent.callback_data() == []
    (text,) = [c for c in h.to(person.id) if c.method == "sendMessage"][-1:]
    assert text.text == escape(caption.strip()) and text.callback_data() == rating(ticket)


async def test_a_sticker_in_reply_to_a_ticket_is_not_lost_in_silence(desk: Harness) -> None:
    h = desk
    ticket = await h.open_ticket(OMAR, "ar", QUESTION["ar"])
    _, replies = await group_post(h, ticket.group_message_id, content=sticker())
    assert [c.text for c in replies] == [h.et(DESK_LANG, "desk.not_relayed", ticket=ticket.id)]
    _, chatter = await group_post(h, None, content=sticker())  # among colleagues: no answer
    assert chatter == [] and await h.deliver() == 0


# ============================================================================ long answers
def long_answer() -> str:
    paragraphs = [f"Absatz {n}: Bitte bringen Sie <Pass> & Meldebescheinigung mit. " * 12 for n in range(14)]
    return "\n".join(paragraphs)


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_an_answer_over_4096_characters_arrives_whole_in_order(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    ticket = await h.open_ticket(person, lang, QUESTION[lang])
    text = long_answer()
    assert len(text) > 2 * 4096
    await group_post(h, ticket.group_message_id, text)
    assert await h.deliver() == 4  # three parts, then "delivered"
    parts = [c for c in h.to(person.id) if c.text and "Absatz" in c.text]
    assert len(parts) == 3 and all(visible_length(c.text or "") <= 4096 for c in parts)
    assert (parts[0].text or "").startswith(header(h, lang) + "\n")
    body = "\n".join([(parts[0].text or "").split("\n", 1)[1], *((c.text or "") for c in parts[1:])])
    assert body == escape(text.strip())  # nothing lost, nothing doubled, in order; cut only between paragraphs here
    assert [c.callback_data() for c in parts] == [[], [], rating(ticket)]
    assert len(delivered(h, ticket)) == 1 and h.to(GROUP)[-1] is delivered(h, ticket)[0]


async def test_a_restart_between_the_parts_neither_loses_nor_repeats_one(launch: Launch, hsettings: Settings) -> None:
    failed: list[bool] = []

    def second_part_fails(call: Call) -> None:  # the connection drops right after the first part went out
        if call.ok and "Absatz" in (call.text or "") and not failed:
            failed.append(True)
            first.fail("sendMessage", NetworkError("connection reset by peer"))

    first = Recorder(on_call=second_part_fails)
    h = await launch(hsettings, first)
    ticket = await h.open_ticket(OLENA, "uk", QUESTION["uk"])
    await group_post(h, ticket.group_message_id, long_answer())
    assert await h.deliver() == 1  # part one; part two waits for its retry, part three behind it
    wait = await h.app.bot_data["outbox_worker"].step()
    assert wait is not None and wait > 0  # part three is not "due" ahead of part two: the worker does not spin
    assert h.app.bot_data["outbox_worker"]._inflight == {}
    await stop_app(h.app)

    second = Recorder(first_message_id=500_000)
    h = await launch(hsettings, second)
    await h.db.conn.execute("UPDATE outbox SET next_attempt_at = 0 WHERE status = 'pending'")
    await h.db.conn.commit()
    assert await h.deliver() == 3  # parts two and three, then "delivered"
    parts = [c.text or "" for c in sent_to([first, second], OLENA.id) if "Absatz" in (c.text or "")]
    assert len(parts) == 3 and parts[0].startswith(header(h, "uk"))
    assert "\n".join([parts[0].split("\n", 1)[1], *parts[1:]]) == escape(long_answer().strip())
    confirms = [c for c in sent_to([first, second], GROUP) if c.text == h.et(DESK_LANG, "desk.delivered",
                                                                                ticket=ticket.id)]
    assert len(confirms) == 1
    rows = read(hsettings.database, "SELECT status FROM outbox WHERE chat_id = ? ORDER BY id", (OLENA.id,))
    assert rows == [("sent",)] * 3


# ============================================================================ edited answers
@pytest.mark.parametrize("lang", ["de", "fa"])
async def test_an_edited_answer_reaches_the_newcomer_as_a_correction(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    ticket = await h.open_ticket(person, lang, QUESTION[lang])
    answer_id, _ = await group_post(h, ticket.group_message_id, "Termin am Montag um 10 Uhr.")
    assert await h.deliver() == 2
    await group_post(h, ticket.group_message_id, "Termin am <Dienstag> um 10 Uhr.", message_id=answer_id,
                     edit_date=1_900_000_000)
    assert await h.deliver() == 2
    correction = h.to(person.id)[-1]
    corrected = header(h, lang, "handoff.caseworker_corrected")
    assert correction.text == f"{corrected}\n{escape('Termin am <Dienstag> um 10 Uhr.')}"
    assert len(delivered(h, ticket)) == 2
    # the same edit redelivered goes out once; a second edit is a second correction
    await group_post(h, ticket.group_message_id, "Termin am <Dienstag> um 10 Uhr.", message_id=answer_id,
                     edit_date=1_900_000_000)
    assert await h.deliver() == 0
    await group_post(h, ticket.group_message_id, "Termin am Mittwoch.", message_id=answer_id, edit_date=1_900_000_060)
    assert await h.deliver() == 2 and h.to(person.id)[-1].text == f"{corrected}\nTermin am Mittwoch."
    async with h.db.conn.execute("SELECT text FROM ticket_messages WHERE source_message_id = ?", (answer_id,)) as c:
        assert tuple(await c.fetchone()) == ("Termin am Mittwoch.",)
    # an edited photo caption is a corrected photo
    photo_id, _ = await group_post(h, ticket.group_message_id, "alt", PHOTO)
    await h.deliver()
    await group_post(h, ticket.group_message_id, "neu", PHOTO, message_id=photo_id, edit_date=1_900_000_100)
    assert await h.deliver() == 2 and media_to(h, person.id)[-1].caption == f"{corrected}\nneu"


async def test_edits_of_other_group_messages_stay_in_the_group(desk: Harness) -> None:
    h = desk
    ticket = await h.open_ticket(OMAR, "ar", QUESTION["ar"])
    remark, _ = await group_post(h, None, "Wer übernimmt heute?")
    _, replies = await group_post(h, None, "Wer übernimmt heute abend?", message_id=remark, edit_date=1_900_000_000)
    assert replies == []
    command, _ = await group_post(h, None, "/queue")
    _, replies = await group_post(h, None, "/queue", message_id=command, edit_date=1_900_000_000)
    assert replies == []  # an edited command does not run again
    assert await h.deliver() == 0 and ticket.id == 1


# ============================================================================ failures are told in the group
@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_an_answer_telegram_refuses_is_reported_to_the_caseworker(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    ticket = await h.open_ticket(person, lang, QUESTION[lang])
    answer_id, _ = await group_post(h, ticket.group_message_id, "Ihre Antwort")
    h.req.fail_chat(person.id, bad_request("message is too long"))
    assert await h.deliver() == 1  # only the report
    report = h.to(GROUP)[-1]
    assert report.text == h.et(DESK_LANG, "desk.undelivered", ticket=ticket.id, reason="Message is too long")
    assert reply_to_of(report) == answer_id  # under the caseworker's own message: they get notified
    assert delivered(h, ticket) == []


async def test_every_terminal_failure_is_visible_in_the_group(desk: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    h = desk
    ticket = await h.open_ticket(OMAR, "ar", QUESTION["ar"])
    locales = h.services.locales
    # a status message to the newcomer refused
    await h.group_command(f"/close {ticket.id}")
    h.req.fail_chat(OMAR.id, bad_request("chat not found"))
    assert await h.deliver() == 1
    reason = h.t(DESK_LANG, "desk.reason_not_found")
    assert h.to(GROUP)[-1].text == h.et(DESK_LANG, "desk.undelivered_status", ticket=ticket.id, reason=reason)
    # a photo for the group refused: reported under the ticket post
    await h.group_command(f"/reopen {ticket.id}")
    await h.deliver()
    await send_file(h, OMAR, photo("expired-file"))
    await h.press(OMAR, f"HF:{ticket.id}")
    h.req.fail("sendPhoto", bad_request("wrong file identifier/HTTP URL specified"))
    assert await h.deliver() == 1
    reason = "Wrong file identifier/http url specified"
    assert h.to(GROUP)[-1].text == h.et(DESK_LANG, "desk.not_posted", ticket=ticket.id, reason=reason)
    assert reply_to_of(h.to(GROUP)[-1]) == ticket.group_message_id
    # an answer that still fails after the last retry
    await group_post(h, ticket.group_message_id, "Antwort")
    monkeypatch.setattr(send_policy, "MAX_ATTEMPTS", 2)
    h.req.fail_chat(OMAR.id, NetworkError("down"), NetworkError("down"))
    assert await h.deliver() == 0
    await h.db.conn.execute("UPDATE outbox SET next_attempt_at = 0 WHERE status = 'pending'")
    await h.db.conn.commit()
    assert await h.deliver() == 1
    gave_up = locales.t(DESK_LANG, "desk.gave_up", attempts=2, error="NetworkError")
    assert h.to(GROUP)[-1].text == h.et(DESK_LANG, "desk.undelivered", ticket=ticket.id, reason=gave_up)
    # a report that fails itself is only logged: no loop
    await group_post(h, ticket.group_message_id, "Noch eine Antwort")
    h.req.fail_chat(OMAR.id, bad_request("bad"))
    h.req.fail_chat(GROUP, bad_request("bad again"))
    assert await h.deliver() == 0
    await h.db.conn.execute("UPDATE outbox SET next_attempt_at = 0 WHERE status = 'pending'")
    await h.db.conn.commit()
    assert await h.deliver() == 0
    async with h.db.conn.execute("SELECT COUNT(*) FROM outbox WHERE status = 'pending'") as cursor:
        assert tuple(await cursor.fetchone()) == (0,)


async def test_a_blocked_newcomer_is_still_reported_once_for_a_long_answer(desk: Harness) -> None:
    h = desk
    ticket = await h.open_ticket(OMAR, "ar", QUESTION["ar"])
    await group_post(h, ticket.group_message_id, long_answer())
    h.req.fail_chat(OMAR.id, blocked_by_user(), blocked_by_user(), blocked_by_user())
    assert await h.deliver() == 1
    notices: list[Any] = [c for c in h.to(GROUP) if c.text == h.et(DESK_LANG, "desk.blocked", ticket=ticket.id)]
    assert len(notices) == 1
