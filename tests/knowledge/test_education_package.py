"""The education package (Bildung und Teilhabe, berlinpass-BuT): tutoring, school lunch, class trips and a sports
club paid for children of families on benefits. Its card names in every language the free BuT-Beratung's number
and the LAF for families on AsylbLG, and each of those facts stands in a source note; a child failing at school
whose parents cannot pay for tutoring finds it. Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.knowledge.model import KnowledgeBase
from bot.matching import Matcher

ENTRY = "bildung-und-teilhabe-berlin"
LANGS = ("de", "en", "ar", "fa", "ru", "uk", "tr")


def test_every_language_names_the_counselling_number_and_the_laf(real_kb: KnowledgeBase) -> None:
    entry = next(e for e in real_kb.active if e.id == ENTRY)
    notes = " ".join(source.note or "" for source in entry.sources)
    assert "577130040" in notes and "Darwinstr. 14-18" in notes  # each fact has its source
    for lang in LANGS:
        summary = entry.translations[lang].summary
        assert "577130040" in summary and "LAF" in summary, lang


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "wir bekommen bürgergeld, wer bezahlt nachhilfe für meinen sohn in mathe"),
        ("en", "is there free tutoring for my daughter, we are on bürgergeld and she fails german"),
        ("ru", "кто оплатит классную поездку сына, мы получаем пособие"),
        ("tr", "oğlumun okul gezisi parasını kim öder, jobcenterdan para alıyoruz"),
    ],
)
def test_tutoring_and_class_trips_find_the_package(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert ENTRY in [c.entry.id for c in decision.candidates], (text, decision.action, decision.best)
