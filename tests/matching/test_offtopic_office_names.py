"""Office and paper names, also transliterated, keep a message out of the model's off-topic check
(knowledge/intents.yaml `offtopic_unless`): "my Fiktionsbescheinigung ran out" is no phone whose battery ran out.
Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    "text",
    [
        "фіктіонсбешайнігунг вже закінчилась, що робити",
        "фикционсбешайнигунг кончилась вчера",
        "LEA هنوز جواب نداده و فیکسیون من تموم شد",
        "schufa kaydim neden bu kadar kotu",
        "die lea antwortet nicht",
    ],
)
def test_office_and_paper_names_are_no_offtopic(real_matcher: Matcher, text: str) -> None:
    assert real_matcher.intents.names_payer_or_office(text)


@pytest.mark.parametrize(
    "text", ["mein akku ist leer", "телефон розрядився", "oyunda leyla diye biri var mi", "telefonumun şarjı bitti"]
)
def test_other_words_still_can_be_offtopic(real_matcher: Matcher, text: str) -> None:
    assert not real_matcher.intents.names_payer_or_office(text)
