"""Health insurance questions (blind set 32's theme): which Krankenkasse to choose, a Krankenkasse refusing to pay,
patients' rights go to the Unabhängige Patientenberatung, found by their words in every script. Its emergencies are
in test_emergency_knife_pills.py, its tangles in test_complex_domains.py. Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher

UPD = "upd-unabhaengige-patientenberatung"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "which health insurance should I choose as a student, public or private?"),
        ("ru", "какую страховую кассу выбрать, AOK или TK?"),
        ("tr", "Krankenkasse ameliyatımı ödemiyor, kim danışmanlık verir?"),
        ("ar", "مين بيشرحلي حقوقي كمريض؟ الدكتور رفض يعطيني ملفي"),
    ],
)
def test_insurance_choices_and_patients_rights_find_the_patient_advice(
    real_matcher: Matcher, lang: str, text: str
) -> None:
    ranked = real_matcher.rank(text, lang)
    assert ranked and ranked[0].entry.id == UPD, (text, [c.entry.id for c in ranked[:3]])


def test_the_appointment_service_also_counts_as_mental_health_help(real_matcher: Matcher) -> None:
    """It books the first talk with a psychotherapist (KV Berlin): a choice between it and the crisis services is
    no choice between rival topics."""
    entry = real_matcher.kb.get("arzt-finden-terminservice-116117")
    assert entry is not None and {"health", "mental-health"} <= set(entry.topics)
    assert "Psychotherapeut" in entry.texts("de").summary
