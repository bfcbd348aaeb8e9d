"""Character n-gram similarity between a message and every example question of every entry.

Word matching misses inflections, compounds and spelling variants that share most of their
letters ("Kindergeldantrag", "бюргергельду", "anmeldun"); character n-grams catch them.
Each title, question and keyword list is a document; an entry scores its best document.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from bot.knowledge.schema import Entry
from bot.languages import SUPPORTED

from .index import content_tokens

N = 4
MAX_DF_SHARE = 0.05  # n-grams in more than 5 % of all documents are too common to tell anything


def grams(text: str) -> dict[str, float]:
    """Sublinear counts of word n-grams (words padded with spaces; short words kept whole)."""
    counts: dict[str, int] = defaultdict(int)
    for word in content_tokens(text):
        padded = f" {word} "
        if len(padded) <= N:
            counts[padded] += 1
            continue
        for i in range(len(padded) - N + 1):
            counts[padded[i : i + N]] += 1
    return {g: 1.0 + math.log(c) for g, c in counts.items()}


@dataclass
class NgramIndex:
    doc_entry: list[int] = field(default_factory=list)
    postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: tuple[Entry, ...]) -> NgramIndex:
        index = cls()
        docs: list[dict[str, float]] = []
        for number, entry in enumerate(entries):
            for lang in SUPPORTED:
                texts = entry.translations.get(lang)
                if texts is None:
                    continue
                for text in (texts.title, *texts.questions, " ".join(texts.keywords)):
                    vector = grams(text)
                    if vector:
                        docs.append(vector)
                        index.doc_entry.append(number)
        df: dict[str, int] = defaultdict(int)
        for vector in docs:
            for gram in vector:
                df[gram] += 1
        n_docs = max(len(docs), 1)
        limit = max(50, MAX_DF_SHARE * n_docs)
        index.idf = {g: math.log(n_docs / d) for g, d in df.items() if d <= limit}
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for doc, vector in enumerate(docs):
            weighted = {g: w * index.idf[g] for g, w in vector.items() if g in index.idf}
            norm = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
            for gram, w in weighted.items():
                postings[gram].append((doc, w / norm))
        index.postings = dict(postings)
        return index

    def scores(self, text: str) -> dict[int, float]:
        """Entry number -> best cosine similarity of one of its documents with `text`."""
        query = {g: w * self.idf[g] for g, w in grams(text).items() if g in self.idf}
        norm = math.sqrt(sum(w * w for w in query.values()))
        if not norm:
            return {}
        by_doc: dict[int, float] = defaultdict(float)
        for gram, weight in query.items():
            q = weight / norm
            for doc, d in self.postings[gram]:
                by_doc[doc] += q * d
        best: dict[int, float] = {}
        for doc, value in by_doc.items():
            number = self.doc_entry[doc]
            if value > best.get(number, 0.0):
                best[number] = value
        return best
