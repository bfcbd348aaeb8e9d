"""Someone breaking the door in (Ukrainian written with the Russian vowel, English) and a child's lips going blue
are emergencies named by listed words (knowledge/intents.yaml `emergency`). Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text", "first"),
    [
        ("uk", "чоловік ломає двері, ми сховались у ванній", "notruf-110-polizei"),
        ("en", "he is breaking down the door and we are hiding", "notruf-110-polizei"),
        ("en", "my daughter is shaking and her lips going blue", "notruf-112-feuerwehr-rettungsdienst"),
    ],
)
def test_listed_emergency(real_matcher: Matcher, lang: str, text: str, first: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.intent == "emergency" and decision.best is not None, (text, decision.intent)
    assert decision.best.id == first


def test_a_partner_in_prison_counts_as_a_family_problem(real_matcher: Matcher) -> None:
    text = "esim cezaevinde benim oturumum ona bagli jobcenter parayi kesti 3 cocugum var"
    assert "family" in real_matcher.intents.life_domains(text)
    assert real_matcher.match(text, "tr").intent == "complex"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "my roommate cut his arms theres a lot of blood he wont let me call anyone"),
        ("fa", "bacham chiz-i qurt kard nafas kashida namitana, ruyash kabud shuda"),
        ("ru", "брат порезался, много крови, что делать"),
    ],
)
def test_blood_and_a_child_who_swallowed_something_are_emergencies(
    real_matcher: Matcher, lang: str, text: str
) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.intent == "emergency" and decision.best is not None, text
    assert decision.best.id == "notruf-112-feuerwehr-rettungsdienst"


def test_a_blood_donation_is_no_bleeding(real_matcher: Matcher) -> None:
    assert real_matcher.match("wo kann ich blut spenden, ich habe viel blut sagt mein arzt", "de").intent != "emergency"
