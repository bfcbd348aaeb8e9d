"""What blind set 20's first look showed, in sentences written for this test: a tangle told in Arabizi, Finglish or
Turkish goes to a person; "I need a counsellor" asks for one; games, an idiom and a tripped fuse are off-topic even
when a debt word is in them; re-registering after moving out of a shelter is the Anmeldung."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "jozi tarakni w aufenthalt taba3i marbout fi w el jobcenter wa22af el masari, shu a3mel"),
        ("fa", "shoharam mano az khoone endakhte biroon, eghamatam be oon vabaste, jobcenter ham pool nemide"),
        ("tr", "borç, ev tahliyesi ve oturum sorunum var, ne yapmalıyım"),
        ("uk", "подала widerspruch до джобцентру і термін минув, що тепер"),
    ],
)
def test_tangles_in_latin_letters_and_turkish_go_to_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "handoff" and decision.intent == "complex", (lang, text, decision.intent)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("uk", "лист з джобцентру незрозумілий, потрібен консультант"), ("tr", "bir danışmanla randevu istiyorum")],
)
def test_needing_a_counsellor_is_a_person_request(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent == "person", text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "3andi debt kbeer b monopoly ma3 s7abi, keef arba7"),
        ("tr", "pubg surekli donuyor ne yapayim"),
        ("tr", "arkadaşım borç harç diyor bu deyim ne demek"),
        ("tr", "evde sigorta attı elektrik yok"),
    ],
)
def test_games_idioms_and_fuses_are_off_topic(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert (decision.action, decision.intent) == ("handoff", "offtopic"), (text, decision.best)


def test_re_registering_after_the_shelter_is_the_anmeldung(real_matcher: Matcher) -> None:
    decision = real_matcher.match("ми переїхали з хайму в квартиру, де треба перереєструватися", "uk")
    assert decision.best is not None and decision.best.id == "anmeldung-wohnung-berlin"
