"""A child taken into care by the youth office or a residence title to be revoked is a case for a person, in
every language (knowledge/intents.yaml `complex.strong`). Sentences written for this test; the negatives name a
revoked contract and a letter from the youth office."""

from __future__ import annotations

import numpy as np
import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "das jugendamt hat meine tochter gestern mitgenommen, was kann ich tun"),
        ("en", "the youth office took my son, we want to fight it"),
        ("ru", "опека забрала сына, что делать"),
        ("tr", "jugendamt kizimi aldi geri almak istiyorum"),
        ("de", "die ausländerbehörde will meinen aufenthaltstitel widerrufen"),
        ("en", "they want to revoke my residence permit, answer by monday"),
        ("uk", "хочуть анулювати мою посвідку, що робити"),
        ("tr", "oturma iznimi iptal etmek istiyorlar"),
        ("ar", "بدهم سحب الاقامة تبعي"),
    ],
)
def test_custody_and_revocation_go_to_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert (decision.action, decision.intent) == ("handoff", "complex"), (lang, text, decision.intent)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "wie kann ich meinen handyvertrag widerrufen"),
        ("tr", "jugendamttan mektup aldım ne yazıyor"),
    ],
)
def test_a_contract_or_a_letter_is_no_such_case(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent != "complex", (lang, text)



def test_deportation_detention_is_a_legal_case_not_a_crisis(real_matcher: Matcher) -> None:
    """Near the crisis services' examples by its distress (the sentence model flagged it), but a case for a
    caseworker and legal help: `ModelChecks.emergency` leaves legal stakes to the hand-off. The model's evidence
    here is made up to point at an emergency service as strongly as it can."""
    checks = real_matcher.checks
    table = np.where(checks.rows, 0.95, 0.80).astype(np.float32)
    probabilities = (checks.rows / checks.rows.sum()).astype(np.float32)
    detention = "mein bruder ist seit gestern in abschiebehaft, wir wissen nicht was wir machen sollen"
    assert checks.emergency(detention, table, probabilities) is None
    assert real_matcher.match(detention, "de").intent == "complex"
    # the same evidence for a message without legal stakes is an emergency
    assert checks.emergency("mein bruder sitzt seit gestern im dunkeln und redet nicht", table, probabilities)
