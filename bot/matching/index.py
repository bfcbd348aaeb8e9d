"""An inverted index over every entry's titles, questions and keywords in all languages.

Query tokens meet index tokens exactly, by stem, by German-compound parts, by fuzzy
spelling (rapidfuzz, only against index tokens of the same first letter and similar
length) and across scripts by transliteration. Cost grows with the vocabulary buckets
touched, not with the number of entries.
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process

from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import Entry
from bot.languages import SUPPORTED

from .normalize import script_of, tokens, transliterate
from .places import is_place_word
from .stopwords import STOPWORDS
from .tuning import (
    COMPOUND_BASE,
    COMPOUND_SLOPE,
    EXACT,
    FUZZY_CUTOFF_LONG,
    FUZZY_CUTOFF_SHORT,
    FUZZY_LIMIT,
    FUZZY_LONG_FROM,
    FUZZY_MAX_LENGTH_DIFF,
    KEYWORD_BOOST,
    MIN_COMPOUND_PART,
    MIN_COMPOUND_WORD,
    MIN_FUZZY_WORD,
    NAME_LANGUAGES,
    NAME_MAX_ENTRIES,
    QUESTION_ONLY,
    STEM_SIMILARITY,
    TF_K,
    TRANSLITERATED,
)

_STEMMERS = {"de": "german", "en": "english", "ar": "arabic", "ru": "russian", "tr": "turkish", "fa": "persian"}
# Ukrainian has no Snowball stemmer; Russian suffix rules get most inflections right.
_STEMMERS["uk"] = "russian"


def saturation(count: int) -> float:
    """1 for a word in one text, rising towards TF_K + 1 for a word in many."""
    return count * (TF_K + 1) / (count + TF_K)


def content_tokens(text: str) -> list[str]:
    """Words that say what a message is about: no function words, no district names."""
    return [t for t in tokens(text) if t not in STOPWORDS and not is_place_word(t)]


@lru_cache(maxsize=8)
def _stemmer(lang: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(_STEMMERS[lang])


@lru_cache(maxsize=16384)
def stem(token: str, lang: str) -> str:
    if lang not in _STEMMERS or len(token) < 4:
        return token
    return str(_stemmer(lang).stemWord(token))


def _bucket_key(token: str) -> str:
    return token[0]


@dataclass
class Index:
    entries: tuple[Entry, ...]
    # token -> (entry numbers, field weights): compact arrays, read sequentially
    postings: dict[str, tuple[array[int], array[float]]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    buckets: dict[str, list[str]] = field(default_factory=dict)  # first letter -> tokens (fuzzy search)
    curated: set[str] = field(default_factory=set)  # words some entry has in its title or keywords
    names: dict[str, tuple[int, ...]] = field(default_factory=dict)  # rare title word -> entries it names

    @classmethod
    def build(cls, kb: KnowledgeBase | Iterable[Entry]) -> Index:
        entries = tuple(kb.active if isinstance(kb, KnowledgeBase) else kb)
        index = cls(entries)
        numbers: dict[str, array[int]] = {}
        weights: dict[str, array[float]] = {}
        titled: dict[str, set[int]] = defaultdict(set)
        for number, entry in enumerate(entries):
            title_languages: dict[str, int] = defaultdict(int)
            local: dict[str, float] = {}
            count: dict[str, int] = defaultdict(int)  # in how many of the entry's texts a word stands
            for lang in SUPPORTED:
                texts = entry.translations.get(lang)
                if texts is None:
                    continue
                curated = (texts.title, *texts.keywords)
                for form in {f for token in content_tokens(texts.title) for f in (token, stem(token, lang))}:
                    title_languages[form] += 1
                for text, weight in [*((t, KEYWORD_BOOST) for t in curated), *((q, 1.0) for q in texts.questions)]:
                    for form in {f for token in content_tokens(text) for f in (token, stem(token, lang))}:
                        count[form] += 1
                        local[form] = max(local.get(form, 0.0), weight)
                        if weight > 1.0:
                            index.curated.add(form)
            for form, languages in title_languages.items():
                if languages >= NAME_LANGUAGES:
                    titled[form].add(number)
            for form, weight in local.items():
                numbers.setdefault(form, array("I")).append(number)
                weights.setdefault(form, array("f")).append(weight * saturation(count[form]))
        n = max(len(entries), 1)
        index.postings = {form: (numbers[form], weights[form]) for form in numbers}
        index.idf = {tok: math.log(1 + n / len(ids)) for tok, ids in numbers.items()}
        buckets: dict[str, list[str]] = defaultdict(list)
        for token in numbers:
            if len(token) >= 4:
                buckets[_bucket_key(token)].append(token)
        index.buckets = dict(buckets)
        index.names = {form: tuple(sorted(ns)) for form, ns in titled.items() if len(ns) <= NAME_MAX_ENTRIES}
        return index

    @property
    def top_field_weight(self) -> float:
        """The bound of posting weights: a title/keyword word repeated in very many texts."""
        return KEYWORD_BOOST * (TF_K + 1)

    def weight(self, token: str) -> float:
        """Idf, lowered for words that only ever occur in example questions (how, apply, should I go)."""
        return self.idf[token] * (1.0 if token in self.curated else QUESTION_ONLY)

    def max_idf(self) -> float:
        return math.log(1 + max(len(self.entries), 1))

    def rejoin(self, query: list[str]) -> list[str]:
        """Words split by a space that the index knows written together ("Kita Gutschein", "جاب سنتر")."""
        out: list[str] = []
        i = 0
        while i < len(query):
            if i + 1 < len(query) and query[i] + query[i + 1] in self.postings:
                out.append(query[i] + query[i + 1])
                i += 2
            else:
                out.append(query[i])
                i += 1
        return out

    def expand(self, token: str, lang: str) -> list[tuple[str, float]]:
        """Index tokens this query token may stand for, with a similarity in 0..1."""
        found: dict[str, float] = {}

        def add(candidate: str, similarity: float) -> None:
            if candidate in self.postings and similarity > found.get(candidate, 0.0):
                found[candidate] = similarity

        add(token, EXACT)
        add(stem(token, lang), STEM_SIMILARITY)
        if found:
            return list(found.items())
        if len(token) >= MIN_COMPOUND_WORD:  # German compounds: Kindergeldantrag -> kindergeld
            for cut in range(MIN_COMPOUND_PART, len(token) - 2):
                add(token[:cut], COMPOUND_SLOPE * cut / len(token) + COMPOUND_BASE)
                add(token[-cut:], COMPOUND_SLOPE * cut / len(token) + COMPOUND_BASE)
        if len(token) >= MIN_FUZZY_WORD:
            self._fuzzy(token, EXACT, add)
            if script_of(token) != "latin":
                latin = transliterate(token).replace(" ", "")
                if len(latin) >= MIN_FUZZY_WORD:
                    add(latin, TRANSLITERATED)
                    self._fuzzy(latin, TRANSLITERATED, add)
        return list(found.items())

    def _fuzzy(self, token: str, factor: float, add: Callable[[str, float], None]) -> None:
        bucket = self.buckets.get(_bucket_key(token))
        if not bucket:
            return
        cutoff = FUZZY_CUTOFF_LONG if len(token) >= FUZZY_LONG_FROM else FUZZY_CUTOFF_SHORT
        for candidate, score, _ in process.extract(
            token, bucket, scorer=fuzz.ratio, score_cutoff=cutoff, limit=FUZZY_LIMIT
        ):
            if abs(len(candidate) - len(token)) <= FUZZY_MAX_LENGTH_DIFF:
                add(candidate, factor * (score / 100) ** 2)
