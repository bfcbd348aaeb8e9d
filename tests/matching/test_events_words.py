"""'What's on?' in seven languages opens the events list; the words live in knowledge/intents.yaml (`events`),
and a question about an office that mentions an event is still a question about the office."""

from __future__ import annotations

import pytest

from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import Intents
from bot.matching.intents import IntentMatcher

ASKING = [
    "what's on this month", "Any events in Mitte?", "Veranstaltungen", "Was ist diese Woche los?",
    "فعاليات", "شو في فعاليات هالشهر", "Які події цього місяця?", "Какие мероприятия на этой неделе?",
    "Bu ay hangi etkinlikler var?", "رویدادهای این ماه",
]
NOT_ASKING = [
    "Wo ist das Bürgeramt?", "my husband hits me", "Ich brauche einen Termin beim Jobcenter",
    "Was ist los mit meinem Antrag?", "what is happening with my application", "Що відбувається з моєю заявою?",
    "Ich war bei einer Veranstaltung im Jobcenter und jetzt soll ich einen Antrag stellen, aber welchen genau?",
]


@pytest.fixture(scope="module")
def intents(real_kb: KnowledgeBase) -> IntentMatcher:
    return IntentMatcher.build(real_kb.intents)


@pytest.mark.parametrize("text", ASKING)
def test_asking_what_is_on(intents: IntentMatcher, text: str) -> None:
    assert intents.asks_events(text)


@pytest.mark.parametrize("text", NOT_ASKING)
def test_other_messages_are_not_about_events(intents: IntentMatcher, text: str) -> None:
    assert not intents.asks_events(text)


def test_the_words_come_from_the_knowledge_file() -> None:
    assert not IntentMatcher.build(Intents()).asks_events("Veranstaltungen")
    assert IntentMatcher.build(Intents(events=("kiezfest",))).asks_events("Kiezfest?")
