"""Small talk, emergencies and complex personal cases, recognised from knowledge/intents.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.schema import Intents

from .normalize import normalise, script_of

_EMOJI_ONLY_MAX = 3  # a message of just 👍 or 🙏 is chat
_ARABIC_CLITICS = "(?:[وف]?[بلك]?(?:ال|ل)?)"


def _phrases(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(p for p in (normalise(w) for w in words) if p)


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a list of phrases; a word ending in `*` also matches longer words (`schlag*`).

    Inflected languages say "бьёт", "бьют", "избил": a word stem with `*` lets editors cover the
    forms in one line instead of guessing every ending.
    """
    alternatives = []
    for phrase in words:
        parts = []
        for word in phrase.split():
            core = normalise(word.rstrip("*"))
            for token in core.split():
                prefix = ""
                if script_of(token) == "arabic":  # Arabic joins "and", "with", "the" to the word: بالمحكمة
                    token = token.removeprefix("ال") if len(token) > 4 else token
                    prefix = _ARABIC_CLITICS
                parts.append(prefix + re.escape(token))
            if parts and word.endswith("*"):
                parts[-1] += r"\w*"
        if parts:
            alternatives.append(" ".join(parts))
    if not alternatives:
        return re.compile(r"(?!x)x")  # matches nothing
    alternatives.sort(key=len, reverse=True)
    return re.compile(r"(?<= )(?:" + "|".join(alternatives) + r")(?= )")


def _found(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(f" {normalise(text)} ") is not None


@dataclass(frozen=True)
class IntentMatcher:
    smalltalk: frozenset[str]  # whole phrases: what is left after removing them decides
    smalltalk_any: re.Pattern[str]
    offtopic: re.Pattern[str]
    emergency: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...]
    strong: re.Pattern[str]
    weak: tuple[re.Pattern[str], ...]

    @classmethod
    def build(cls, intents: Intents) -> IntentMatcher:
        return cls(
            smalltalk=_phrases(intents.smalltalk),
            smalltalk_any=_pattern(intents.smalltalk),
            offtopic=_pattern(intents.offtopic),
            emergency=tuple(
                (name, intent.prefer, _pattern(intent.words)) for name, intent in intents.emergency.items()
            ),
            strong=_pattern(intents.complex.strong),
            weak=tuple(_pattern((w,)) for w in intents.complex.weak),
        )

    def without_smalltalk(self, text: str) -> str:
        """The normalised text with greetings and thanks taken out ("danke, wo ist das Bürgeramt")."""
        rest = f" {normalise(text)} "
        for phrase in sorted(self.smalltalk, key=len, reverse=True):
            while f" {phrase} " in rest:
                rest = rest.replace(f" {phrase} ", " ")
        return " ".join(rest.split())

    def is_smalltalk(self, text: str) -> bool:
        """True when nothing but greetings, thanks or emoji is left."""
        norm = normalise(text)
        if not norm:
            return 0 < len(text.strip()) <= _EMOJI_ONLY_MAX * 2
        rest = self.without_smalltalk(text)
        return not rest or (rest != norm and len(rest.split()) <= 1 and len(rest) <= 4)

    def mentions(self, text: str, kind: str) -> bool:
        """Whether any phrase of `kind` ('smalltalk' or 'offtopic') occurs in the text."""
        return _found(self.smalltalk_any if kind == "smalltalk" else self.offtopic, text)

    def emergency_kind(self, text: str) -> tuple[str, tuple[str, ...]] | None:
        for name, prefer, pattern in self.emergency:
            if _found(pattern, text):
                return name, prefer
        return None

    def is_complex(self, text: str, n_tokens: int) -> bool:
        padded = f" {normalise(text)} "
        if self.strong.search(padded):
            return True
        weak_hits = sum(1 for pattern in self.weak if pattern.search(padded))
        return weak_hits >= 2 or (weak_hits >= 1 and n_tokens >= 14)
