"""A newcomer's photos and PDFs of letters, through the Telegram adapter on the recording fake: attached
to the question being written, offered for an open one, offered to a caseworker otherwise; forwarded by
file id in reply to the ticket post; counted by /mydata and erased by /deletemydata. In German and in
right-to-left Arabic and Persian."""

from __future__ import annotations

from html import escape
from typing import Any

import pytest
from dbkit import dump, read
from files import PDF, document, file_of, media_to, photo, send_file
from harness import GROUP, MARIA, OMAR, Harness, reply_to_of
from telegram.error import NetworkError

from bot.conversation.protocol import AddFilesToTicket, AskPerson, EraseMyData, SendDraft
from bot.conversation.ticket_texts import DESK_LANG
from bot.storage import attachments, tickets

PEOPLE = {"de": MARIA, "ar": OMAR, "fa": OMAR}
QUESTION = {"de": "Ich habe einen Brief vom Jobcenter bekommen", "ar": "وصلتني رسالة من الجوب سنتر",
            "fa": "یک نامه از جاب سنتر گرفتم"}
CAPTION = {"de": "Seite 1 <Frist> & Unterschrift", "ar": "الصفحة الأولى <مهلة> & توقيع",
           "fa": "صفحه اول <مهلت> & امضا"}
SUICIDE = {"de": "Ich will mich umbringen", "ar": "بدي موت، ما عاد فيني كمّل"}


def texts(calls: list[Any]) -> list[str]:
    return [c.text or "" for c in calls]


def data(calls: list[Any]) -> list[str]:
    return [d for c in calls for d in c.callback_data()]


def preview(h: Harness, lang: str, question: str) -> str:
    return h.et(lang, "handoff.preview", question=question, language=h.services.locales.name(lang),
                name=h.t(lang, "handoff.name_hidden"))


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_photos_and_pdfs_added_while_writing_go_to_the_group_after_the_post(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    await h.onboard(person, lang)
    await h.say(person, QUESTION[lang])
    await h.press(person, AskPerson().pack())
    first = await send_file(h, person, photo("letter-p1"), caption=CAPTION[lang])
    second = await send_file(h, person, document("letter-pdf"))
    draft = f"{QUESTION[lang]}\n{CAPTION[lang]}"
    assert texts(first)[0] == h.et(lang, "upload.attached")
    counted = h.t(lang, "handoff.preview_attachments", count=2)
    assert texts(second) == [h.et(lang, "upload.attached"), preview(h, lang, f"{draft}\n{counted}")]
    assert SendDraft().pack() in data(second)
    assert media_to(h, GROUP) == [] and await h.deliver() == 0  # nothing leaves before "Send"

    await h.press(person, SendDraft().pack())
    ticket = await tickets.open_for_user(h.db, person.id)
    assert ticket is not None and ticket.text == draft
    assert await h.deliver() == 3
    (post,) = h.to(GROUP)
    assert h.et(DESK_LANG, "desk.attachments_follow", count=2) in (post.text or "")
    stored = await tickets.get(h.db, ticket.id)
    assert stored is not None and stored.group_message_id is not None
    sent_photo, sent_pdf = media_to(h, GROUP)
    assert (sent_photo.method, file_of(sent_photo), sent_pdf.method, file_of(sent_pdf)) == (
        "sendPhoto", "letter-p1", "sendDocument", "letter-pdf")
    assert reply_to_of(sent_photo) == reply_to_of(sent_pdf) == stored.group_message_id
    header = f"<b>{h.et(DESK_LANG, 'desk.attachment', ticket=ticket.id)}</b>"
    assert sent_photo.caption == f"{header}\n{escape(CAPTION[lang])}" and sent_pdf.caption == header
    assert sent_photo.params.get("parse_mode") == "HTML"

    # a caseworker replying to the forwarded photo answers the same question
    async with h.db.conn.execute("SELECT sent_message_id FROM outbox WHERE purpose = 'attachment' ORDER BY id") as c:
        (photo_id,) = tuple(await c.fetchone())
    await h.group_say("Bitte morgen anrufen.", reply_to=photo_id)
    assert await h.deliver() == 2
    assert "Bitte morgen anrufen." in (h.to(person.id)[-1].text or "")
    assert h.errors() == []


@pytest.mark.parametrize("lang", ["fa", "de"])
async def test_a_photo_of_the_letter_alone_is_a_question(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    await h.onboard(person, lang)
    asked = await h.press(person, AskPerson().pack())
    assert texts(asked) == [h.et(lang, "ticket.write_question")]
    shown = await send_file(h, person, photo("only-photo"))
    assert texts(shown)[-1] == preview(h, lang, h.t(lang, "handoff.preview_attachments", count=1))
    await h.press(person, SendDraft().pack())
    ticket = await tickets.open_for_user(h.db, person.id)
    assert ticket is not None and ticket.text == "" and ticket.candidates == ()
    assert await h.deliver() == 2
    assert [file_of(c) for c in media_to(h, GROUP)] == ["only-photo"]


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_with_an_open_question_photos_are_offered_and_added_only_on_request(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    ticket = await h.open_ticket(person, lang, QUESTION[lang])
    offer = await send_file(h, person, photo("album-1"), caption=CAPTION[lang], album="alb-7")
    assert texts(offer) == [h.et(lang, "upload.add_offer", ticket=ticket.id)]
    assert data(offer) == [AddFilesToTicket(ticket.id).pack()]
    assert offer[0].buttons()[0]["text"] == h.t(lang, "buttons.add_to_ticket", ticket=ticket.id)
    assert await send_file(h, person, photo("album-2"), album="alb-7") == []  # one answer for the album
    assert await h.deliver() == 0 and media_to(h, GROUP) == []

    added = await h.press(person, AddFilesToTicket(ticket.id).pack())
    assert texts(added) == [h.et(lang, "handoff.followup_added", ticket=ticket.id)]
    assert await h.deliver() == 2
    assert [file_of(c) for c in media_to(h, GROUP)] == ["album-1", "album-2"]
    assert all(reply_to_of(c) == ticket.group_message_id for c in media_to(h, GROUP))
    again = await h.press(person, AddFilesToTicket(ticket.id).pack())
    assert texts(again) == [h.et(lang, "upload.nothing_to_add")]
    assert await h.deliver() == 0
    assert await attachments.pending(h.db, person.id) == []
    # someone else pressing the button (forged) adds their photo to nobody's question
    other, other_lang = (MARIA, "de") if person is OMAR else (OMAR, "ar")
    await h.onboard(other, other_lang)
    await send_file(h, other, photo("stranger"))
    forged = await h.press(other, AddFilesToTicket(ticket.id).pack())
    assert texts(forged) == [h.et(other_lang, "handoff.none_open")]
    assert await h.deliver() == 0 and len(media_to(h, GROUP)) == 2
    assert h.errors() == []


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_outside_a_hand_off_a_letter_gets_an_offer_to_send_it_to_a_caseworker(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    await h.onboard(person, lang)
    offer = await send_file(h, person, document("pdf-1"), caption=QUESTION[lang])
    assert texts(offer) == [h.et(lang, "upload.offer")]
    assert h.et(lang, "errors.non_text") not in texts(offer)
    assert data(offer)[0] == AskPerson().pack()
    assert await h.deliver() == 0
    shown = await h.press(person, AskPerson().pack())
    counted = h.t(lang, "handoff.preview_attachments", count=1)
    assert texts(shown) == [preview(h, lang, f"{QUESTION[lang]}\n{counted}")]
    await h.press(person, SendDraft().pack())
    assert await h.deliver() == 2
    assert [file_of(c) for c in media_to(h, GROUP)] == ["pdf-1"]

    refused = await send_file(h, person, document("zip-1", mime="application/zip", name="brief.zip"))
    assert texts(refused) == [h.et(lang, "upload.unsupported")]
    assert await attachments.pending(h.db, person.id) == []


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_an_emergency_in_a_caption_gets_help_first(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    await h.onboard(person, lang)
    calls = await send_file(h, person, photo("crisis"), caption=SUICIDE[lang])
    assert texts(calls)[0] == h.et(lang, "question.emergency_first")
    assert texts(calls)[-1] == h.et(lang, "upload.offer")


async def test_cancelling_the_draft_keeps_no_photo_and_a_redelivered_photo_counts_once(desk: Harness) -> None:
    h = desk
    await h.onboard(OMAR, "ar")
    await h.say(OMAR, QUESTION["ar"])
    await h.press(OMAR, AskPerson().pack())
    await send_file(h, OMAR, photo("twice"), message_id=424_242)
    assert await send_file(h, OMAR, photo("twice"), message_id=424_242) == []  # redelivered update
    assert await send_file(h, OMAR, photo("twice"), caption="x", message_id=424_242, edited=True) == []
    assert len(await attachments.pending(h.db, OMAR.id)) == 1
    refused = await send_file(h, OMAR, document("setup.exe", mime="application/x-msdownload", name="setup.exe"))
    assert texts(refused) == [h.et("ar", "upload.unsupported")] and data(refused) == []  # the draft stays
    assert len(await attachments.pending(h.db, OMAR.id)) == 1
    await h.press(OMAR, "HC")
    assert await attachments.pending(h.db, OMAR.id) == []
    assert await attachments.count_for_user(h.db, OMAR.id) == 0


@pytest.mark.parametrize("lang", ["ar", "de"])
async def test_mydata_counts_attachments_and_deletemydata_erases_them(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    ticket = await h.open_ticket(person, lang, QUESTION[lang])
    await send_file(h, person, photo("secret-letter"), caption=CAPTION[lang])
    await h.press(person, AddFilesToTicket(ticket.id).pack())
    assert await h.deliver() == 1  # forwarded: its outbox row held the file id and the caption
    await send_file(h, person, document("secret-pending", mime=PDF))  # offered, not added
    mydata = await h.command(person, "mydata")
    assert h.t(lang, "mydata.text").split("{attachments}")[0].split("\n")[-1] + "2" in (mydata[-1].text or "")
    await h.command(person, "deletemydata")
    await h.press(person, EraseMyData(True).pack())
    assert await h.deliver() == 3  # the "withdrawn" notice; the ticket post and the photo deleted from the group
    assert len(h.req.sent("deleteMessage")) == 2
    assert [file_of(c) for c in media_to(h, GROUP)] == ["secret-letter"]
    everything = dump(h.services.settings.database)
    assert read(h.services.settings.database, "SELECT COUNT(*) FROM attachments") == [(0,)]
    for secret in ("secret-letter", "secret-pending", CAPTION[lang], escape(CAPTION[lang])):
        assert secret not in everything


async def test_photos_wait_for_their_ticket_post(desk: Harness) -> None:
    """The post failing once (network) holds its photos back: they never arrive without the question."""
    h = desk
    await h.onboard(OMAR, "ar")
    await h.press(OMAR, AskPerson().pack())
    await send_file(h, OMAR, photo("after-post"))
    await h.press(OMAR, SendDraft().pack())
    h.req.fail("sendMessage", NetworkError("connection reset"))
    assert await h.deliver() == 0
    assert media_to(h, GROUP) == []
    await h.db.conn.execute("UPDATE outbox SET next_attempt_at = 0 WHERE status = 'pending'")
    await h.db.conn.commit()
    assert await h.deliver() == 2
    ticket = await tickets.open_for_user(h.db, OMAR.id)
    assert ticket is not None and ticket.group_message_id is not None
    (sent,) = media_to(h, GROUP)
    assert reply_to_of(sent) == ticket.group_message_id
