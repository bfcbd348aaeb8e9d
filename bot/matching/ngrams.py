"""Character n-gram similarity between a message and the example questions of shortlisted entries.

Word matching misses inflections, compounds and spelling variants that share most of their
letters ("Kindergeldantrag", "бюргергельду", "anmeldun"); character n-grams catch them. Each
title, question and keyword list is a document; an entry scores its best document (cosine of
idf-weighted n-gram presence). Documents are kept as normalised text plus a precomputed norm;
an n-gram of the message is looked up by substring, so nothing per n-gram is stored per document
and memory grows only with the text itself. Only documents in the message's script are compared.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Callable, Iterator

from bot.knowledge.schema import Entry
from bot.languages import SUPPORTED

from .index import content_tokens
from .normalize import script_of
from .tuning import NGRAM_N

KEEP_SETS_UP_TO = 1000  # entries; above this, n-gram sets would cost more memory than they save time


def grams(text: str) -> set[str]:
    """NGRAM_N-grams of the words (padded with spaces; words shorter than NGRAM_N kept whole)."""
    found: set[str] = set()
    for word in content_tokens(text):
        padded = f" {word} "
        if len(padded) <= NGRAM_N:
            found.add(padded)
        else:
            found.update(padded[i : i + NGRAM_N] for i in range(len(padded) - NGRAM_N + 1))
    return found


def _documents(entry: Entry) -> Iterator[str]:
    for lang in SUPPORTED:
        texts = entry.translations.get(lang)
        if texts is not None:
            yield from (texts.title, *texts.questions, " ".join(texts.keywords))


class NgramScorer:
    def __init__(self, entries: tuple[Entry, ...]) -> None:
        # two passes over the texts instead of keeping every document's n-grams in memory
        df: Counter[str] = Counter()
        n = 0
        for entry in entries:
            for text in _documents(entry):
                found = grams(text)
                df.update(found)
                n += bool(found)
        self.idf = {g: math.log(n / d) for g, d in df.items() if d < n}
        del df
        # per entry and script: its documents as one newline-joined text of padded documents (one string
        # object instead of one per document keeps large knowledge bases small) and their norms
        self.docs: list[dict[str, tuple[str, array[float]]]] = [{} for _ in entries]
        self._grams: list[dict[str, frozenset[str]]] | None = None
        for number, entry in enumerate(entries):
            collected: dict[str, tuple[list[str], array[float]]] = {}
            for text in _documents(entry):
                norm = math.sqrt(sum(self.idf.get(g, 0.0) ** 2 for g in grams(text)))
                if norm:
                    padded = " " + " ".join(content_tokens(text)) + " "
                    texts, norms = collected.setdefault(script_of(padded.strip()), ([], array("f")))
                    texts.append(padded)
                    norms.append(norm)
            self.docs[number] = {script: ("\n".join(texts), norms) for script, (texts, norms) in collected.items()}
        if len(entries) <= KEEP_SETS_UP_TO:
            self._grams = [
                {
                    script: frozenset(g for doc in joined.split("\n") for g in grams(doc))
                    for script, (joined, _) in docs.items()
                }
                for docs in self.docs
            ]

    def _has(self, number: int, script: str) -> Callable[[str], bool]:
        """Membership test for an entry's n-grams: a kept set for small knowledge bases, else substring search."""
        if self._grams is not None:
            return self._grams[number].get(script, frozenset()).__contains__
        return self.docs[number].get(script, ("", array("f")))[0].__contains__

    def scores(self, text: str, numbers: set[int]) -> dict[int, float]:
        """Entry number -> best cosine similarity of one of its documents (same script) with `text`."""
        query = {g: self.idf[g] for g in grams(text) if g in self.idf}
        norm = math.sqrt(sum(w * w for w in query.values()))
        if not norm:
            return {}
        script = script_of(" ".join(content_tokens(text)))
        items = list(query.items())
        best: dict[int, float] = {}
        for number in numbers:
            top = 0.0
            joined, norms = self.docs[number].get(script, ("", array("f")))
            has = self._has(number, script)
            present = [(g, w * w) for g, w in items if has(g)]  # most n-grams occur in no document
            if present:
                for doc, doc_norm in zip(joined.split("\n"), norms, strict=True):
                    value = sum(w2 for g, w2 in present if g in doc)
                    if value:
                        top = max(top, value / (norm * doc_norm))
            best[number] = top
        return best
