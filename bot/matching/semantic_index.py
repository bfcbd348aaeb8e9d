"""Every active entry as vectors: its example questions (all languages, plus the example bank) as queries,
its title and summary per language as passages. A message is scored against all of them in one product.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import yaml
from numpy.typing import NDArray

from bot.knowledge.model import KnowledgeBase

from .embed_cache import EmbedCache, Progress
from .semantic import Embedder, Vectors
from .semantic_classifier import Classifier, Epoch, load_or_train

log = logging.getLogger(__name__)

NO_TEXT = -1.0  # score of an entry with no text of a kind: the lowest cosine, so it never wins a max
# Messages the bot must not answer with a service (leisure, shopping, chat, look-alikes such as "registration at
# the gym"), in the example bank's folder: a classifier of their own learns them against all entries' examples, so
# a request nobody listed a word for can still be told apart from the services it resembles. Files starting with
# "_" are not entries.
OFFTOPIC_FILE = "_offtopic.yaml"


def passage_text(title: str, summary: str) -> str:
    return f"{title}. {summary}"


def load_examples(directory: Path, kb: KnowledgeBase) -> tuple[dict[str, list[str]], list[str]]:
    """knowledge/examples/<entry-id>.yaml (`{entry: id, examples: {lang: [text, ...]}}`) as entry id -> texts,
    and what was skipped and why. A missing folder is no bank, not an error."""
    bank: dict[str, list[str]] = {}
    problems: list[str] = []
    if not directory.is_dir():
        return bank, problems
    for path in sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]):
        if path.name.startswith("_"):
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            problems.append(f"{path}: unreadable ({exc.__class__.__name__})")
            continue
        entry_id = data.get("entry") if isinstance(data, dict) else None
        examples = data.get("examples") if isinstance(data, dict) else None
        if not isinstance(entry_id, str) or not isinstance(examples, dict):
            problems.append(f"{path}: expected {{entry: <id>, examples: {{<lang>: [...]}}}}")
            continue
        if kb.get(entry_id) is None:
            problems.append(f"{path}: no active entry {entry_id!r}")
            continue
        texts = [str(t).strip() for texts in examples.values() if isinstance(texts, list) for t in texts]
        bank.setdefault(entry_id, []).extend(t for t in texts if t)
    return bank, problems


def load_offtopic(directory: Path) -> tuple[list[str], list[str]]:
    """The off-topic examples (`{examples: {lang: [text, ...]}}` in OFFTOPIC_FILE) and what was wrong with the
    file. None is no error: the classifier then knows only the entries."""
    path = directory / OFFTOPIC_FILE
    if not path.is_file():
        return [], []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return [], [f"{path}: unreadable ({exc.__class__.__name__})"]
    examples = data.get("examples") if isinstance(data, dict) else None
    if not isinstance(examples, dict):
        return [], [f"{path}: expected {{examples: {{<lang>: [...]}}}}"]
    texts = [str(t).strip() for texts in examples.values() if isinstance(texts, list) for t in texts]
    return list(dict.fromkeys(t for t in texts if t)), []


def _starts(counts: Sequence[int]) -> NDArray[np.intp]:
    return np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.intp) if counts else np.zeros(0, np.intp)


def _best_per_entry(
    sims: NDArray[np.float32], starts: NDArray[np.intp], empty: NDArray[np.bool_]
) -> NDArray[np.float32]:
    if len(sims) == 0:
        return np.full(len(starts), NO_TEXT, dtype=np.float32)
    # reduceat needs in-range starts and gives a wrong value for an empty range: clip, then overwrite those
    best = np.maximum.reduceat(sims, np.minimum(starts, len(sims) - 1))
    best[empty] = NO_TEXT
    return best.astype(np.float32)


@dataclass(frozen=True)
class SemanticIndex:
    """Rows of `matrix`: all example vectors (entry by entry, in `kb.active` order), then all passage vectors,
    then the off-topic examples (`n_offtopic`)."""

    model_id: str
    entry_ids: tuple[str, ...]
    matrix: Vectors
    n_examples: int
    example_starts: NDArray[np.intp]
    passage_starts: NDArray[np.intp]
    example_empty: NDArray[np.bool_]
    passage_empty: NDArray[np.bool_]
    classifier: Classifier | None = None  # trained on the example rows (semantic_classifier.py)
    n_offtopic: int = 0
    offtopic_classifier: Classifier | None = None  # off-topic examples (class 1) against all example rows (0)
    position: Mapping[str, int] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "position", {entry_id: n for n, entry_id in enumerate(self.entry_ids)})

    @classmethod
    def build(
        cls,
        kb: KnowledgeBase,
        embedder: Embedder,
        cache: EmbedCache | None = None,
        examples: Mapping[str, Sequence[str]] | None = None,
        progress: Progress | None = None,
        offtopic: Sequence[str] = (),
    ) -> SemanticIndex:
        """Embeds what `cache` lacks (blocking, up to minutes on a cold cache): run it off the event loop."""
        if cache is None:  # not `or`: an empty cache is falsy
            cache = EmbedCache(None, embedder.model_id, embedder.dim)
        examples = examples or {}
        queries: list[str] = []
        passages: list[str] = []
        n_queries: list[int] = []
        n_passages: list[int] = []
        for entry in kb.active:
            own = [q for texts in entry.translations.values() for q in texts.questions]
            own.extend(examples.get(entry.id, ()))
            texts = list(dict.fromkeys(own))  # a question shared by two languages counts once
            queries.extend(texts)
            n_queries.append(len(texts))
            summaries = list(dict.fromkeys(passage_text(t.title, t.summary) for t in entry.translations.values()))
            passages.extend(summaries)
            n_passages.append(len(summaries))
        query_vectors = cache.embed(embedder, queries, "query", progress)
        passage_vectors = cache.embed(embedder, passages, "passage", progress)
        offtopic_vectors = cache.embed(embedder, list(offtopic), "query", progress)
        return cls(
            model_id=embedder.model_id,
            entry_ids=tuple(e.id for e in kb.active),
            matrix=np.ascontiguousarray(np.vstack([query_vectors, passage_vectors, offtopic_vectors]),
                                        dtype=np.float32),
            n_examples=len(queries),
            example_starts=_starts(n_queries),
            passage_starts=_starts(n_passages),
            example_empty=np.array([n == 0 for n in n_queries], dtype=bool),
            passage_empty=np.array([n == 0 for n in n_passages], dtype=bool),
            n_offtopic=len(offtopic_vectors),
        )

    def scores(self, vector: NDArray[np.float32]) -> NDArray[np.float32]:
        """Per entry (rows in `entry_ids` order): [best example similarity, best passage similarity]."""
        sims = self.matrix @ np.asarray(vector, dtype=np.float32)
        examples = _best_per_entry(sims[: self.n_examples], self.example_starts, self.example_empty)
        passages = _best_per_entry(sims[self.n_examples : len(sims) - self.n_offtopic], self.passage_starts,
                                   self.passage_empty)
        return np.stack([examples, passages], axis=1)

    def example_labels(self) -> NDArray[np.intp]:
        """Each example row's entry (its position in `entry_ids`): what the classifier learns."""
        counts = np.diff(np.append(self.example_starts, self.n_examples))
        return np.repeat(np.arange(len(self.entry_ids)), counts).astype(np.intp)

    def offtopic_rows(self) -> NDArray[np.float32]:
        return self.matrix[len(self.matrix) - self.n_offtopic :]

    def probabilities(self, vector: NDArray[np.float32]) -> NDArray[np.float32] | None:
        """Per entry, how likely the classifier finds it (summing to 1); None without a classifier."""
        return self.classifier.probabilities(vector) if self.classifier is not None else None

    def offtopic_similarity(self, vector: NDArray[np.float32]) -> float:
        """The similarity of the nearest off-topic example (NO_TEXT without any)."""
        if not self.n_offtopic:
            return NO_TEXT
        return float((self.offtopic_rows() @ np.asarray(vector, np.float32)).max())

    def offtopic_probability(self, vector: NDArray[np.float32]) -> float:
        """How likely the off-topic classifier finds the message off-topic; 0 without off-topic examples."""
        if self.offtopic_classifier is None:
            return 0.0
        return float(self.offtopic_classifier.probabilities(vector)[1])

    def with_classifier(self, cache_dir: Path | None, epoch: Epoch | None = None) -> tuple[SemanticIndex, bool]:
        """This index with its classifiers trained on its examples (or read from `cache_dir` when trained on the
        same ones before), and whether one was trained now. The off-topic one is separate: as one more class of
        the entries' classifier, the off-topic examples shifted the entries' probabilities and cost more service
        questions on the sets than they saved off-topic ones."""
        labels = self.example_labels()
        if len(labels) == 0:
            return self, False
        examples = self.matrix[: self.n_examples]
        classifier, trained = load_or_train(cache_dir, self.model_id, examples, labels, len(self.entry_ids), epoch)
        offtopic = None
        if self.n_offtopic:
            rows = np.vstack([examples, self.offtopic_rows()])
            classes = np.concatenate([np.zeros(len(examples)), np.ones(self.n_offtopic)]).astype(np.intp)
            offtopic, trained_too = load_or_train(cache_dir, self.model_id, rows, classes, 2, epoch, "offtopic")
            trained = trained or trained_too
        return replace(self, classifier=classifier, offtopic_classifier=offtopic), trained

    def ranked(self, vector: NDArray[np.float32], k: int = 5) -> list[tuple[str, float, float]]:
        """The `k` entries with the most similar example: (entry id, example similarity, passage similarity)."""
        table = self.scores(vector)
        order = np.argsort(-table[:, 0], kind="stable")[:k]
        return [(self.entry_ids[i], float(table[i, 0]), float(table[i, 1])) for i in order]


@dataclass(frozen=True)
class BuildReport:
    texts: int  # distinct texts the index holds
    embedded: int  # of which sent to the model now (the rest came from the cache)
    seconds: float  # whole build, cache read and write included
    example_files: int  # entries with an example bank
    problems: tuple[str, ...]  # example files skipped, and why
    trained: bool = False  # the classifier was trained now (not read from the cache)


def build_semantic_index(
    kb: KnowledgeBase,
    embedder: Embedder,
    cache_dir: Path | None,
    examples_dir: Path | None,
    progress: Progress | None = None,
    epoch: Epoch | None = None,
) -> tuple[SemanticIndex, BuildReport]:
    """Open the cache, embed what changed, build the index, save the cache without stale vectors, and train
    the classifier unless the cache holds one for exactly these examples. `progress` is called after each batch
    embedded, `epoch` after each epoch of training: where a stopping bot ends a cold build."""
    began = time.perf_counter()
    bank, problems = load_examples(examples_dir, kb) if examples_dir is not None else ({}, [])
    offtopic, offtopic_problems = load_offtopic(examples_dir) if examples_dir is not None else ([], [])
    problems.extend(offtopic_problems)
    for problem in problems:
        log.warning("example bank: %s", problem)
    cache = EmbedCache.open(cache_dir, embedder)
    index = SemanticIndex.build(kb, embedder, cache, bank, progress, offtopic)
    cache.save()
    index, trained = index.with_classifier(cache_dir, epoch)
    report = BuildReport(len(cache), cache.embedded, time.perf_counter() - began, len(bank), tuple(problems), trained)
    return index, report


def cache_dir_for(database_path: Path) -> Path:
    """Embeddings live next to the database: the one folder a deployment already keeps and backs up."""
    return database_path.parent
