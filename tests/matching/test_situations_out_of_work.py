"""Out of work and out of money with a residence permit → the Jobcenter of the user's district (knowledge/
intents.yaml `situations: out-of-work-jobcenter`); asylum seekers and pensioners are not this situation.
Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "mir wurde gekündigt und ich habe kein geld für die miete, wer hilft"),
        ("en", "got laid off last month and the money is gone, who helps with rent"),
        ("ru", "меня уволили, денег на аренду нет, что делать"),
        ("uk", "мене звільнили, грошей на життя нема, куди звернутись"),
        ("tr", "isten cikarildim, kira odeyemiyorum, devlet yardim eder mi"),
        ("ar", "فصلوني من الشغل وما معي مصاري للإيجار"),
        ("fa", "bikar shodam va pool baraye kerayeh nadaram"),
    ],
)
def test_out_of_work_and_money_is_the_jobcenter(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang, district="charlottenburg-wilmersdorf")
    assert decision.action == "answer" and decision.best is not None, (text, decision.action)
    assert decision.best.id == "jobcenter-charlottenburg-wilmersdorf"


@pytest.mark.parametrize(
    "text",
    [
        "ich bin asylbewerber und habe meinen minijob verloren, kein geld",
        "i am 68, lost my job, my pension is too small for the rent",
        "my student job ended and i have no money for rent",
    ],
)
def test_asylum_seekers_pensioners_and_students_are_not_this_situation(real_matcher: Matcher, text: str) -> None:
    assert real_matcher.situations.answer_for((text,)) is None
