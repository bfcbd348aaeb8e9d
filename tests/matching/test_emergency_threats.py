"""A bare threat is an emergency, unless the message says it is about a contract, a notice or a job
(`weak` and `unless` of an emergency in knowledge/intents.yaml); threats to break bones or to kill, also from
someone the person owes money, and pills taken by someone who "cannot go on" are emergencies named by listed words.
Sentences written for this test."""

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
    ("lang", "text", "first"),
    [
        ("en", "the man i borrowed from says he'll break my legs tonight", "notruf-110-polizei"),
        ("de", "der vermieter sagt er wird mir die beine brechen", "notruf-110-polizei"),
        ("ru", "коллектор сказал что ноги сломаю если не отдам", "notruf-110-polizei"),
        ("ar", "jari 3am yhaddidouni bel 2atel kel yom", "notruf-110-polizei"),
        ("fa", "shoharam mige age talagh begiram mikoshatam", "notruf-110-polizei"),
        ("ru", "я выпил таблетки, не могу больше так жить", "berliner-krisendienst"),
        ("uk", "випила пігулки, більше не можу з цим усім", "berliner-krisendienst"),
        # a child gone missing, told with calls made: the police, not a fraud report
        ("de", "mein sohn ist verschwunden seit heute mittag, ich habe schon alle angerufen", "notruf-110-polizei"),
        ("ru", "дочь пропала со вчера, я звонила всем", "notruf-110-polizei"),
        ("tr", "oglum kayboldu dunden beri, herkesi aradik", "notruf-110-polizei"),
    ],
)
def test_a_threat_to_hurt_or_pills_taken_in_despair(real_matcher: Matcher, lang: str, text: str, first: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.intent == "emergency" and decision.best is not None, (text, decision.intent)
    assert decision.best.id == first, (text, decision.best.id)


def test_a_missing_child_gets_the_police_alone(real_matcher: Matcher) -> None:
    decision = real_matcher.match("unsere tochter ist verschwunden, seit drei stunden nicht nach hause gekommen", "de")
    assert decision.intent == "emergency"
    assert [c.entry.id for c in decision.candidates] == ["notruf-110-polizei"]


def test_pills_without_despair_are_no_emergency(real_matcher: Matcher) -> None:
    assert real_matcher.match("я выпила таблетки от головы, где найти врача", "ru").intent != "emergency"
