"""An off-topic request (a gym sign-up, a hobby course) is told what the bot is for, with a person one tap away,
instead of "I could not find a good answer" or a service card. In two languages, one right-to-left."""

from __future__ import annotations

from typing import Any

import pytest
from harness import MARIA, OMAR, Harness

from bot.conversation.protocol import AskPerson

GYM = {
    "de": "wie funktioniert die anmeldung im fitnessstudio, muss ich wirklich einen vertrag für zwei jahre machen",
    "ar": "كيف بعمل تسجيل بالجيم اللي جنب البيت، بدهم عقد سنة؟",
}
PEOPLE = {"de": MARIA, "ar": OMAR}


def texts(calls: list[Any]) -> list[str]:
    return [c.text or "" for c in calls]


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_an_offtopic_request_hears_what_the_bot_is_for(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    await h.onboard(person, lang)
    calls = await h.say(person, GYM[lang])
    said = texts(calls)
    assert h.et(lang, "question.offtopic") in said, said
    assert h.et(lang, "question.offer_person") not in said  # not "I could not find a good answer"
    assert AskPerson().pack() in [d for c in calls for d in c.callback_data()]  # a person stays one tap away
    anmeldung = h.services.kb.get("anmeldung-wohnung-berlin")
    assert anmeldung is not None and not any(anmeldung.texts(lang).title in t for t in said)
