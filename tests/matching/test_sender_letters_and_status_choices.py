"""Blind sets 40 and 41, told otherwise (knowledge/intents.yaml): a letter from the Jobcenter, the school or the bank is
how that office's need arrives, a letter from the Ausländerbehörde or one with a deadline is still a case for a
person; a hearing at the immigration office, a permit to be revoked and a choice between asylum and another status go
to a person; "sit with us" and "look at it with me" ask for one; a phone to repair is no service. Sentences written
for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher
from bot.matching.normalize import tokens


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "ich habe einen brief vom jobcenter bekommen, die wollen dass ich alle kontoauszüge der letzten drei "
               "monate schicke, sonst bekomme ich kein geld mehr"),
        ("uk", "прийшов лист від джобцентру, що я маю повернути гроші за два місяці, бо я не вказала свою зарплату"),
        ("tr", "okuldan bir mektup geldi, veli toplantısı ve bir imza istiyorlar ama almancam yetmiyor anlamadım"),
        ("fa", "بانک یه نامه فرستاده که حسابمو میبندن و حقوقم هفته دیگه باید بیاد اونجا، چیکار کنم"),
    ],
)
def test_a_letter_from_an_office_is_that_offices_need(real_matcher: Matcher, lang: str, text: str) -> None:
    assert not real_matcher.intents.is_complex(text, len(tokens(text)))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "ich habe einen brief von der ausländerbehörde bekommen und verstehe nicht was sie von mir wollen, ich "
               "habe große angst um meinen aufenthalt"),
        ("de", "ein brief vom jobcenter mit einer frist bis freitag, sonst wird alles gestrichen und ich verstehe gar "
               "nichts davon"),
    ],
)
def test_a_letter_from_the_immigration_office_or_with_a_deadline_stays_a_case(real_matcher: Matcher, lang: str,
                                                                               text: str) -> None:
    assert real_matcher.intents.is_complex(text, len(tokens(text)))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Ausländerbehörde прислала Anhörung, хотят забрать мой вид на жительство"),
        ("de", "die Ausländerbehörde will meine Niederlassungserlaubnis widerrufen, was jetzt"),
        ("en", "should I stay on my student visa or apply for asylum or what, which is safer for me"),
        ("tr", "iltica mi edeyim yoksa calisma vizesi mi alayim"),
        ("uk", "чи можу я подати на азюль замість §24"),
    ],
)
def test_hearings_revocations_and_status_choices_go_to_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "handoff" and decision.intent == "complex"


def test_the_asylum_hearing_at_the_bamf_is_no_case(real_matcher: Matcher) -> None:
    decision = real_matcher.match("BAMF Anhörung nächste Woche, was passiert da", "de")
    assert decision.intent != "complex"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fa", "sozialamt wa jobcenter har do pool mekhan, lotfan yak kas ba ma beshina"),
        ("tr", "cok karisik, birisi benim durumuma özel baksın lütfen"),
        ("de", "ich brauche jemanden, der mir das individuell erklärt"),
        ("uk", "хтось може подивитися разом зі мною ці папери?"),
    ],
)
def test_asking_someone_to_sit_with_us_asks_for_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent == "person"


def test_a_separation_with_a_family_permit_goes_to_a_person(real_matcher: Matcher) -> None:
    decision = real_matcher.match("we are separating and I only have a family permit, do I lose my residence?", "en")
    assert decision.intent == "complex"


@pytest.mark.parametrize(
    ("lang", "text"),
    [("de", "mein handy ist kaputt, wo kann ich es günstig reparieren lassen"), ("en", "where can I repair my phone")],
)
def test_a_phone_to_repair_is_no_service(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "handoff" and decision.intent == "offtopic"
