""""What exactly do I do in my case" is a case for a person (`complex.my_case`: an `exactly` word with a `case`
one). The messages are written for these tests."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "aufenthalt läuft ab und arbeitgeber will kündigen, was muss ich in meinem fall genau tun"),
        ("en", "visa ends soon and my landlord wants me out, what exactly should i do in my case"),
        ("ru", "что мне конкретно делать в моей ситуации, вид на жительство кончился а работа есть"),
        ("uk", "статус закінчується, в моєму випадку шо мені конкретно робити спочатку"),
        ("tr", "benim durumumda tam olarak ne yapmalıyım, oturumum bitiyor"),
        ("ar", "الإقامة خلصت والشغل وقف، شو لازم اعمل بالضبط بحالتي"),
        ("fa", "اقامتم تموم شده، تو شرایط من دقیقا چیکار کنم"),
    ],
)
def test_what_to_do_in_my_case_goes_to_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "handoff" and decision.intent == "complex", text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "was muss ich für die anmeldung mitbringen"),  # what to do, but no case of one's own
        ("en", "in my case the jobcenter is in mitte, where is it"),  # one's case, but no "what exactly"
        ("ru", "что делать если потерял паспорт"),
        ("tr", "durumumda ne yapmam gerekiyor"),  # what to do in my situation, without "exactly"
    ],
)
def test_either_half_alone_is_an_ordinary_question(real_matcher: Matcher, lang: str, text: str) -> None:
    assert not real_matcher.intents.is_complex(text, 8), text
