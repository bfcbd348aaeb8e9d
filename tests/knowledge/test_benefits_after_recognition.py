"""Who pays after the recognition (gangway.de, "Übergang der Zuständigkeit vom LAF auf Jobcenter und Sozialämter"):
the social welfare office's card tells recognised refugees in every language that the Jobcenter pays from the next
month, and the Jobcenter's card says what to bring. Newcomers told "we stop paying, apply elsewhere" by the
Sozialamt often land on its card (blind sets 17 and 18), so the card itself must point on."""

from __future__ import annotations

import pytest

from bot.knowledge.model import KnowledgeBase

LANGS = ("de", "en", "ar", "fa", "ru", "uk", "tr")


@pytest.mark.parametrize("entry_id", ["amt-fuer-soziales-mitte", "amt-fuer-soziales-charlottenburg-wilmersdorf"])
def test_the_social_welfare_card_points_recognised_refugees_to_the_jobcenter(real_kb: KnowledgeBase,
                                                                             entry_id: str) -> None:
    entry = next(e for e in real_kb.active if e.id == entry_id)
    assert any("gangway.de" in str(source.url) for source in entry.sources)
    for lang in LANGS:
        assert "Jobcenter" in entry.translations[lang].summary, lang


@pytest.mark.parametrize("entry_id", ["jobcenter-mitte", "jobcenter-charlottenburg-wilmersdorf"])
def test_the_jobcenter_card_says_what_to_bring_after_the_recognition(real_kb: KnowledgeBase, entry_id: str) -> None:
    entry = next(e for e in real_kb.active if e.id == entry_id)
    for lang in LANGS:
        eligibility = entry.translations[lang].eligibility or ""
        assert "BAMF" in eligibility and "LAF" in eligibility, lang
