"""A bare threat is an emergency, unless the message says it is about a contract, a notice or a job
(`weak` and `unless` of an emergency in knowledge/intents.yaml). Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher

THREATS = [
    "mein mann bedroht mich", "he keeps threatening me, I am scared", "جوزي بيهددني", "3am yhaddedni w ana 5ayfe",
    "شوهرم تهدیدم میکنه", "сосед угрожает мне", "колишній погрожує мені", "kocam beni tehdit ediyor",
    "mein mann bedroht mich mit dem messer wegen dem vertrag",  # a knife is an emergency whatever else is said
]
CONTRACT_THREATS = [
    "mein Vermieter bedroht mich mit Kündigung, darf er das?", "my boss threatens me with dismissal if I complain",
    "صاحب البيت عم يهددني يلغي العقد", "صاحبخونه تهدیدم میکنه قرارداد رو فسخ کنه", "хозяйка угрожает мне выселить нас",
    "роботодавець погрожує мені звільненням", "ev sahibi sozlesmeyi feshetmekle tehdit ediyor",
]


@pytest.mark.parametrize("text", THREATS)
def test_a_threat_is_an_emergency(real_matcher: Matcher, text: str) -> None:
    kind = real_matcher.intents.emergency_kind(text)
    assert kind is not None and kind[0] == "violence", text


@pytest.mark.parametrize("text", CONTRACT_THREATS)
def test_a_landlords_or_employers_threat_is_a_service_question(real_matcher: Matcher, text: str) -> None:
    assert real_matcher.intents.emergency_kind(text) is None, text
    assert real_matcher.match(text).intent != "emergency", text


@pytest.mark.parametrize(
    ("lang", "text", "case"),
    [
        ("en", "my husband hits me and my residence permit depends on him, what happens if i leave", True),
        ("tr", "kocam beni dövüyor, oturumum ona bağlı, ayrılırsam ne olur", True),
        ("ar", "jawzi bedrobni w el iqame ta3ti marbouta fi", True),
        ("en", "my husband hits me, he is in the kitchen now", False),
        ("de", "mein nachbar bedroht mich im treppenhaus", False),
    ],
)
def test_a_residence_at_stake_beside_the_danger_is_also_a_case(
    real_matcher: Matcher, lang: str, text: str, case: bool
) -> None:
    """The emergency card comes first either way; a caseworker is offered too only when a stake is told."""
    assert real_matcher.listed_emergency(text, lang) is not None, text
    assert real_matcher.also_a_case(text, lang) is case, text
