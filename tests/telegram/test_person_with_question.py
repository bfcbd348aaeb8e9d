"""A request for a person that also tells the question becomes the draft at once ("kann mir jemand persönlich helfen,
ich verstehe die Briefe vom Jobcenter nicht"); a bare request is asked for its question. Nothing is sent before the
person presses Send. In two languages, one right-to-left."""

from __future__ import annotations

from typing import Any

import pytest
from harness import MARIA, OMAR, Harness

from bot.conversation.protocol import SendDraft
from bot.storage import users

WITH_QUESTION = {
    "de": "kann mir jemand persönlich helfen, ich verstehe die Briefe vom Jobcenter nicht",
    "ar": "بدي حدا يقعد معي ويشوف كل الأوراق، وصلني مكتوب من الجوب سنتر وما فهمت شي",
}
BARE = {"de": "Ich möchte mit einem Menschen sprechen", "ar": "بدي احكي مع انسان"}
PEOPLE = {"de": MARIA, "ar": OMAR}


def data(calls: list[Any]) -> list[str]:
    return [d for c in calls for d in c.callback_data()]


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_a_request_that_tells_the_question_is_the_draft(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    await h.onboard(person, lang)
    calls = await h.say(person, WITH_QUESTION[lang])
    assert SendDraft().pack() in data(calls)  # the preview, ready to send
    record = await users.get(h.db, person.id)
    assert record is not None and record.draft == WITH_QUESTION[lang]
    assert await h.deliver() == 0  # nothing leaves before Send


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_a_bare_request_is_asked_for_its_question(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    await h.onboard(person, lang)
    calls = await h.say(person, BARE[lang])
    assert [c.text for c in calls] == [h.et(lang, "ticket.write_question")]
