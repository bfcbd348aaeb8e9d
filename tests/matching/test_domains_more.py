"""More problem forms in `complex.domains` and `complex.overwhelmed` (knowledge/intents.yaml).

Benefits blocked or not transferred, a protection status or § 24 running out, a serious diagnosis, and "I don't
know where to turn", as newcomers type them in all seven languages; neutral mentions name no problem.
"""

from __future__ import annotations

import pytest

from bot.matching import Matcher
from bot.matching.intents import IntentMatcher
from bot.matching.normalize import normalise


@pytest.fixture(scope="module")
def intents(real_matcher: Matcher) -> IntentMatcher:
    return real_matcher.intents


FOUND = [
    # benefits
    ("benefits", "Das Jobcenter hat mein Geld gesperrt"),
    ("benefits", "jobcenter überweist das geld nicht"),
    ("benefits", "the jobcenter blocked my money"),
    ("benefits", "money hasn't come for 2 months"),
    ("benefits", "I lost my documents and they stopped paying"),
    ("benefits", "джобцентр заблокировал деньги"),
    ("benefits", "Jobcenter не переводит деньги"),
    ("benefits", "деньги не приходят уже 2 месяца"),
    ("benefits", "джобцентр заблокував гроші"),
    ("benefits", "гроші не приходять вже 2 місяці"),
    ("benefits", "jobcenter para yatirmiyor"),
    ("benefits", "Jobcenter para yatırmıyor"),
    ("benefits", "2 aydır para gelmiyor"),
    ("benefits", "الجوب سنتر ما حول المصاري"),
    ("benefits", "jobcenter ma 7awwal el masari"),
    ("benefits", "el jobcenter wa2af el mesari"),
    ("benefits", "پول جاب سنتر نیومده"),
    ("benefits", "جاب سنتر پولمو بلاک کرده"),
    ("benefits", "jobcenter pulamo blok karde"),
    # residence
    ("residence", "mein Schutzstatus läuft ab"),
    ("residence", "mein §24 läuft aus"),
    ("residence", "my protection status is running out"),
    ("residence", "кончается 24 параграф"),
    ("residence", "мой параграф заканчивается"),
    ("residence", "мій параграф закінчується"),
    ("residence", "oturma iznim bitti"),
    ("residence", "ikametim bitiyor"),
    ("residence", "el i2ame 5alsa"),
    ("residence", "عندي حماية والاقامة رح تخلص"),
    ("residence", "eghamatam tamoom mishe"),
    # health
    ("health", "Sie haben einen Tumor gefunden"),
    ("health", "they found a tumour"),
    ("health", "нашли опухоль"),
    ("health", "у мамы рак"),
    ("health", "знайшли пухлину"),
    ("health", "annemde tümör bulundu"),
    ("health", "kanser oldum"),
    ("health", "sarataan"),
    ("health", "عنده ورم خبيث"),
    ("health", "غده پیدا کردن"),
    # unpaid work without a contract, a permit extension pending, the Kita place cancelled
    ("work", "my brother works without contract and hasnt been paid since may"),
    ("residence", "my permit extension is pending since march"),
    ("family", "our kita place got cancelled last week"),
]

OVERWHELMED = [
    "weiß nicht an wen ich mich wenden soll",
    "I don't know where to turn",
    "не знаю куда бежать",
    "не знаю куди бігти",
    "bilmiyorum nereye gideceğimi",
    "nereye gideceğimi bilmiyorum",
    "ma ba3ref la wen rou7",
    "ما بعرف لوين روح",
    "nemidoonam koja beram",
    "نمیدونم کجا برم",
]

NEUTRAL = [
    "was ist § 24",
    "what is a Fiktionsbescheinigung",
    "does the Jobcenter pay for a laptop",
    "что такое параграф 24",
    "jobcenter deutschkurs parasını öder mi",
    "لازم ابعت فورم بالايميل",  # "فورم" (a form) is no tumour ("ورم")
]


@pytest.mark.parametrize(("domain", "text"), FOUND)
def test_new_problem_forms_are_found(intents: IntentMatcher, domain: str, text: str) -> None:
    assert domain in intents.life_domains(text)


@pytest.mark.parametrize("text", OVERWHELMED)
def test_do_not_know_where_to_turn_is_overwhelmed(intents: IntentMatcher, text: str) -> None:
    assert intents.overwhelmed.search(f" {normalise(text)} ") is not None


@pytest.mark.parametrize("text", NEUTRAL)
def test_neutral_mentions_name_no_problem(intents: IntentMatcher, text: str) -> None:
    assert intents.life_domains(text) == ()


def test_two_problems_and_nowhere_to_turn_is_complex(intents: IntentMatcher) -> None:
    text = "джобцентр заблокировал деньги, мой параграф заканчивается, не знаю куда бежать"
    assert intents.is_complex(text, 9)


def test_unpaid_work_a_pending_permit_and_a_jobcenter_claim_are_complex(real_matcher: Matcher) -> None:
    """Three problems told in English by a helper: a case for a person, not the Kita office its last words name."""
    text = ("writing for my neighbour: he hasnt been paid for two months, the jobcenter wants 2000 euro back and "
            "his permit extension is pending, and now their kita place got cancelled")
    assert real_matcher.match(text, "en").intent == "complex"
