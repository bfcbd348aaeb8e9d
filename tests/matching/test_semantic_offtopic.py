"""The classifier's off-topic class (knowledge/examples/_offtopic.yaml): the file's loading, where its rows sit in the
index, and the decision it leads to (a stand-in index gives the probability, so the thresholds are tested exactly)."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from bot.knowledge.model import KnowledgeBase
from bot.matching import Matcher
from bot.matching.semantic import HashEmbedder
from bot.matching.semantic_classifier import classifier_path
from bot.matching.semantic_index import OFFTOPIC_FILE, SemanticIndex, build_semantic_index, load_examples, load_offtopic
from bot.matching.tuning import SEMANTIC_OFFTOPIC, SEMANTIC_OFFTOPIC_LEXICAL, SEMANTIC_OFFTOPIC_MARGIN

OFFTOPIC = ["wo kann ich töpfern lernen am wochenende", "climbing gym membership card expired where renew",
            "kelase gitar baraye bache koja hast", "рецепт борща с фасолью"]


def _small(kb: KnowledgeBase, n: int = 5) -> KnowledgeBase:
    return KnowledgeBase(kb.active[:n], kb.topics, kb.language_names, kb.intents)


def _write_offtopic(directory: Path, texts: list[str]) -> None:
    lines = "".join(f"    - \"{t}\"\n" for t in texts)
    (directory / OFFTOPIC_FILE).write_text(f"examples:\n  de:\n{lines}", encoding="utf-8")


def test_the_offtopic_file_is_read_and_is_no_entry_of_the_example_bank(real_kb: KnowledgeBase, tmp_path: Path) -> None:
    _write_offtopic(tmp_path, [*OFFTOPIC, OFFTOPIC[0]])
    texts, problems = load_offtopic(tmp_path)
    assert texts == OFFTOPIC and problems == []  # a repeated text counts once
    assert load_examples(tmp_path, real_kb) == ({}, [])  # not reported as an unknown entry
    assert load_offtopic(tmp_path / "absent") == ([], [])
    (tmp_path / OFFTOPIC_FILE).write_text("examples: [\n", encoding="utf-8")
    texts, problems = load_offtopic(tmp_path)
    assert texts == [] and len(problems) == 1 and OFFTOPIC_FILE in problems[0]


def test_offtopic_rows_change_no_entry_score_and_train_a_classifier_of_their_own(real_kb: KnowledgeBase) -> None:
    small = _small(real_kb)
    embedder = HashEmbedder(dim=64)
    plain = SemanticIndex.build(small, embedder)
    with_offtopic = SemanticIndex.build(small, embedder, offtopic=OFFTOPIC)
    assert with_offtopic.n_offtopic == len(OFFTOPIC)
    for text in (OFFTOPIC[0], small.active[-1].translations["de"].questions[0]):
        vector = embedder.embed([text], "query")[0]
        assert np.array_equal(plain.scores(vector), with_offtopic.scores(vector))
    assert np.array_equal(plain.example_labels(), with_offtopic.example_labels())
    trained, _ = with_offtopic.with_classifier(None)
    untouched, _ = plain.with_classifier(None)
    leisure = embedder.embed([OFFTOPIC[1]], "query")[0]
    probabilities = trained.probabilities(leisure)
    assert probabilities is not None and len(probabilities) == len(small.active)
    assert np.allclose(probabilities, untouched.probabilities(leisure))  # the entries' classifier is the same
    assert trained.offtopic_probability(leisure) > 0.5
    question = embedder.embed([small.active[0].translations["de"].questions[0]], "query")[0]
    assert trained.offtopic_probability(question) < 0.5
    assert untouched.offtopic_probability(leisure) == 0.0  # no file: no off-topic classifier
    assert with_offtopic.offtopic_similarity(leisure) == pytest.approx(1.0, abs=1e-5)
    assert plain.offtopic_similarity(leisure) < -0.5


def test_build_reads_the_offtopic_file_from_the_example_folder(real_kb: KnowledgeBase, tmp_path: Path) -> None:
    examples = tmp_path / "examples"
    examples.mkdir()
    _write_offtopic(examples, OFFTOPIC)
    index, report = build_semantic_index(_small(real_kb, 3), HashEmbedder(dim=64), tmp_path, examples)
    assert index.n_offtopic == len(OFFTOPIC) and report.trained and report.problems == ()
    assert classifier_path(tmp_path, index.model_id, "offtopic").exists()
    again, report = build_semantic_index(_small(real_kb, 3), HashEmbedder(dim=64), tmp_path, examples)
    assert not report.trained and again.offtopic_classifier is not None  # both read from the cache


@dataclass
class StandIn:
    """What Matcher needs of a SemanticIndex here: every entry's nearest example at ENTRY, the nearest off-topic
    example at `nearest`, and the classifier's off-topic probability."""

    entry_ids: tuple[str, ...]
    offtopic: float
    nearest: float

    def scores(self, vector: NDArray[np.float32]) -> NDArray[np.float32]:
        return np.full((len(self.entry_ids), 2), ENTRY, dtype=np.float32)

    def offtopic_similarity(self, vector: NDArray[np.float32]) -> float:
        return self.nearest

    def probabilities(self, vector: NDArray[np.float32]) -> NDArray[np.float32]:
        rest = (1.0 - self.offtopic) / len(self.entry_ids)
        return np.full(len(self.entry_ids), rest, dtype=np.float32)

    def offtopic_probability(self, vector: NDArray[np.float32]) -> float:
        return self.offtopic


ENTRY = 0.88


def matcher_with(real_matcher: Matcher, offtopic: float, nearest: float = ENTRY) -> Matcher:
    """A copy of the session's matcher (building one takes seconds) with the stand-in attached."""
    matcher = copy.copy(real_matcher)
    ids = tuple(e.id for e in real_matcher.kb.active)
    matcher.semantic = StandIn(ids, offtopic, nearest)  # type: ignore[assignment]
    return matcher


VECTOR = np.zeros(4, dtype=np.float32)  # the stand-in ignores it
WORKSHOP = "looking for a calligraphy workshop on weekends in Mitte, any tips?"  # no listed off-topic word


def test_a_likely_offtopic_request_gets_no_service(real_matcher: Matcher) -> None:
    assert not real_matcher.intents.mentions(WORKSHOP, "offtopic")
    likely = matcher_with(real_matcher, SEMANTIC_OFFTOPIC + 0.05).match(WORKSHOP, "en", vector=VECTOR)
    assert (likely.action, likely.intent, likely.candidates) == ("handoff", "offtopic", ())
    unlikely = matcher_with(real_matcher, SEMANTIC_OFFTOPIC - 0.05).match(WORKSHOP, "en", vector=VECTOR)
    assert unlikely.intent != "offtopic"
    barely_near = ENTRY - SEMANTIC_OFFTOPIC_MARGIN + 0.002
    near = matcher_with(real_matcher, 0.9, barely_near).match(WORKSHOP, "en", vector=VECTOR)
    assert near.intent == "offtopic"
    far = ENTRY - SEMANTIC_OFFTOPIC_MARGIN - 0.01
    too_far = matcher_with(real_matcher, 0.9, far).match(WORKSHOP, "en", vector=VECTOR)
    assert too_far.intent != "offtopic"  # an entry's example is clearly nearer: the classifier alone does not decide


def test_who_pays_a_clear_office_word_or_an_emergency_still_count(real_matcher: Matcher) -> None:
    matcher = matcher_with(real_matcher, 0.99)
    paid = matcher.match("does the Jobcenter pay for a pottery course for my son?", "en", vector=VECTOR)
    assert paid.intent != "offtopic" and paid.candidates
    named = matcher.match("Anmeldung Wohnung Bürgeramt Termin", "de", vector=VECTOR)
    assert named.intent != "offtopic" and named.candidates[0].entry.topics[0] == "registration"
    # a service named by a word of its title, even with weak words around it ("Termin beim Friseur" is near)
    booking = "كيف بحجز Termin للـ Anmeldung؟ الموقع دايما مليان"
    evidence = matcher.evidence(booking, "ar")[1]
    assert evidence is not None and evidence.names_service and evidence.ranked[0].score < SEMANTIC_OFFTOPIC_LEXICAL
    assert matcher.match(booking, "ar", vector=VECTOR).intent != "offtopic"
    crisis = matcher.match("I want to kill myself", "en", vector=VECTOR)
    assert crisis.intent == "emergency"
