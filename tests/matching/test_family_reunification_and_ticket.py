"""Blind set 31's themes: family members abroad to bring here go to the family reunification advice (the Refugee Law
Clinic, the AWO's Know Your Rights), not someone who came through it; a rejected reunification with a deadline still
goes to a person; the cheap monthly ticket on benefits is the Berlin-Ticket S, not the education package; a deadline's
"last day" is no goodbye. Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher

ADVICE = ("refugee-law-clinic-berlin", "know-your-rights-awo-mitte")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "meine Frau und die Kinder sind noch in der Türkei, wie kann ich sie herholen?"),
        ("en", "how can I bring my wife and kids here, they are still in Syria"),
        ("tr", "esim ve cocuklarim Irakta, onlari yanima getirmek istiyorum ne yapmaliyim"),
        ("ru", "жена с детьми в Ташкенте, хочу их забрать к себе, с чего начать"),
        ("en", "they want a DNA test before my son can come here, who pays"),
    ],
)
def test_family_abroad_goes_to_the_reunification_advice(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "answer" and decision.best is not None, (text, decision.action)
    assert decision.best.id in ADVICE, (text, decision.best.id)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "ich bin über den Familiennachzug gekommen und suche jetzt einen Deutschkurs für meine Frau"),
        ("en", "my wife came through family reunification last year, where can she learn German"),
    ],
)
def test_who_came_through_reunification_is_not_asking_for_it(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.situations.answer_for((text,)) != ADVICE


def test_a_rejected_reunification_with_a_deadline_goes_to_a_person(real_matcher: Matcher) -> None:
    decision = real_matcher.match("aile birleşimi reddedildi, itiraz için süre bitiyor, ne yapacağım", "tr")
    assert decision.action == "handoff" and decision.intent == "complex"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Gibt es ein günstigeres Monatsticket mit Bürgergeld? Die Monatskarte ist zu teuer"),
        ("en", "is there a cheaper BVG monthly ticket for people on low income"),
        ("ru", "проездной слишком дорогой, есть социальный билет?"),
    ],
)
def test_the_cheap_ticket_on_benefits_is_the_berlin_ticket_s(real_matcher: Matcher, lang: str, text: str) -> None:
    ranked = real_matcher.rank(text, lang)
    assert ranked and ranked[0].entry.id == "berlin-ticket-s", (text, [c.entry.id for c in ranked[:3]])


def test_a_deadlines_last_day_is_no_goodbye(real_matcher: Matcher) -> None:
    text = "мені потрібна жива людина, завтра останній день подати документи в Jobcenter"
    decision = real_matcher.match(text, "uk")
    assert decision.intent != "emergency" and decision.action == "handoff", decision.intent
    goodbye = real_matcher.match("я все вирішила, сьогодні останній день, дякую вам за все", "uk")
    assert goodbye.intent == "emergency"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "my brother is stuck in Greece without papers, is there a legal way to bring him here"),
        ("fa", "زنم در پاکستان منتظر نوبت است که بیاید اینجا، چه کنم"),
    ],
)
def test_a_relative_stuck_abroad_goes_to_the_reunification_advice(
    real_matcher: Matcher, lang: str, text: str
) -> None:
    assert real_matcher.situations.answer_for((text,)) == ADVICE


def test_a_workers_family_is_a_residence_question(real_matcher: Matcher) -> None:
    text = "esim ve kizim hala Izmirde, ben burda calisma vizesiyle varim, onlari yanima getirmek istiyorum"
    assert real_matcher.situations.answer_for((text,)) != ADVICE


def test_a_visa_running_out_in_days_with_a_parent_to_care_for_goes_to_a_person(real_matcher: Matcher) -> None:
    text = "my father 80 with dementia is here and his visa ends in 12 days, nobody back home can care for him"
    decision = real_matcher.match(text, "en")
    assert decision.action == "handoff" and decision.intent == "complex", decision.intent
