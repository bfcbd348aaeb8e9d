"""Retention treats speaker requests like questions to a caseworker: a closed request's text and contact go after
RETENTION_DAYS, an open one stays, and a form left half-filled is dropped with the user's other drafts."""

from __future__ import annotations

import dataclasses
import time

from harness import MARIA, OMAR, Harness, Launch, assert_not_stored, stored_bytes

from bot.conversation.protocol import SpeakerSend
from bot.settings import Settings
from bot.storage import retention, tickets
from bot.storage.retention import DAY

BROKER = -1009876543210
CLOSED = ("Kolonialgeschichte", "im Mai", "Aula der Schule", "Deutsch", "lehrerin@example.org")
HALF = ("Flucht und Ankommen", "Herbst")


async def test_retention_purges_closed_speaker_requests_and_half_filled_forms(
    launch: Launch, hsettings: Settings
) -> None:
    h: Harness = await launch(dataclasses.replace(hsettings, broker_chat_id=BROKER))
    await h.onboard(OMAR, "de")
    await h.command(OMAR, "speaker")
    for answer in CLOSED:
        await h.say(OMAR, answer)
    await h.press(OMAR, SpeakerSend().pack())
    await h.deliver()
    ticket = await tickets.get(h.db, 1)
    assert ticket is not None and ticket.kind == "speaker" and ticket.group_message_id is not None
    await h.group_command(f"/close {ticket.id}", chat_id=BROKER)
    await h.onboard(MARIA, "de")
    await h.command(MARIA, "speaker")
    for answer in HALF:
        await h.say(MARIA, answer)
    assert b"Flucht und Ankommen" in stored_bytes(h)

    purged = await retention.purge(h.db, 90, time.time() + 91 * DAY)
    await h.db.checkpoint()
    assert purged.tickets == 1 and purged.drafts >= 1
    gone = await tickets.get(h.db, ticket.id)
    assert gone is not None and gone.text is None and gone.user_id is None
    assert_not_stored(stored_bytes(h), *CLOSED, *HALF)
    async with h.db.conn.execute("SELECT awaiting FROM users WHERE user_id = ?", (MARIA.id,)) as cursor:
        row = await cursor.fetchone()
    assert row is not None and row[0] is None  # the form is over, not waiting for answers that are gone
