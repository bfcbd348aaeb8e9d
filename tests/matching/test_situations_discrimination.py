"""An insult for one's origin, religion or language, and the question where to complain → the anti-discrimination
counselling (knowledge/intents.yaml `situations: discrimination-told`). Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "der vermieter hat gesagt geh zurück in dein land, darf man das?"),
        ("en", "my colleague keeps making racist jokes about me, where can i complain"),
        ("ru", "соседка кричит мне езжай домой, куда пожаловаться"),
        ("uk", "в поліклініці сказали їдьте додому, куди скаржитись"),
        ("tr", "otobüste bir adam bana ülkene dön dedi, nereye şikayet edebilirim"),
        ("ar", "جارتي كل يوم بتقلي ارجعي لبلدك، لوين بشتكي"),
        ("fa", "too madrese be pesaram goftan boro keshvare khodet, koja shekayat konam"),
    ],
)
def test_told_discrimination_goes_to_the_counselling(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "answer" and decision.best is not None, (text, decision.action)
    assert decision.best.id == "adnb-des-tbb"


@pytest.mark.parametrize(
    "text",
    ["wo kann ich ein schönes kopftuch kaufen", "where do i report my new address", "is this normal jobcenter letter"],
)
def test_without_an_insult_it_is_no_discrimination(real_matcher: Matcher, text: str) -> None:
    assert real_matcher.situations.answer_for((text,)) is None
