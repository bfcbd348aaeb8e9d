"""A place to eat or sit near an office, asked about for itself (knowledge/intents.yaml `offtopic_nearby`): a word of
a café or a snack bar and one of being next to, opposite or near, anywhere in the message and in any order, is
off-topic like an office's name in play. Working at such a place, or a language café, stays a question. Sentences
written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "ist die bäckerei da direkt neben dem sozialamt eigentlich gut?"),
        ("de", "Gibt es gegenüber von der Ausländerbehörde irgendwo einen Imbiss mit Falafel?"),
        ("en", "any decent coffee shop close to the Bürgeramt Wilmersdorfer Straße? waiting for my sister"),
        ("en", "the pizza place opposite the jobcenter, do they deliver?"),
        ("ar", "shu esm el mat3am janb el Jobcenter Mitte? akelo kan tayyeb"),
        ("ar", "في قهوة قريب من الاوسلندربهورde؟ بدي استنى مرتي"),
        ("fa", "resturan-e irani nazdik-e Bürgeramt Mitte kojast?"),
        ("fa", "کنار جاب سنتر یه کافه هست که وای فای داره؟"),
        ("ru", "напротив социальамта есть шаурма, она ещё работает?"),
        ("uk", "поруч з Jobcenter є пекарня? хочу кави поки чекаю"),
        ("tr", "Bürgeramt'in yanindaki kebapci pazar gunu acik mi"),
    ],
)
def test_a_cafe_or_snack_bar_near_an_office_is_offtopic(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.intent == "offtopic" and decision.best is None, (text, decision.intent, decision.best)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "ich arbeite im Imbiss neben dem Bahnhof und verdiene wenig, zahlt das Jobcenter dazu?"),
        ("en", "I work at a cafe next to the station, can I still get Bürgergeld on top?"),
        ("tr", "Jobcenter'in yanindaki kafede calisiyorum, ek odeme alabilir miyim"),
        ("ru", "работаю в кафе возле вокзала, можно ли получать доплату от джобцентра"),
        ("de", "gibt es ein Sprachcafé in der Nähe vom Rathaus Charlottenburg zum Deutsch üben?"),
    ],
)
def test_working_there_or_a_language_cafe_is_no_play(real_matcher: Matcher, lang: str, text: str) -> None:
    assert not real_matcher.intents.plays_with_office(text), text


def test_a_cafe_alone_or_a_place_alone_is_not_enough(real_matcher: Matcher) -> None:
    intents = real_matcher.intents
    assert not intents.plays_with_office("wo ist das Bürgeramt in der Nähe vom Alexanderplatz?")
    assert not intents.plays_with_office("ich habe ein Café und brauche eine Gewerbeanmeldung")
