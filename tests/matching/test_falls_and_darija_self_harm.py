"""What blind set 16's first look missed on the safety paths: someone who fell and does not respond, self-harm in
Maghrebi Darija, and asking for a caseworker or someone to look at one's documents in plain words. An office "that
does not answer" is no emergency. The messages are written for these tests."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("uk", "дідусь впав на кухні і не відповідає", "medical"),
        ("ru", "папа упал на улице и не реагирует", "medical"),
        ("de", "meine oma ist im bad gestürzt und reagiert nicht", "medical"),
        ("en", "my mum fell in the kitchen and is not responding", "medical"),
        ("tr", "annem merdivenden düştü cevap vermiyor", "medical"),
        ("ar", "nqtl rasi lyoum, ma bqitsh bghit n3ich", "suicide"),
        ("ar", "غادي نقتل راسي هاد الليلة", "suicide"),
    ],
)
def test_listed_as_emergencies(real_matcher: Matcher, lang: str, text: str, kind: str) -> None:
    found = real_matcher.listed_emergency(text, lang)
    assert found is not None and found[0] == kind, text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "LEA не відповідає вже три місяці, що робити"),
        ("ru", "джобцентр не отвечает на мои письма"),
        ("de", "das Jobcenter reagiert nicht auf meine Mails"),
    ],
)
def test_an_office_that_does_not_answer_is_no_emergency(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.listed_emergency(text, lang) is None, text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "talk to caseworker"),
        ("tr", "yetkili biriyle görüşmek istiyorum"),
        ("ar", "بدي موظف يشوف ورقي"),
        ("ru", "хочу чтобы кто-то посмотрел мои документы"),
        ("uk", "хочу щоб хтось подивився мої документи"),
    ],
)
def test_asking_for_a_caseworker_or_someone_to_look_at_ones_documents(
    real_matcher: Matcher, lang: str, text: str
) -> None:
    assert real_matcher.intents.wants_person(text), text
