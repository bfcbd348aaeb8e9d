"""The classifier's probabilities in the combined decision (combine.semantic_evidence), with hand-made evidence."""

from __future__ import annotations

import numpy as np
import pytest

from bot.knowledge.model import KnowledgeBase
from bot.matching.combine import combine, semantic_evidence, service_key
from bot.matching.tuning import SemanticTuning

T = SemanticTuning()


def column(kb: KnowledgeBase, values: dict[str, float], rest: float) -> np.ndarray:
    out = np.full(len(kb.active), rest, dtype=np.float32)
    for entry_id, value in values.items():
        out[kb.position[entry_id]] = value
    return out


def probabilities(kb: KnowledgeBase, values: dict[str, float]) -> np.ndarray:
    rest = (1.0 - sum(values.values())) / (len(kb.active) - len(values))
    return column(kb, values, rest)


def test_without_a_classifier_the_evidence_is_the_lifted_similarity(real_kb: KnowledgeBase) -> None:
    sims = column(real_kb, {"jobcenter-mitte": T.full}, T.floor)
    evidence = semantic_evidence(sims, None, real_kb.active, T)
    assert evidence[real_kb.position["jobcenter-mitte"]] == pytest.approx(T.weight)
    assert evidence[real_kb.position["amt-fuer-soziales-mitte"]] == pytest.approx(0.0)


def test_district_variants_share_their_services_probability(real_kb: KnowledgeBase) -> None:
    mitte, cw = "jobcenter-mitte", "jobcenter-charlottenburg-wilmersdorf"
    sims = column(real_kb, {}, T.floor)
    evidence = semantic_evidence(sims, probabilities(real_kb, {mitte: 0.3, cw: 0.3}), real_kb.active, T)
    assert evidence[real_kb.position[mitte]] == pytest.approx(T.classifier_weight * 0.6, abs=1e-4)
    assert evidence[real_kb.position[cw]] == evidence[real_kb.position[mitte]]


def test_the_classifier_decides_between_two_equally_similar_services(real_kb: KnowledgeBase) -> None:
    """The nearest examples tie; the classifier, which weighs all examples, puts tenancy counselling first."""
    tenancy, jobcenter = "mieterberatung-charlottenburg-wilmersdorf", "jobcenter-mitte"
    sims = column(real_kb, {tenancy: T.full, jobcenter: T.full}, T.floor)
    sure = probabilities(real_kb, {tenancy: 0.9})
    verdict = combine([], sims, real_kb.active, 8, T, sure)
    assert verdict.candidates[0].entry.id == tenancy
    other_way = combine([], sims, real_kb.active, 8, T, probabilities(real_kb, {jobcenter: 0.9}))
    assert service_key(other_way.candidates[0].entry) == service_key(real_kb.get(jobcenter))  # type: ignore[arg-type]


def test_a_confident_classifier_lifts_a_weak_lexical_match_to_an_answer(real_kb: KnowledgeBase) -> None:
    kita = real_kb.get("kita-gutscheinstelle-charlottenburg-wilmersdorf")
    assert kita is not None
    lexical = [(kita, T.answer_agree - T.weight - 0.02)]  # both rankers agree on it: the lower bar
    sims = column(real_kb, {kita.id: T.full}, T.floor)
    unsure = probabilities(real_kb, {})
    assert combine(lexical, sims, real_kb.active, 8, T, unsure).action != "answer"
    sure = probabilities(real_kb, {kita.id: 0.95})
    assert combine(lexical, sims, real_kb.active, 8, T, sure).action == "answer"


def test_the_title_and_summary_similarity_counts_for_its_entry(real_kb: KnowledgeBase) -> None:
    tenancy, jobcenter = "mieterberatung-charlottenburg-wilmersdorf", "jobcenter-mitte"
    sims = column(real_kb, {tenancy: T.full, jobcenter: T.full}, T.floor)
    passages = column(real_kb, {jobcenter: T.passage_full}, T.passage_floor)
    evidence = semantic_evidence(sims, None, real_kb.active, T, passages)
    assert evidence[real_kb.position[jobcenter]] - evidence[real_kb.position[tenancy]] == pytest.approx(
        T.passage_weight)
    verdict = combine([], sims, real_kb.active, 8, T, None, passages)
    assert service_key(verdict.candidates[0].entry) == service_key(real_kb.get(jobcenter))  # type: ignore[arg-type]
