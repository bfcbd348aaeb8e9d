"""Character n-gram similarity between a message and the example questions of shortlisted entries.

Word matching misses inflections, compounds and spelling variants that share most of their
letters ("Kindergeldantrag", "бюргергельду", "anmeldun"); character n-grams catch them. Each
title, question and keyword list is a document; an entry scores its best document. Only the
few entries the word index shortlisted are compared, and their vectors are built on first use
and kept in a bounded cache, so cost and memory do not grow with the knowledge base.
"""

from __future__ import annotations

import math
from collections import Counter, OrderedDict
from collections.abc import Iterator

from bot.knowledge.schema import Entry
from bot.languages import SUPPORTED

from .index import content_tokens

N = 4
CACHE_ENTRIES = 2048

Vector = dict[str, float]


def grams(text: str) -> Counter[str]:
    """Word n-grams (words padded with spaces; short words kept whole)."""
    counts: Counter[str] = Counter()
    for word in content_tokens(text):
        padded = f" {word} "
        if len(padded) <= N:
            counts[padded] += 1
            continue
        for i in range(len(padded) - N + 1):
            counts[padded[i : i + N]] += 1
    return counts


def _documents(entry: Entry) -> Iterator[str]:
    for lang in SUPPORTED:
        texts = entry.translations.get(lang)
        if texts is not None:
            yield from (texts.title, *texts.questions, " ".join(texts.keywords))


class NgramScorer:
    def __init__(self, entries: tuple[Entry, ...]) -> None:
        self.entries = entries
        df: Counter[str] = Counter()
        self.n_docs = 0
        for entry in entries:
            for document in _documents(entry):
                df.update(grams(document).keys())
                self.n_docs += 1
        n = max(self.n_docs, 1)
        self.idf = {g: math.log(n / d) for g, d in df.items() if d < n}
        self._cache: OrderedDict[int, list[Vector]] = OrderedDict()

    def vector(self, text: str) -> Vector:
        """Unit-length tf-idf vector (sublinear term frequency)."""
        weighted = {g: (1.0 + math.log(c)) * self.idf.get(g, 0.0) for g, c in grams(text).items()}
        weighted = {g: w for g, w in weighted.items() if w > 0}
        norm = math.sqrt(sum(w * w for w in weighted.values()))
        return {g: w / norm for g, w in weighted.items()} if norm else {}

    def _entry_vectors(self, number: int) -> list[Vector]:
        cached = self._cache.get(number)
        if cached is not None:
            self._cache.move_to_end(number)
            return cached
        vectors = [v for v in (self.vector(d) for d in _documents(self.entries[number])) if v]
        self._cache[number] = vectors
        if len(self._cache) > CACHE_ENTRIES:
            self._cache.popitem(last=False)
        return vectors

    def scores(self, text: str, numbers: set[int]) -> dict[int, float]:
        """Entry number -> best cosine similarity of one of its documents with `text`."""
        query = self.vector(text)
        if not query:
            return {}
        best: dict[int, float] = {}
        for number in numbers:
            top = 0.0
            for doc in self._entry_vectors(number):
                value = sum(w * doc[g] for g, w in query.items() if g in doc)
                top = max(top, value)
            best[number] = top
        return best
