"""An emergency told without a listed word is recognised by the sentence model (Matcher.semantic_emergency):
a stand-in index gives each service's best example similarity, so the thresholds are tested exactly."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from bot.knowledge.model import KnowledgeBase
from bot.matching import Matcher
from bot.matching.tuning import SEMANTIC_EMERGENCY, SEMANTIC_EMERGENCY_CLASSIFIER, SEMANTIC_EMERGENCY_LEAD

STORY = "steh gerade ganz oben und schau runter, es ist vorbei"  # no word of the emergency lists


@dataclass
class Similarities:
    """What Matcher needs of a SemanticIndex here: the entry order and per-entry similarities."""

    entry_ids: tuple[str, ...]
    best: dict[str, float]
    rest: float = 0.80
    emergency_share: float | None = None  # the classifier's probability of all emergency services; None: no classifier

    def scores(self, vector: NDArray[np.float32]) -> NDArray[np.float32]:
        column = np.array([self.best.get(i, self.rest) for i in self.entry_ids], dtype=np.float32)
        return np.stack([column, column], axis=1)

    def probabilities(self, vector: NDArray[np.float32]) -> NDArray[np.float32] | None:
        """The share on the crisis service, the rest on the Jobcenter."""
        if self.emergency_share is None:
            return None
        share = {"berliner-krisendienst": self.emergency_share, "jobcenter-mitte": 1.0 - self.emergency_share}
        return np.array([share.get(i, 0.0) for i in self.entry_ids], dtype=np.float32)

    def offtopic_similarity(self, vector: NDArray[np.float32]) -> float:
        return -1.0  # no off-topic examples

    def offtopic_probability(self, vector: NDArray[np.float32]) -> float:
        return 0.0


def matcher_with(kb: KnowledgeBase, best: dict[str, float], emergency_share: float | None = None) -> Matcher:
    matcher = Matcher(kb)
    stand_in = Similarities(tuple(e.id for e in kb.active), best, emergency_share=emergency_share)
    matcher.semantic = stand_in  # type: ignore[assignment]
    return matcher


VECTOR = np.zeros(4, dtype=np.float32)  # the stand-in ignores it


def test_close_to_the_crisis_services_examples_and_ahead_of_the_rest_is_an_emergency(real_kb: KnowledgeBase) -> None:
    assert real_kb.intents.emergency and real_kb.get("berliner-krisendienst") is not None
    high = SEMANTIC_EMERGENCY + 0.03
    matcher = matcher_with(real_kb, {"berliner-krisendienst": high, "jobcenter-mitte": high - 0.02})
    assert matcher.intents.emergency_kind(STORY) is None
    kind = matcher.semantic_emergency(STORY, VECTOR)
    assert kind is not None and kind[0] == "suicide" and kind[1][0] == "berliner-krisendienst"
    decision = matcher.match(STORY, "de", vector=VECTOR)
    assert (decision.action, decision.intent, decision.layers) == ("answer", "emergency", ("semantic",))
    assert decision.candidates[0].entry.id == "berliner-krisendienst"


def test_not_far_enough_ahead_or_not_close_enough_is_not(real_kb: KnowledgeBase) -> None:
    high = SEMANTIC_EMERGENCY + 0.03
    close_rival = high - SEMANTIC_EMERGENCY_LEAD / 2
    level = matcher_with(real_kb, {"berliner-krisendienst": high, "jobcenter-mitte": close_rival})
    assert level.semantic_emergency(STORY, VECTOR) is None
    low = matcher_with(real_kb, {"berliner-krisendienst": SEMANTIC_EMERGENCY - 0.01})
    assert low.semantic_emergency(STORY, VECTOR) is None
    assert low.match(STORY, "de", vector=VECTOR).intent != "emergency"


def test_the_classifier_can_overrule_a_near_example_but_not_stop_a_likely_emergency(real_kb: KnowledgeBase) -> None:
    """A message whose nearest example is a crisis example, which the classifier nonetheless gives the emergency
    services almost no chance, is no emergency ("ma wesel", "bil lail": words near a threat's in Arabizi)."""
    near = {"berliner-krisendienst": SEMANTIC_EMERGENCY + 0.03}
    unlikely = matcher_with(real_kb, near, emergency_share=SEMANTIC_EMERGENCY_CLASSIFIER / 2)
    assert unlikely.semantic_emergency(STORY, VECTOR) is None
    assert unlikely.match(STORY, "de", vector=VECTOR).intent != "emergency"
    likely = matcher_with(real_kb, near, emergency_share=SEMANTIC_EMERGENCY_CLASSIFIER * 2)
    assert likely.semantic_emergency(STORY, VECTOR) is not None
    assert likely.match(STORY, "de", vector=VECTOR).intent == "emergency"


def test_the_emergency_call_number_counts_as_medical_though_the_suicide_list_names_it_too(
    real_kb: KnowledgeBase,
) -> None:
    matcher = matcher_with(real_kb, {"notruf-112-feuerwehr-rettungsdienst": SEMANTIC_EMERGENCY + 0.04})
    kind = matcher.semantic_emergency("er liegt da und sagt nichts mehr", VECTOR)
    assert kind is not None and kind[0] == "medical"


def test_asking_for_a_person_chat_and_off_topic_are_never_a_semantic_emergency(real_kb: KnowledgeBase) -> None:
    matcher = matcher_with(real_kb, {"berliner-krisendienst": SEMANTIC_EMERGENCY + 0.05})
    for text in ("Ich möchte mit einem Menschen sprechen", "danke", "погода на выходные", "asdfghjkl"):
        assert matcher.semantic_emergency(text, VECTOR) is None, text
