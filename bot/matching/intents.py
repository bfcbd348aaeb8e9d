"""Small talk, emergencies and complex personal cases, recognised from knowledge/intents.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.schema import Intents

from .normalize import normalise

_EMOJI_ONLY_MAX = 3  # a message of just 👍 or 🙏 is chat


def _phrases(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(p for p in (normalise(w) for w in words) if p)


def _contains(padded: str, phrase: str) -> bool:
    return f" {phrase} " in padded


@dataclass(frozen=True)
class IntentMatcher:
    smalltalk: frozenset[str]
    offtopic: frozenset[str]
    emergency: tuple[tuple[str, tuple[str, ...], frozenset[str]], ...]
    strong: frozenset[str]
    weak: frozenset[str]

    @classmethod
    def build(cls, intents: Intents) -> IntentMatcher:
        return cls(
            smalltalk=_phrases(intents.smalltalk),
            offtopic=_phrases(intents.offtopic),
            emergency=tuple(
                (name, intent.prefer, _phrases(intent.words)) for name, intent in intents.emergency.items()
            ),
            strong=_phrases(intents.complex.strong),
            weak=_phrases(intents.complex.weak),
        )

    def is_smalltalk(self, text: str) -> bool:
        """True when nothing but greetings, thanks or emoji is left."""
        norm = normalise(text)
        if not norm:
            return 0 < len(text.strip()) <= _EMOJI_ONLY_MAX * 2
        rest = f" {norm} "
        for phrase in sorted(self.smalltalk, key=len, reverse=True):
            rest = rest.replace(f" {phrase} ", " ")
        return not rest.strip() or (rest.strip() != norm and len(rest.split()) <= 1 and len(rest.strip()) <= 4)

    def mentions(self, text: str, kind: str) -> bool:
        """Whether any phrase of `kind` ('smalltalk' or 'offtopic') occurs in the text."""
        padded = f" {normalise(text)} "
        phrases: frozenset[str] = getattr(self, kind)
        return any(_contains(padded, phrase) for phrase in phrases)

    def emergency_kind(self, text: str) -> tuple[str, tuple[str, ...]] | None:
        padded = f" {normalise(text)} "
        for name, prefer, phrases in self.emergency:
            if any(_contains(padded, phrase) for phrase in phrases):
                return name, prefer
        return None

    def is_complex(self, text: str, n_tokens: int) -> bool:
        padded = f" {normalise(text)} "
        if any(_contains(padded, phrase) for phrase in self.strong):
            return True
        weak_hits = sum(1 for phrase in self.weak if _contains(padded, phrase))
        return weak_hits >= 2 or (weak_hits >= 1 and n_tokens >= 14)
