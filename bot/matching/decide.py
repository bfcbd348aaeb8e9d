"""Decide: answer with one entry, clarify between a few, or hand off to a person.

Every weight and threshold lives in `tuning.py`, with its reason.
"""

from __future__ import annotations

from dataclasses import replace

from bot.knowledge.model import KnowledgeBase

from .ages import without_ruled_out
from .arabic_latin import arabic_text, readers_for
from .combine import combine
from .cyrillic import model_text, readings
from .decision import Candidate, Decision, Evidence, Intent
from .index import Index, content_tokens
from .intents import IntentMatcher
from .langid import detect
from .lexical import LexicalRanker
from .model_checks import Emergency, ModelChecks
from .ngrams import NgramScorer
from .normalize import tokens
from .places import district_in
from .semantic import Vector
from .semantic_index import SemanticIndex
from .situations import Situations
from .tuning import (
    CANDIDATES_SHOWN,
    CHAT_WORDS,
    OFFTOPIC_WORDS,
    SHORT_MESSAGE,
    SemanticTuning,
    Thresholds,
)


class Matcher:
    def __init__(
        self, kb: KnowledgeBase, thresholds: Thresholds | None = None, semantic: SemanticTuning | None = None
    ) -> None:
        self.kb = kb
        self.index = Index.build(kb)
        self.intents = IntentMatcher.build(kb.intents)
        self.situations = Situations.build(kb.intents)  # "recognised, the Sozialamt stops paying": Jobcenter
        self.thresholds = thresholds or Thresholds()
        self.semantic_tuning = semantic or SemanticTuning()
        self.semantic: SemanticIndex | None = None  # attached once built (a cold cache takes minutes)
        self.checks = ModelChecks(kb, self.intents)  # emergencies and off-topic requests told by the model
        self.latin_readers = readers_for(kb)  # Arabic and Persian in Latin letters, for the model
        self.lexical = LexicalRanker(self.index, NgramScorer(self.index.entries), self.latin_readers)

    def attach(self, index: SemanticIndex) -> None:
        """Use the semantic layer from now on; it must describe this knowledge base's active entries."""
        if index.entry_ids != tuple(e.id for e in self.kb.active):
            raise ValueError("semantic index was built for other knowledge")
        self.semantic = index

    def rank(self, text: str, lang: str) -> list[Candidate]:
        """Entries with any lexical evidence, best first, scored 0..1."""
        return self.lexical.rank(text, lang)[0]

    def match(
        self, text: str, lang: str | None = None, district: str | None = None, vector: Vector | None = None
    ) -> Decision:
        """Decide for a message; with `district`, a district-bound service is that district's office.

        `vector` is the message's embedding (`semantic.embed_query`); without it, or before the semantic
        index is attached, the lexical evidence decides alone.
        """
        decision = self._match(text, lang, vector)
        expand = decision.action == "answer"
        return replace(decision, candidates=self._by_district(decision.candidates, district, district_in(text), expand))

    def _by_district(
        self, candidates: tuple[Candidate, ...], district: str | None, named: str | None, expand: bool
    ) -> tuple[Candidate, ...]:
        """Each service as the district's office (`KnowledgeBase.office_for`); when the district is
        unknown, an answer lists every district's office right after the first."""
        out: list[Candidate] = []
        for rank, candidate in enumerate(candidates):
            own, others = self.kb.office_for(candidate.entry, district, named)
            out.append(replace(candidate, entry=own))
            if others and rank == 0 and expand:
                out.extend(replace(candidate, entry=v) for v in others)
        return tuple(out)

    def detect_language(self, text: str, hint: str | None = None) -> str:
        return detect(text, hint) if text.strip() else (hint or "en")

    def _match(self, text: str, lang: str | None, vector: Vector | None) -> Decision:
        early, evidence = self.evidence(text, lang)
        if early is not None and early.intent == "emergency":
            return early
        # each entry's best example and title-and-summary similarities and the classifier's probability of it,
        # computed once for the emergency check and the decision
        table = passages = probabilities = None
        if vector is not None and self.semantic is not None:
            scores = self.semantic.scores(vector)
            table, passages, probabilities = scores[:, 0], scores[:, 1], self.semantic.probabilities(vector)
        unlisted = self.checks.emergency(text, table, probabilities) if table is not None else None
        if unlisted is not None:
            used = early.lang if early is not None else evidence.lang if evidence is not None else "en"
            return Decision("answer", used, self._preferred_first(unlisted[1], []), "emergency", ("semantic",))
        if early is not None:
            return early
        assert evidence is not None
        evidence, (table, passages, probabilities) = without_ruled_out(  # "ich bin 52": no service for under-25s
            text, self.kb.active, evidence, table, passages, probabilities)
        if table is None:
            return self.decide(evidence.lang, evidence.ranked, evidence.n_words)
        assert self.semantic is not None and vector is not None  # the table is only computed with both
        lexical = evidence.ranked[0].score if evidence.ranked else 0.0
        if self.checks.offtopic(self.semantic, text, vector, table, lexical, evidence.names_service):
            return Decision("handoff", evidence.lang, (), "offtopic", ("semantic",))
        return self.combined(evidence, table, probabilities, passages)

    def combined(
        self, evidence: Evidence, similarities: Vector, probabilities: Vector | None = None,
        passages: Vector | None = None,
    ) -> Decision:
        lexical = [(c.entry, c.score) for c in evidence.ranked]
        verdict = combine(lexical, similarities, self.kb.active, evidence.n_words, self.semantic_tuning,
                          probabilities, passages)
        candidates = tuple(Candidate(s.entry, round(s.combined, 4), s.lexical, round(s.semantic, 4))
                           for s in verdict.candidates)
        intent: Intent = "unknown" if verdict.action == "handoff" else "service"
        return Decision(verdict.action, evidence.lang, candidates, intent, ("lexical", "semantic"), verdict.agree)

    def text_for_model(self, text: str, lang: str | None = None) -> str:
        """What the sentence model embeds for a message (the bot's semantic layer and the benches alike): Russian or
        Ukrainian in Latin letters in Cyrillic, Arabic and Persian in Latin letters in Arabic script where known
        words fit (`arabic_latin`), which the model knows far better; anything else as typed."""
        used = self.detect_language(text, lang)
        return arabic_text(model_text(text, used), used, self.latin_readers)

    def emergency_readings(self, text: str, used: str) -> tuple[str, ...]:
        """Where the emergency words are looked for in a message in language `used`: its readings
        (`cyrillic.readings`), and Arabic or Persian in Latin letters also in Arabic script ("mesh 2ader yetnafes"
        is the listed "مش قادر يتنفس"). Only here: read so, Persian letters about debts matched the complex-case
        phrases and went to a person instead of the debt counselling."""
        forms = readings(text, used)
        arabic = arabic_text(text, used, self.latin_readers)
        return forms if arabic == text else (*forms, arabic)

    def listed_emergency(self, text: str, lang: str | None = None) -> Emergency | None:
        """An emergency a listed word names, in any reading of the message (`Matcher.emergency_readings`), in the
        language of the user's choice and in the one the text reads as without it: someone who chose English or
        German may write Russian in Latin letters in an emergency, and detection keeps a Latin choice for such text."""
        languages = dict.fromkeys((self.detect_language(text, lang), self.detect_language(text)))
        forms = dict.fromkeys(form for used in languages for form in self.emergency_readings(text, used))
        return self._listed_emergency(tuple(forms))

    def also_a_case(self, text: str, lang: str | None = None) -> bool:
        """Beside the danger, a stake only a caseworker can sort out: a residence tied to the violent husband ("my
        permit depends on him"), or a case for a person as `is_complex` tells it (a tangle, a revoked permit). The
        emergency card comes first; a caseworker is offered too (blind set 32: three such messages, which writers
        label as cases for a person)."""
        forms = self.emergency_readings(text, self.detect_language(text, lang))
        return any(
            self.intents.is_complex(f, len(tokens(f))) or "residence" in self.intents.life_domains(f) for f in forms
        )

    def _listed_emergency(self, forms: tuple[str, ...]) -> Emergency | None:
        return next((kind for kind in map(self.intents.emergency_kind, forms) if kind is not None), None)

    def evidence(self, text: str, lang: str | None = None) -> tuple[Decision | None, Evidence | None]:
        """What the intents decide before any service is scored, or the lexical evidence for a decision."""
        used = self.detect_language(text, lang)
        typed = text
        forms = readings(text, used)  # Russian or Ukrainian in Latin letters: in Cyrillic, then as typed
        text = forms[0]
        if self.intents.is_smalltalk(text):
            return Decision("handoff", used, (), "smalltalk"), None
        rest = self.intents.without_smalltalk(text)  # "thanks" says nothing of the need
        ranked, names_service = self.lexical.rank_readings(rest, used)
        emergency = self._listed_emergency(self.emergency_readings(typed, used))
        if emergency is not None:
            return Decision("answer", used, self._preferred_first(emergency[1], ranked), "emergency"), None
        if any(self.intents.wants_person(f) for f in forms):  # the bot hands off before matching (question.py)
            return Decision("handoff", used, tuple(_distinct(ranked)[:CANDIDATES_SHOWN]), "person"), None
        n_tokens = len(tokens(text))
        if any(self.intents.is_complex(f, n_tokens) or self.intents.urgent_legal(f) for f in forms):
            return Decision("handoff", used, tuple(_distinct(ranked)[:CANDIDATES_SHOWN]), "complex"), None
        # "eine Kita für Hunde", "mein Hamster heißt Jobcenter": before the situations
        if any(self.intents.offtopic_errand(f) or self.intents.plays_with_office(f) for f in forms):
            return Decision("handoff", used, (), "offtopic"), None
        helps = self.situations.answer_for(forms)
        if helps is not None:
            return Decision("answer", used, self._preferred_first(helps, ranked), "service", ("situation",)), None
        strong = bool(ranked) and ranked[0].score >= self.thresholds.strong
        n_words = len(content_tokens(rest))
        chat = n_words <= CHAT_WORDS  # "thanks a lot, God bless you"; not "Hallo, ich bin ..."
        if chat and not strong and self.intents.mentions(text, "smalltalk"):
            return Decision("handoff", used, (), "smalltalk"), None
        short = not strong and n_words <= OFFTOPIC_WORDS  # errands (above) at any length
        if short and any(self.intents.mentions(f, "offtopic") for f in forms):
            return Decision("handoff", used, (), "offtopic"), None
        return None, Evidence(used, ranked, n_words, names_service)

    def decide(self, lang: str, ranked: list[Candidate], n_words: int) -> Decision:
        t = self.thresholds
        gap = t.gap_short if n_words <= SHORT_MESSAGE else t.gap
        options = _distinct(ranked)
        if not options or options[0].score < t.clarify:
            return Decision("handoff", lang, tuple(options[:CANDIDATES_SHOWN]), "unknown")
        best = options[0]
        rival = next((c for c in options[1:] if not set(c.entry.topics) & set(best.entry.topics)), None)
        lead = best.score - (rival.score if rival else 0.0)
        if best.score >= t.answer and lead >= gap:
            return Decision("answer", lang, tuple(options[:CANDIDATES_SHOWN]))
        return Decision("clarify", lang, tuple(options[:CANDIDATES_SHOWN]))

    def semantic_emergency(self, text: str, vector: Vector) -> Emergency | None:
        """An emergency no listed word named, told by the sentence model: (kind, services first) or None."""
        if self.semantic is None:
            return None
        return self.checks.emergency(text, self.semantic.scores(vector)[:, 0], self.semantic.probabilities(vector))

    def _preferred_first(self, prefer: tuple[str, ...], ranked: list[Candidate]) -> tuple[Candidate, ...]:
        """An emergency's or a situation's own services only: a neighbourhood centre that matched a word is no
        help at night."""
        first = [Candidate(e, 1.0) for e in (self.kb.get(i) for i in prefer) if e is not None]
        return tuple(first[:CANDIDATES_SHOWN]) if first else tuple(ranked[:CANDIDATES_SHOWN])


def _distinct(ranked: list[Candidate]) -> list[Candidate]:
    """One candidate per service: district variants of one service are not rivals."""
    seen: set[str] = set()
    out = []
    for candidate in ranked:
        key = candidate.entry.service or candidate.entry.id
        if key not in seen:
            seen.add(key)
            out.append(candidate)
    return out
