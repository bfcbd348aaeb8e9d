"""A debt arrives as a letter: one weak word ("letter", "mektup", "письмо") in a long message about a debt alone is the
debt told, not a tangled case (tuning.WEAK_WORD_DOMAINS); with another domain's problem or a second weak word it still
goes to a person. The messages are written for these tests."""

from __future__ import annotations

import pytest

from bot.matching import Matcher
from bot.matching.normalize import tokens


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "i got a letter from a debt collector saying i owe 530 euro for an old phone contract, must i pay"),
        ("de", "ich hab einen brief vom inkasso bekommen wegen einer alten rechnung vom handy, jetzt sind es 700 euro"),
        ("tr", "inkasso firmasindan mektup geldi eski internet sozlesmesi icin 400 euro istiyorlar odemeli miyim"),
        ("ru", "пришло письмо от коллекторов за старый договор на телефон, теперь 650 евро, мне надо платить или нет"),
    ],
)
def test_a_debt_told_with_its_letter_is_a_debt_question(real_matcher: Matcher, lang: str, text: str) -> None:
    assert not real_matcher.intents.is_complex(text, len(tokens(text))), text


def test_a_debt_with_a_second_problem_still_goes_to_a_person(real_matcher: Matcher) -> None:
    text = ("ich hab einen brief vom inkasso bekommen wegen 700 euro und meine duldung läuft nächste woche aus, "
            "ich weiß nicht was ich machen soll")
    assert real_matcher.intents.is_complex(text, len(tokens(text)))
