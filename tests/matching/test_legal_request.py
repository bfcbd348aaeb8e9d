"""Asking for legal advice or a lawyer one cannot pay is a question for the legal advice services, even when the
court letter or the lawyer is told (`complex.legal_request`); three weak words or a deadline with deportation still
make a case for a person. The messages are written for these tests."""

from __future__ import annotations

import pytest

from bot.matching import Matcher
from bot.matching.normalize import tokens

LEGAL_ADVICE = [
    ("de", "mein vermieter behält die kaution und droht mit gericht, wo bekomme ich kostenlose rechtsberatung"),
    ("en", "my landlord kept my deposit and says he will see me in court, where can i get free legal advice"),
    ("ru", "сосед подал на меня в суд из-за шума, где получить бесплатную юридическую консультацию"),
    ("uk", "мені прийшов лист з суду через штраф, де знайти безкоштовного юриста"),
    ("tr", "ev sahibi depozitomu vermiyor mahkemeye gidecekmiş, avukata param yok ne yapabilirim"),
    ("fa", "صاحبخونه ودیعه رو پس نمیده و میگه میریم دادگاه، وکیل رایگان کجا پیدا کنم"),
    ("ar", "صاحب البيت ما رجعلي التأمين وبيقول رح نروح عالمحكمة، بدي استشارة قانونية ببلاش"),
]


@pytest.mark.parametrize(("lang", "text"), LEGAL_ADVICE)
def test_asking_for_legal_advice_is_no_tangled_case(real_matcher: Matcher, lang: str, text: str) -> None:
    assert not real_matcher.intents.is_complex(text, len(tokens(text))), text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # refused, a deadline in the letter, a court: three weak words are a tangle, lawyer or not
        ("de", "mein antrag wurde abgelehnt, im brief steht eine frist, brauche ich einen anwalt"),
        ("en", "they rejected my extension, the letter gives a deadline, do i need a lawyer"),
    ],
)
def test_three_weak_words_stay_a_case_for_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.intents.is_complex(text, len(tokens(text))), text


def test_without_a_legal_request_one_court_word_in_a_long_story_stays_complex(real_matcher: Matcher) -> None:
    text = "mein vermieter behält die kaution und droht mit gericht, ich weiß nicht was ich jetzt machen soll ehrlich"
    assert real_matcher.intents.is_complex(text, len(tokens(text)))
