"""Looking for a flat for months and asking for help → the WBS card (knowledge/intents.yaml `situations:
flat-search-wbs`); an eviction or moving out of a shelter is another need. Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "wir suchen seit monaten eine wohnung, nur absagen, gibt es hilfe"),
        ("en", "looking for a flat since march, no answers at all, is there any help for families"),
        ("ru", "ищем квартиру полгода, везде отказ, есть какая-то помощь?"),
        ("uk", "шукаємо квартиру пів року, є якась допомога?"),
        ("tr", "ev arıyoruz 8 aydır, yardım eden bir yer var mı"),
    ],
)
def test_a_long_flat_search_gets_the_wbs(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "answer" and decision.best is not None, (text, decision.action)
    assert decision.best.id == "wohnberechtigungsschein-wbs-berlin"


@pytest.mark.parametrize(
    "text",
    [
        "wir suchen eine wohnung, der vermieter will uns raus haben, hilfe",
        "we live in a shelter and are looking for a flat, any help?",
        "looking for a flat, the landlord keeps my deposit, help",
    ],
)
def test_an_eviction_a_shelter_or_a_deposit_is_another_need(real_matcher: Matcher, text: str) -> None:
    assert real_matcher.situations.answer_for((text,)) is None
