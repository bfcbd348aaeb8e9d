"""The lexical ranking: which entries' words, keywords and character n-grams a message shares, scored 0..1.

The first kind of evidence `Matcher` weighs (decide.py); the sentence model's is the second (combine.py).
Every weight lives in `tuning.py`.
"""

from __future__ import annotations

from .arabic_latin import LatinReader, arabic_text
from .decision import Candidate
from .index import Index, content_tokens
from .ngrams import NgramScorer
from .tuning import COMMON_SHARE, EVIDENCE_FULL, MAX_TOKENS, MIN_SCORE, NAMED, SHORTLIST, UNKNOWN_WEIGHT, WEIGHTS


class LexicalRanker:
    def __init__(self, index: Index, ngrams: NgramScorer, latin_readers: dict[str, LatinReader]) -> None:
        self.index = index
        self.ngrams = ngrams
        self.latin_readers = latin_readers

    def _word_scores(self, query: list[str], lang: str, common: float) -> tuple[dict[int, float], float, set[int]]:
        """Matched word weight per entry, the weight of the whole message (unknown words included), and
        the entries the message names by a word of their title."""
        index = self.index
        contrib: dict[int, float] = {}
        named: set[int] = set()
        total = 0.0
        for token in query:
            expansions = index.expand(token, lang)
            if not expansions:
                total += UNKNOWN_WEIGHT * index.max_idf()
                continue
            best_for_entry: dict[int, float] = {}
            weight = 0.0
            for candidate, similarity in expansions:
                if similarity >= NAMED and candidate in index.names:
                    named.update(index.names[candidate])
                entry_numbers, field_weights = index.postings[candidate]
                if len(entry_numbers) > common:
                    continue
                value = index.weight(candidate) * similarity
                weight = max(weight, value)
                for number, field_weight in zip(entry_numbers, field_weights, strict=True):
                    scored = value * field_weight
                    if scored > best_for_entry.get(number, 0.0):
                        best_for_entry[number] = scored
            total += weight
            for number, value in best_for_entry.items():
                contrib[number] = contrib.get(number, 0.0) + value
        return contrib, total, named

    def features(self, text: str, lang: str) -> dict[int, tuple[float, float, float, float]]:
        """Per shortlisted entry: (coverage of the message, evidence, character n-gram similarity,
        named by the message), each 0..1."""
        query = list(dict.fromkeys(self.index.rejoin(content_tokens(text))))[:MAX_TOKENS]
        contrib, total, named = self._word_scores(query, lang, COMMON_SHARE * len(self.index.entries))
        if not contrib:  # only very common words ("work", "help"): better them than nothing
            contrib, total, named = self._word_scores(query, lang, float("inf"))
        if total <= 0 or not contrib:
            return {}
        index = self.index
        shortlist = {n for n, _ in sorted(contrib.items(), key=lambda kv: kv[1], reverse=True)[:SHORTLIST]}
        grams = self.ngrams.scores(" ".join(query), shortlist)
        found = {}
        for number in shortlist:
            value = contrib.get(number, 0.0)
            coverage = min(value / (total * index.top_field_weight), 1.0)
            evidence = min(value / (EVIDENCE_FULL * index.max_idf()), 1.0)
            found[number] = (coverage, evidence, min(grams.get(number, 0.0), 1.0), float(number in named))
        return found

    def rank(self, text: str, lang: str) -> tuple[list[Candidate], bool]:
        """The ranking, and whether the message names a service by a word of its title ("Anmeldung")."""
        ranked = []
        features = self.features(text, lang)
        for number, values in features.items():
            score = sum(w * v for w, v in zip(WEIGHTS, values, strict=True))
            if score >= MIN_SCORE:
                ranked.append(Candidate(self.index.entries[number], round(score, 4)))
        ranked.sort(key=lambda c: c.score, reverse=True)
        return ranked, any(values[3] for values in features.values())

    def rank_readings(self, text: str, lang: str) -> tuple[list[Candidate], bool]:
        """`rank` of the message, and for Arabic or Persian in Latin letters also of its Arabic-script reading,
        each service at its better score: the entries' Arabic and Persian questions and keywords meet the reading,
        their Latin keywords and the office words the typed text (on the labelled sets 1-2.5 points more direct
        answers per set, one wrong answer more on three of them)."""
        ranked, names_service = self.rank(text, lang)
        arabic = arabic_text(text, lang, self.latin_readers)
        if arabic == text:
            return ranked, names_service
        best = {c.entry.id: c for c in ranked}
        read, named_in_reading = self.rank(arabic, lang)
        for candidate in read:
            if candidate.entry.id not in best or candidate.score > best[candidate.entry.id].score:
                best[candidate.entry.id] = candidate
        return sorted(best.values(), key=lambda c: c.score, reverse=True), names_service or named_in_reading
