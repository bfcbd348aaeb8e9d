"""What the sentence model decides before the combined score: emergencies and off-topic requests that no listed
word names. The thresholds and why: `tuning.py` (SEMANTIC_EMERGENCY*, SEMANTIC_OFFTOPIC*)."""

from __future__ import annotations

import numpy as np

from bot.knowledge.model import KnowledgeBase

from .cyrillic import model_text
from .index import content_tokens
from .intents import IntentMatcher
from .langid import detect
from .semantic import Vector
from .semantic_index import SemanticIndex
from .tuning import (
    OFFTOPIC_WORDS,
    SEMANTIC_EMERGENCY,
    SEMANTIC_EMERGENCY_CLASSIFIER,
    SEMANTIC_EMERGENCY_LEAD,
    SEMANTIC_OFFTOPIC,
    SEMANTIC_OFFTOPIC_LEXICAL,
    SEMANTIC_OFFTOPIC_MARGIN,
)

Emergency = tuple[str, tuple[str, ...]]  # its kind and the services to show first


class ModelChecks:
    def __init__(self, kb: KnowledgeBase, intents: IntentMatcher) -> None:
        self.kb = kb
        self.intents = intents
        # the emergency services' kinds and their rows in a semantic index (rows are `kb.active`)
        self.kind_of = _emergency_kinds(kb)
        self.rows = np.array([e.id in self.kind_of for e in kb.active], dtype=bool)

    def emergency(self, text: str, table: Vector, probabilities: Vector | None = None) -> Emergency | None:
        """An emergency from `table`, each entry's best example similarity (the semantic index's rows), and the
        classifier's `probabilities` of the entries (when it has one): close to an emergency service's examples,
        ahead of every other service's, and likely enough. Not for chat, a request for a person, nonsense or a
        short off-topic message."""
        rows = self.rows
        if not rows.any() or self._not_an_emergency(text):
            return None
        best = int(np.argmax(np.where(rows, table, -np.inf)))  # the first of the highest, as max() would
        others = table[~rows]
        lead = float(table[best]) - (float(others.max()) if len(others) else 0.0)
        if float(table[best]) < SEMANTIC_EMERGENCY or lead < SEMANTIC_EMERGENCY_LEAD:
            return None
        if probabilities is not None and float(probabilities[rows].sum()) < SEMANTIC_EMERGENCY_CLASSIFIER:
            return None
        kind = self.kind_of[self.kb.active[best].id]
        return kind, self.kb.intents.emergency[kind].prefer

    def offtopic(
        self, index: SemanticIndex, text: str, vector: Vector, table: Vector, lexical: float, names_service: bool
    ) -> bool:
        """A request the model finds off-topic ("what's 100 dollars in euros", "which discounters are there"): its
        nearest off-topic example is about as near as any entry's and the off-topic classifier gives it a share;
        not when the words found a service clearly (`lexical`, the best lexical score), the message names a service
        ("ein Termin für die Anmeldung" is near "ein Termin beim Friseur"), who pays or an office."""
        if index.offtopic_similarity(vector) < float(table.max()) - SEMANTIC_OFFTOPIC_MARGIN:
            return False
        if index.offtopic_probability(vector) < SEMANTIC_OFFTOPIC:
            return False
        clear = lexical >= SEMANTIC_OFFTOPIC_LEXICAL
        return not clear and not names_service and not self.intents.names_payer_or_office(text)

    def _not_an_emergency(self, text: str) -> bool:
        text = model_text(text, detect(text) if text.strip() else "en")  # "pogoda na vykhodnye": off-topic
        intents = self.intents
        short = len(content_tokens(intents.without_smalltalk(text))) <= OFFTOPIC_WORDS
        # a legal case ("seit gestern in Abschiebehaft", a court letter with a deadline) is near the crisis
        # services' examples by its distress, but it needs a caseworker and legal help, not 112
        legal = intents.urgent_legal(text) or intents.legal_stakes(text)
        return (intents.is_smalltalk(text) or intents.wants_person(text) or intents.is_gibberish(text)
                or (short and intents.mentions(text, "offtopic")) or legal)


def _emergency_kinds(kb: KnowledgeBase) -> dict[str, str]:
    """Each emergency service's kind: the one whose `prefer` list has it nearest the front (112 is medical
    first, though the suicide list names it too)."""
    rank: dict[str, tuple[int, str]] = {}
    for kind, intent in kb.intents.emergency.items():
        for position, entry_id in enumerate(intent.prefer):
            if entry_id not in rank or position < rank[entry_id][0]:
                rank[entry_id] = (position, kind)
    return {entry_id: kind for entry_id, (_, kind) in rank.items()}
