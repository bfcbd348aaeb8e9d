"""One decision from both kinds of evidence: the lexical ranking and the semantic similarities.

The lexical matcher knows words; the sentence model knows situations. Neither alone is reliable on
messages nobody tuned on, so a service is answered directly only when the combined evidence is strong
and clearly ahead of other topics; agreement of the two rankers on the first service lowers the bar,
disagreement leads to a choice between both rankers' candidates. All numbers: `tuning.SemanticTuning`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from bot.knowledge.schema import Entry

from .tuning import CANDIDATES_SHOWN, SHORT_MESSAGE, SemanticTuning

Action = Literal["answer", "clarify", "handoff"]


@dataclass(frozen=True)
class Scored:
    """A candidate with its evidence: the lexical score (0 if the words did not find it), the best
    similarity to one of its example questions, and the combined score that decides."""

    entry: Entry
    lexical: float
    semantic: float
    combined: float


@dataclass(frozen=True)
class Verdict:
    action: Action
    candidates: tuple[Scored, ...]
    agree: bool  # the two rankers put the same service first


def service_key(entry: Entry) -> str:
    """District variants of one service are one choice, not rivals."""
    return entry.service or entry.id


def combine(
    lexical: Sequence[tuple[Entry, float]],
    similarities: NDArray[np.float32],
    entries: Sequence[Entry],
    n_words: int,
    tuning: SemanticTuning,
    probabilities: NDArray[np.float32] | None = None,
    passages: NDArray[np.float32] | None = None,
) -> Verdict:
    """`similarities[i]` is the best example similarity of `entries[i]` (the semantic index's order),
    `probabilities[i]` the classifier's probability of it and `passages[i]` the similarity to its title and
    summary (each optional: what is missing does not count)."""
    t = tuning
    model = semantic_evidence(similarities, probabilities, entries, t, passages)
    lex = {entry.id: score for entry, score in lexical}
    by_id = {entry.id: entry for entry, _ in lexical}
    order = np.argsort(-model, kind="stable")
    for i in order[: t.semantic_pool]:
        by_id.setdefault(entries[i].id, entries[i])
    position = {entry.id: i for i, entry in enumerate(entries)}
    scored = []
    for entry_id, entry in by_id.items():
        sim = float(similarities[position[entry_id]]) if entry_id in position else 0.0
        evidence = float(model[position[entry_id]]) if entry_id in position else 0.0
        scored.append(Scored(entry, lex.get(entry_id, 0.0), sim, lex.get(entry_id, 0.0) + evidence))
    scored.sort(key=lambda s: s.combined, reverse=True)
    options = _distinct(scored)
    if not options:
        return Verdict("handoff", (), False)
    lexical_first = service_key(lexical[0][0]) if lexical else None
    semantic_first = service_key(entries[int(order[0])]) if len(order) else None
    agree = lexical_first is not None and lexical_first == semantic_first
    best = options[0]
    if best.combined < t.clarify or (best.semantic < t.abstain and best.lexical < t.lexical_alone):
        return Verdict("handoff", tuple(options[:CANDIDATES_SHOWN]), agree)
    rival = next((s for s in options[1:] if not set(s.entry.topics) & set(best.entry.topics)), None)
    lead = best.combined - (rival.combined if rival else 0.0)
    gap = t.gap_short if n_words <= SHORT_MESSAGE else t.gap
    needed = t.answer_agree if agree else t.answer
    if best.combined >= needed and lead >= gap:
        return Verdict("answer", tuple(options[:CANDIDATES_SHOWN]), agree)
    return Verdict("clarify", _both_rankers(options, lexical_first, semantic_first), agree)


def semantic_evidence(
    similarities: NDArray[np.float32],
    probabilities: NDArray[np.float32] | None,
    entries: Sequence[Entry],
    t: SemanticTuning,
    passages: NDArray[np.float32] | None = None,
) -> NDArray[np.float32]:
    """What the model says for each entry, on the lexical score's scale: the best example similarity lifted
    from `floor` (0) to `full` (1), the title-and-summary similarity lifted likewise, and the classifier's
    probability of the entry's service (district variants share their examples, so the classifier splits one
    service's probability between them)."""
    lifted = np.clip((similarities - t.floor) / (t.full - t.floor), 0.0, 1.0)
    evidence: NDArray[np.float32] = (t.weight * lifted).astype(np.float32)
    if passages is not None:
        passage = np.clip((passages - t.passage_floor) / (t.passage_full - t.passage_floor), 0.0, 1.0)
        evidence += np.float32(t.passage_weight) * passage.astype(np.float32)
    if probabilities is not None:
        keys = [service_key(e) for e in entries]
        by_service: dict[str, float] = {}
        for key, p in zip(keys, probabilities, strict=True):
            by_service[key] = by_service.get(key, 0.0) + float(p)
        evidence += np.float32(t.classifier_weight) * np.array([by_service[k] for k in keys], dtype=np.float32)
    return evidence


def _both_rankers(options: list[Scored], lexical_first: str | None, semantic_first: str | None) -> tuple[Scored, ...]:
    """The choice offered holds the first service of each ranker, then the best of the rest."""
    firsts = [s for s in options if service_key(s.entry) in (lexical_first, semantic_first)]
    rest = [s for s in options if s not in firsts]
    chosen = sorted(firsts, key=lambda s: s.combined, reverse=True)[:2] + rest
    return tuple(chosen[:CANDIDATES_SHOWN])


def _distinct(scored: list[Scored]) -> list[Scored]:
    seen: set[str] = set()
    out = []
    for s in scored:
        key = service_key(s.entry)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out
