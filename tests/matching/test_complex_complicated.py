"""A person who calls their case complicated is a case for a person (knowledge/intents.yaml `complex.complicated`),
in every language. Sentences written for this test; the negatives call a form or a course complicated."""

from __future__ import annotations

import pytest

from bot.matching import Matcher
from bot.matching.normalize import tokens


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "mein fall ist kompliziert, es geht um aufenthalt und kinder"),
        ("en", "my situation is complicated, visa and custody at once"),
        ("ru", "у меня сложная ситуация с документами и семьёй"),
        ("uk", "в мене складна ситуація, чоловік у Польщі, діти тут"),
        ("tr", "durumum çok karışık, eşim gitti ve oturumum ona bağlı"),
        ("ar", "وضعي معقد كتير، معي دولدونغ ومرتي حامل"),
        ("fa", "vaziatam kheili pichide ast, duldung daram va zanam dar iran ast"),
    ],
)
def test_a_case_called_complicated_goes_to_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.intents.is_complex(text, len(tokens(text))), (lang, text)
    assert real_matcher.match(text, lang).action == "handoff"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "der antrag für den kita gutschein ist kompliziert, wo bekomme ich hilfe beim ausfüllen"),
        ("en", "is the integration course complicated for beginners"),
    ],
)
def test_a_complicated_form_or_course_is_no_such_case(real_matcher: Matcher, lang: str, text: str) -> None:
    assert not real_matcher.intents.is_complex(text, len(tokens(text))), text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fa", "mishe nameh mano bekhoni? aks mifrestam"),
        ("ar", "بعتلك صور الورقة، شوفيها لو سمحت"),
    ],
)
def test_reading_my_letter_is_for_a_caseworker(real_matcher: Matcher, lang: str, text: str) -> None:
    """`complex.own_file`: read or look at my letter, a photo I send; only a person can."""
    assert real_matcher.intents.is_complex(text, len(tokens(text))), (lang, text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "лист з суду, треба подати заперечення до п'ятниці"),
        ("fa", "کیسم منفی شد، دو هفته وقت اعتراض دارم"),
        ("ar", "الجوب سنتر قطع عني الفلوس وإقامتي خلصت، ما أعرف من وين أبدي"),
        ("fa", "تمدید اقامت دادم، میشه ببینید پرونده‌م به کجا رسیده؟"),
    ],
)
def test_stakes_and_my_file_in_more_words(real_matcher: Matcher, lang: str, text: str) -> None:
    """Weak words (an eviction, a negative decision), the overwhelmed words and "my file" in Persian."""
    assert real_matcher.intents.is_complex(text, len(tokens(text))), (lang, text)
