"""Small talk, emergencies, complex and urgent legal cases, requests for a person, from knowledge/intents.yaml."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.knowledge.schema import Intents

from .gibberish import is_gibberish
from .normalize import normalise
from .phrases import cut, found, near, pattern, phrases
from .situations import Told
from .tuning import (
    COMPLEX_DOMAINS,
    COMPLEX_OVERWHELMED_DOMAINS,
    LEGAL_REQUEST_WEAK,
    LONG_STORY_TOKENS,
    WEAK_WORD_DOMAINS,
)

_EMOJI_ONLY_MAX = 3  # a message of just 👍 or 🙏 is chat
_PERSON_ALONE_MAX = 2  # "Mitarbeiter bitte" asks for a person; "человек без сознания" does not
# "Veranstaltungen diesen Monat?" asks for the events list; a long message that mentions an event
# ("the Jobcenter sent me to an info event about ...") is a question about a service
_EVENTS_MAX_WORDS = 10
@dataclass(frozen=True)
class EmergencyWords:
    """One kind of emergency (knowledge/intents.yaml `emergency`): its services first, its words, its weak words,
    the phrases that cancel those (`unless`) and the phrases that place its words in the past or use them as a figure
    of speech (`earlier`: the schema's `earlier` and `figurative`)."""

    name: str
    prefer: tuple[str, ...]
    words: re.Pattern[str]
    weak: re.Pattern[str]
    unless: re.Pattern[str]
    earlier: re.Pattern[str]


@dataclass(frozen=True)
class IntentMatcher:
    smalltalk: frozenset[str]  # whole phrases: what is left after removing them decides
    smalltalk_any: re.Pattern[str]
    offtopic: re.Pattern[str]
    offtopic_unless: re.Pattern[str]  # who pays or which office: then the errand is a benefits question
    offtopic_errands: re.Pattern[str]  # a gym sign-up, a dog day-care: off-topic however long the message
    offtopic_play: re.Pattern[str]  # a pet or a band named after an office, a joke about one: off-topic
    nearby_places: re.Pattern[str]  # a café, a snack bar ...
    nearby_near: re.Pattern[str]  # ... next to, opposite or near something (an office): off-topic
    nearby_unless: re.Pattern[str]  # working there, a language café: not leisure
    emergency: tuple[EmergencyWords, ...]
    strong: re.Pattern[str]
    weak: tuple[re.Pattern[str], ...]
    letters: re.Pattern[str]  # "Brief", "письмо", "نامه": a weak word ...
    letter_senders: re.Pattern[str]  # ... unless alone and from the Jobcenter, a bank, the school
    legal_request: re.Pattern[str]  # "free legal advice": then the weak words are the need, not a tangle
    no_stake: re.Pattern[str]  # "came through family reunification", "the bank refused": its weak word is no stake
    domains: tuple[tuple[str, re.Pattern[str]], ...]  # life domain -> its problem phrases
    overwhelmed: re.Pattern[str]  # "I don't know where to start", "kafam çok karıştı"
    complicated: re.Pattern[str]  # "my case is complicated", "durumum çok karışık"
    own_ask: re.Pattern[str]  # "check", "where is", "на каком этапе" ...
    own_mine: re.Pattern[str]  # ... together with "my application", "dosyam", "ملفي"
    case_exactly: re.Pattern[str]  # "genau", "конкретно", "بالضبط" ...
    case_mine: re.Pattern[str]  # ... together with "in my case", "в моей ситуации", "بحالتي"
    case_situations: tuple[Told, ...]  # "we are divorcing" and "my residence depends on him"
    person: re.Pattern[str]
    person_near: re.Pattern[str]  # "mit einer Beraterin sprechen": a word of talking near one for staff
    person_unless: re.Pattern[str]  # "nicht mit einem Mann": then that is a service (women's counselling)
    person_alone: re.Pattern[str]
    urgent: re.Pattern[str]
    organisation: re.Pattern[str]
    speaker: re.Pattern[str]
    events: re.Pattern[str]

    @classmethod
    def build(cls, intents: Intents) -> IntentMatcher:
        return cls(
            smalltalk=phrases(intents.smalltalk),
            smalltalk_any=pattern(intents.smalltalk),
            offtopic=pattern(intents.offtopic),
            offtopic_unless=pattern(intents.offtopic_unless),
            offtopic_errands=pattern(intents.offtopic_errands),
            offtopic_play=pattern(intents.offtopic_play),
            nearby_places=pattern(intents.offtopic_nearby.places),
            nearby_near=pattern(intents.offtopic_nearby.near),
            nearby_unless=pattern(intents.offtopic_nearby.unless),
            emergency=tuple(
                EmergencyWords(name, intent.prefer, pattern(intent.words), pattern(intent.weak),
                               pattern(intent.unless), pattern(intent.earlier + intent.figurative))
                for name, intent in intents.emergency.items()
            ),
            strong=pattern(intents.complex.strong),
            weak=tuple(pattern((w,)) for w in intents.complex.weak),
            letters=pattern(intents.complex.letters),
            letter_senders=pattern(intents.complex.letter_senders),
            legal_request=pattern(intents.complex.legal_request),
            no_stake=pattern(intents.complex.no_stake),
            domains=tuple((name, pattern(words)) for name, words in intents.complex.domains.items()),
            overwhelmed=pattern(intents.complex.overwhelmed),
            complicated=pattern(intents.complex.complicated),
            own_ask=pattern(intents.complex.own_file.ask),
            own_mine=pattern(intents.complex.own_file.mine),
            case_exactly=pattern(intents.complex.my_case.exactly),
            case_mine=pattern(intents.complex.my_case.case),
            case_situations=tuple(Told.of(name, s) for name, s in intents.complex.situations.items()),
            person=pattern(intents.person.phrases),
            person_near=near(intents.person.talk, intents.person.who),
            person_unless=pattern(intents.person.unless),
            person_alone=pattern(intents.person.alone),
            urgent=pattern(intents.urgent_legal),
            organisation=pattern(intents.organisation),
            speaker=pattern(intents.speaker),
            events=pattern(intents.events),
        )

    def without_smalltalk(self, text: str) -> str:
        """The normalised text with greetings and thanks taken out ("danke, wo ist das Bürgeramt")."""
        rest = f" {normalise(text)} "
        for phrase in sorted(self.smalltalk, key=len, reverse=True):
            while f" {phrase} " in rest:
                rest = rest.replace(f" {phrase} ", " ")
        return " ".join(rest.split())

    def without_person_request(self, text: str) -> str:
        """The normalised text with the request for a person taken out ("kann mir jemand persönlich helfen, ich
        verstehe die Briefe vom Jobcenter nicht" -> "kann mir ich verstehe die briefe vom jobcenter nicht")."""
        return cut(self.person_near, cut(self.person, f" {normalise(text)} ")).strip()

    def is_smalltalk(self, text: str) -> bool:
        """True when nothing but greetings, thanks or emoji is left."""
        norm = normalise(text)
        if not norm:
            return 0 < len(text.strip()) <= _EMOJI_ONLY_MAX * 2
        rest = self.without_smalltalk(text)
        return not rest or (rest != norm and len(rest.split()) <= 1 and len(rest) <= 4)

    def mentions(self, text: str, kind: str) -> bool:
        """Whether any phrase of `kind` ('smalltalk' or 'offtopic') occurs in the text; an off-topic phrase
        not when the text also names who pays or an office (`offtopic_unless`), nor a debt ("Inkasso wegen
        Handyvertrag" is a debt told with its phone contract)."""
        if kind == "smalltalk":
            return found(self.smalltalk_any, text)
        return found(self.offtopic, text) and not found(self.offtopic_unless, text) and not self._names_debt(text)

    def _names_debt(self, text: str) -> bool:
        return any(name == "debt" and found(words, text) for name, words in self.domains)

    def offtopic_errand(self, text: str) -> bool:
        """A leisure errand that borrows an office word ("Anmeldung im Fitnessstudio", "kita für hunde"), told
        however long; not when the text names who pays or an office (`offtopic_unless`)."""
        return found(self.offtopic_errands, text) and not found(self.offtopic_unless, text)

    def plays_with_office(self, text: str) -> bool:
        """An office's name used in play: a pet, a band or a game's town called after it, a joke, a poem or a funny
        name asked about it, its building admired, a café or a snack bar next to it. The office word names no need,
        whichever office it is."""
        padded = f" {normalise(text)} "  # once: play, place, nearness and the exceptions read the same text
        if self.offtopic_play.search(padded):
            return True
        return bool(self.nearby_places.search(padded) and self.nearby_near.search(padded)
                    and not self.nearby_unless.search(padded))

    def names_payer_or_office(self, text: str) -> bool:
        """"Does the Jobcenter pay the swimming course?" is a benefits question, whatever else it sounds like."""
        return found(self.offtopic_unless, text)

    def emergency_kind(self, text: str) -> tuple[str, tuple[str, ...]] | None:
        padded = f" {normalise(text)} "
        for kind in self.emergency:
            # "після інсульту" (after a stroke) tells of the past: its words are left out, the rest still counts
            if kind.words.search(cut(kind.earlier, padded)):
                return kind.name, kind.prefer
        for kind in self.emergency:  # "threatens me", unless it says what with
            if kind.weak.search(padded) and not kind.unless.search(padded):  # (no weak words: matches nothing)
                return kind.name, kind.prefer
        return None

    def is_complex(self, text: str, n_tokens: int) -> bool:
        padded = f" {normalise(text)} "
        if self.strong.search(padded) or self.complicated.search(padded):
            return True  # deportation, a revoked permit; "mein Fall ist kompliziert": the person says it is a case
        domains = self._domains_in(padded)
        told = cut(self.no_stake, padded)  # the stakes, without the story around them
        stakes = sum(1 for words in self.weak if words.search(told))
        letter = self.letters.search(told) is not None
        debt_only = bool(domains) and set(domains) <= WEAK_WORD_DOMAINS  # a debt arrives by letter, court ones too
        routine = letter and (debt_only or (stakes == 0 and self.letter_senders.search(padded) is not None))
        weak_hits = stakes + (letter and not routine)
        if self.legal_request.search(padded):  # the court letter and the lawyer are the need told, not a tangle
            if weak_hits >= LEGAL_REQUEST_WEAK:
                return True
        elif weak_hits >= 2:
            return True
        elif weak_hits == 1 and n_tokens >= LONG_STORY_TOKENS and not debt_only:
            return True  # one weak word in a long story, unless it is how that need arrives (a debt's letter)
        if self.own_ask.search(padded) and self.own_mine.search(padded):
            return True  # "can you check whether my application arrived": only a caseworker can look
        if self.case_exactly.search(padded) and self.case_mine.search(padded):
            return True  # "what exactly must I do in my case": individual advice
        if any(situation.in_text(padded) for situation in self.case_situations):
            return True  # "we are divorcing" and "my residence depends on him"
        if len(domains) >= COMPLEX_DOMAINS:
            return True
        return len(domains) >= COMPLEX_OVERWHELMED_DOMAINS and self.overwhelmed.search(padded) is not None

    def life_domains(self, text: str) -> tuple[str, ...]:
        """The life domains the message names a problem in ("the landlord gave notice" -> housing).

        Problems in several domains at once (tuning.COMPLEX_DOMAINS), or in fewer told by someone who does not know
        where to start (tuning.COMPLEX_OVERWHELMED_DOMAINS), are one tangled case for a person.
        """
        return self._domains_in(f" {normalise(text)} ")

    def _domains_in(self, padded: str) -> tuple[str, ...]:
        return tuple(name for name, words in self.domains if words.search(padded))

    def wants_person(self, text: str) -> bool:
        """The user asks for a human instead of the bot ("ich möchte mit einem Menschen sprechen").

        Check emergencies first: "I need someone to talk to" in a crisis is not this.
        """
        if found(self.person, text):
            return True
        if found(self.person_near, text) and not found(self.person_unless, text):
            return True
        rest = self.without_smalltalk(text)
        return len(rest.split()) <= _PERSON_ALONE_MAX and found(self.person_alone, rest)

    def legal_stakes(self, text: str) -> bool:
        """A `complex.strong` word: deportation, a revoked permit, a child taken into care."""
        return found(self.strong, text)

    def urgent_legal(self, text: str) -> bool:
        """Deportation, detention, police custody, a court date or an appeal deadline: urgent legal help."""
        return found(self.urgent, text)

    def asks_for_organisation(self, text: str) -> bool:
        """The message asks for an association, a community, a group or a club."""
        return found(self.organisation, text)

    def asks_for_speaker(self, text: str) -> bool:
        """The message looks for a speaker or an expert (for a school, an association, an event)."""
        return found(self.speaker, text)

    def without_organisation_words(self, text: str) -> str:
        """The normalised text without the organisation and speaker words: what is left may still name an office."""
        rest = f" {normalise(text)} "
        for words in (self.organisation, self.speaker):
            rest = cut(words, rest)
        return rest.strip()

    def asks_events(self, text: str) -> bool:
        """A short message asking what is on: "what's on this month", "Veranstaltungen", "فعاليات"."""
        return len(normalise(text).split()) <= _EVENTS_MAX_WORDS and found(self.events, text)

    def is_gibberish(self, text: str) -> bool:
        """No words to answer: keyboard mash, markup, punctuation or emoji only.

        A greeting is never gibberish, nor are one to three emoji (👍, 🙏): those are chat.
        """
        if self.smalltalk_any.search(f" {normalise(text)} "):
            return False
        symbols = [ch for ch in text if unicodedata.category(ch) == "So"]
        if not normalise(text) and 0 < len(symbols) <= _EMOJI_ONLY_MAX:
            return False
        return is_gibberish(text)
