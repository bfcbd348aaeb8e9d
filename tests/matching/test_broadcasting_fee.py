"""The broadcasting fee (Rundfunkbeitrag; blind set 34 asked about it four times): its letters, "no TV", a flatmate
who already pays and the exemption with benefits find the Beitragsservice's entry by its words in every script; the
card says that the exemption must be applied for and names no amount (none is sourced with a sure date). Sentences
written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher

FEE = "rundfunkbeitrag-befreiung"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Brief vom Beitragsservice, muss ich den Rundfunkbeitrag zahlen obwohl ich Bürgergeld bekomme?"),
        ("en", "do I have to pay the GEZ broadcasting fee if my flatmate already pays it?"),
        ("ru", "пришло письмо про Rundfunkbeitrag, я на социальном пособии, можно не платить?"),
        ("tr", "GEZ mektubu geldi, Bürgergeld aliyorum, odemek zorunda miyim"),
        ("uk", "прийшов лист від Beitragsservice, я живу в хаймі, треба платити?"),
    ],
)
def test_fee_questions_find_the_beitragsservice(real_matcher: Matcher, lang: str, text: str) -> None:
    ranked = real_matcher.rank(text, lang)
    assert ranked and ranked[0].entry.id == FEE, (text, [c.entry.id for c in ranked[:3]])


def test_the_card_says_the_exemption_needs_an_application_and_names_no_amount(real_matcher: Matcher) -> None:
    entry = real_matcher.kb.get(FEE)
    assert entry is not None
    for lang in ("de", "en", "ar", "fa", "ru", "tr", "uk"):
        texts = entry.texts(lang)
        assert "rundfunkbeitrag.de" in texts.summary, lang
        assert "18" not in texts.summary and "€" not in texts.summary, lang
    assert "nur auf Antrag" in entry.texts("de").summary
