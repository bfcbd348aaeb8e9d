"""Blind sets 42 and 43, told otherwise (knowledge/intents.yaml, bot/matching/intents.py): a debt arrives by letter,
a court one too, and is the debt counselling's; a birth starting is an emergency; "sit down with me" asks for a person;
"ich krieg" is not the war; a bench, a dog school and an app's sign-up are no service; "in Ukrainian" names no need.
Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher
from bot.matching.normalize import tokens


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "a phone company sent me to collections, now there is a letter from the court, i owe 700 and cannot "
               "pay it all"),
        ("de", "seit monaten kommen briefe vom inkasso wegen einem alten vertrag, jetzt auch einer vom gericht, ich "
               "kann das nicht zahlen"),
    ],
)
def test_a_debt_told_with_its_court_letter_is_no_case(real_matcher: Matcher, lang: str, text: str) -> None:
    assert not real_matcher.intents.is_complex(text, len(tokens(text)))


def test_a_debt_with_a_residence_worry_stays_a_case(real_matcher: Matcher) -> None:
    text = ("inkasso schreibt mir jede woche, das gericht hat einen brief geschickt und meine aufenthaltserlaubnis "
            "läuft ab, ich weiss nicht weiter")
    assert real_matcher.intents.is_complex(text, len(tokens(text)))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "die Fruchtblase ist geplatzt und wir haben kein Auto"),
        ("en", "my wife is in labour and the waters broke, what do we do"),
        ("ru", "у жены отошли воды, что делать"),
        ("fa", "zanam dard e zayman dare, komak"),
    ],
)
def test_a_birth_starting_gets_the_rescue_service(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.intent == "emergency"
    assert decision.candidates[0].entry.id == "notruf-112-feuerwehr-rettungsdienst"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "джобцентр, квартира, документы, всё сразу, нужен человек который со мной сядет и поможет"),
        ("uk", "дуже багато паперів, мені треба щоб хтось сів зі мною і пояснив"),
        ("tr", "her şey karıştı, acil biriyle konuşmam lazım"),
    ],
)
def test_sitting_down_with_someone_asks_for_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent == "person"


def test_ich_krieg_is_not_the_war(real_matcher: Matcher) -> None:
    text = "ich krieg jeden tag briefe vom inkasso und kann nicht mehr schlafen"
    decision = real_matcher.match(text, "de")
    assert "zentrum-ueberleben" not in [c.entry.id for c in decision.candidates[:1]]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tr", "parkta oturacak bir bank var mı, biraz dinlenmek istiyorum"),
        ("de", "gibt es eine hundeschule in mitte, mein hund hört nicht"),
        ("uk", "як зареєструватись в інстаграмі"),
    ],
)
def test_a_bench_a_dog_school_and_an_app_are_no_service(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "handoff" and decision.intent == "offtopic"


def test_in_ukrainian_does_not_dilute_the_office_named(real_matcher: Matcher) -> None:
    decision = real_matcher.match("шульднербератунг українською", "uk")
    assert decision.action == "answer" and "debt" in decision.candidates[0].entry.topics


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tr", "ev sahibi kira artışı istiyor, mektubu anlamadım, ne yapmam lazım, kabul etmek zorunda mıyım acaba"),
        ("de", "mein vermieter hat mir einen brief geschickt, er will 120 euro mehr miete, muss ich das akzeptieren"),
    ],
)
def test_a_letter_from_the_landlord_is_the_tenancy_advices_need(real_matcher: Matcher, lang: str, text: str) -> None:
    assert not real_matcher.intents.is_complex(text, len(tokens(text)))
