"""Looking for work and asking how or who helps → the Agentur für Arbeit's job counselling for refugees
(knowledge/intents.yaml `situations: job-search`), not the recognition of a diploma, a general counselling service
or the Jugendberufsagentur. Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "ich war koch in syrien und suche arbeit, mein deutsch ist noch schwach, wer hilft mir"),
        ("en", "i was a bus driver for 12 years, how do i find a job here with little german"),
        ("ru", "ищу работу, я плиточник, немецкий слабый, кто поможет"),
        ("uk", "шукаю роботу, я швачка, де шукати вакансії"),
        ("tr", "is ariyorum, berberim ama almancam zayif, nereden baslamaliyim"),
        ("ar", "زوجي كان نجار ويدور شغل هون، وين لازم يروح"),
        ("fa", "man ashpaz hastam, chetor inja kar peyda konam"),
    ],
)
def test_a_job_search_goes_to_the_job_counselling(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "answer" and decision.best is not None, (text, decision.action)
    assert decision.best.id == "bundesagentur-fuer-arbeit-beratung-gefluechtete"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "ich suche arbeit als ärztin, wie lasse ich mein diplom anerkennen"),
        ("en", "i lost my job two months ago and have no money, how do i find a job and who pays my rent"),
        ("ru", "ищу работу, но моя виза заканчивается, как остаться"),
    ],
)
def test_recognition_unemployment_or_a_visa_is_another_need(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.situations.answer_for((text,)) != ("bundesagentur-fuer-arbeit-beratung-gefluechtete",)
