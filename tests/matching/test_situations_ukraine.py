"""People from Ukraine: just arrived → the Tegel arrival centre, a § 24 permit running out → the LEA's card on
temporary protection (knowledge/intents.yaml `situations`), not the asylum arrival centre or the general
extension. Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "wir sind vorgestern aus odessa angekommen, was müssen wir machen um hier zu bleiben"),
        ("en", "just arrived from kyiv by bus with my two kids, what papers do we need"),
        ("ru", "мы вчера приехали из днепра, какие документы оформить чтобы остаться"),
        ("uk", "ми з харкова, приїхали три дні тому, що робити з документами"),
        ("tr", "ukraynadan yeni geldik, burada kalmak için hangi belgeler lazım"),
    ],
)
def test_just_arrived_from_ukraine_means_tegel(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "answer" and decision.best is not None, (text, decision.action)
    assert decision.best.id == "ankunftszentrum-tegel-ukraine"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "мій дозвіл за §24 закінчується в травні, як продовжити"),
        ("ru", "у меня временная защита, карточка истекает через месяц, как продлить"),
        ("en", "i am from ukraine, my residence card runs out in june, how do i extend it"),
    ],
)
def test_protection_from_ukraine_running_out_means_its_own_card(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.best is not None and decision.best.id == "lea-aufenthaltserlaubnis-vorubergehender-schutz-ukraine"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "мы из харькова, живём тут уже 3 года назад приехали, как найти квартиру"),
        ("de", "ich bin seit 2022 aus der ukraine hier und suche einen deutschkurs"),
    ],
)
def test_long_ago_or_another_need_is_not_an_arrival(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.best is None or decision.best.id != "ankunftszentrum-tegel-ukraine"
