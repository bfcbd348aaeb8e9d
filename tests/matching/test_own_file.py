"""A request to look into one's own file goes to a person (issue #10): `complex.own_file` in
knowledge/intents.yaml, a phrase of `ask` together with one of `mine`. Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher

OWN_FILE = [
    ("de", "Kannst du bitte nachschauen, ob mein Antrag auf Bürgergeld schon angekommen ist?"),
    ("de", "wo bleibt meine karte, vor zwei monaten beantragt"),
    ("en", "can you check whether my application for the Familienkasse was received"),
    ("en", "what happened to my case at the LEA, nobody answers"),
    ("ar", "ممكن تشوفلي طلبي بالجوب سنتر وين وصل"),
    ("ar", "law sama7t tshoufli el talab taba3i wasal wala la2"),
    ("fa", "میشه چک کنید درخواستم به کجا رسید"),
    ("fa", "mishe check konid parvandam be koja resid"),
    ("ru", "проверьте пожалуйста мое заявление, уже три месяца жду"),
    ("uk", "де моя картка, подавала ще в березні"),
    ("tr", "basvurum ne durumda bakabilir misin"),
]
SERVICE_QUESTIONS = [
    ("de", "Wie lange dauert mein Antrag auf Einbürgerung ungefähr?"),
    ("en", "where do I hand in my application for Kindergeld"),
    ("en", "how can I check my residence status online"),
    ("ru", "где мой ближайший Бюргерамт"),
    ("tr", "kartim kayboldu yenisini nereden alirim"),
    ("ar", "كيف اقدم طلبي للجنسية"),
]


@pytest.mark.parametrize(("lang", "text"), OWN_FILE)
def test_asking_to_check_ones_own_file_is_a_case_for_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert (decision.action, decision.intent) == ("handoff", "complex"), text


@pytest.mark.parametrize(("lang", "text"), SERVICE_QUESTIONS)
def test_a_question_about_applications_in_general_is_not(real_matcher: Matcher, lang: str, text: str) -> None:
    assert not real_matcher.intents.is_complex(text, 10), text
