"""Blind set 37's first look, told otherwise (knowledge/intents.yaml): someone standing on a roof saying they will
jump is an emergency in every language; a joke, a poem, a comic or a song about an office is play; a consultation
asked for in person ("вживую", "особисто", "hozoori") is a request for a person; a Dari "pechida" case and a husband
who keeps the papers while the permit depends on him are cases for a person. Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "jari wa2ef 3al sat7 el binaye w 3am ye2ol ra7 ynot, shu ba3mel"),
        ("ar", "ابن عمي واقف على السطح وبدو ينط"),
        ("en", "my roommate is standing on the roof of the shelter and says he will jump"),
        ("de", "mein Nachbar steht auf dem Dach und schreit, er will springen"),
        ("ru", "сосед стоит на крыше общежития, кричит что прыгнет"),
        ("uk", "брат на даху стоїть і каже що стрибне"),
        ("tr", "arkadasim catida duruyor atlayacak diyor"),
    ],
)
def test_someone_on_a_roof_about_to_jump_is_an_emergency(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent == "emergency"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Wasser kommt vom Dach in unsere Wohnung, wer repariert das?"),
        ("ru", "у нас течёт крыша в квартире, хозяин не отвечает"),
    ],
)
def test_a_leaking_roof_is_no_emergency(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent != "emergency"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "знаете анекдот про джобцентр? очень смешной"),
        ("tr", "jobcenterde beklerken bir siir yazdim, okuyayim mi"),
        ("uk", "син намалював комікс про Bürgeramt, подивіться"),
        ("fa", "ye ahang dar bara Ausländerbehörde shenidam, kheili khande kardam"),
        ("ar", "el LEA heya mogamma3 el ta7rir bta3 berlin hahaha"),
    ],
)
def test_office_jokes_poems_and_comics_are_play(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "handoff" and decision.intent == "offtopic"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "мне нужна консультация вживую, переписка не подходит"),
        ("uk", "чи може хтось з нами особисто зустрітися, мама не розуміє листів"),
        ("fa", "mikham hozoori ba ye moshaver sohbat konam"),
    ],
)
def test_a_consultation_in_person_is_a_request_for_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent == "person"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fa", "vaziat ma kheili pechida as, parvande ma rad shude, kar nadarim"),
        ("en", "my husband keeps my passport and all the papers, my visa depends on him and I have nowhere to go"),
    ],
)
def test_tangled_cases_told_in_dari_or_with_a_controlling_husband_go_to_a_person(
    real_matcher: Matcher, lang: str, text: str
) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "handoff" and decision.intent == "complex"
