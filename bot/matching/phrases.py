"""The phrase syntax editors write in knowledge/intents.yaml, compiled to regular expressions.

One syntax for every list (small talk, emergencies, complex cases, situations): a word ending in `*` also
matches longer words, `...` stands for a few other words, Arabic clitics are allowed before Arabic words.
Texts are searched normalised (bot/matching/normalize.py) with a space at each end, so phrases match whole words.
"""

from __future__ import annotations

import re

from .normalize import normalise, script_of

_ARABIC_CLITICS = "(?:[وف]?[بلك]?(?:ال|ل)?)"
# "..." between two words of a phrase stands for up to _GAP_WORDS other words: "jobcenter zahlt ... nix" also
# finds "jobcenter zahlt seit 2 monaten nix", "aufenthalt* läuft ... ab" "mein aufenthalt läuft im januar ab".
_GAP = "..."
_GAP_WORDS = 3
_GAP_PATTERN = rf"(?:\S+ ){{0,{_GAP_WORDS}}}"


def phrases(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(p for p in (normalise(w) for w in words) if p)


def pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a list of phrases; a word ending in `*` also matches longer words (`schlag*`), a word `...`
    stands for up to _GAP_WORDS other words (`jobcenter zahlt ... nix`).

    Inflected languages say "бьёт", "бьют", "избил": a word stem with `*` lets editors cover the
    forms in one line instead of guessing every ending.
    """
    alternatives = []
    for phrase in words:
        parts = []
        for word in phrase.split():
            if word == _GAP:
                parts.append(_GAP_PATTERN)
                continue
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
            alternatives.append(" ".join(parts).replace(_GAP_PATTERN + " ", _GAP_PATTERN))
    if not alternatives:
        return re.compile(r"(?!x)x")  # matches nothing
    alternatives.sort(key=len, reverse=True)
    return re.compile(r"(?<= )(?:" + "|".join(alternatives) + r")(?= )")


def near(first: tuple[str, ...], second: tuple[str, ...], words: int = _GAP_WORDS) -> re.Pattern[str]:
    """A phrase of `first` and one of `second` at most `words` words apart, in either order: "mit einer
    Beraterin sprechen" and "speak to a caseworker" alike, without listing every sentence."""
    if not first or not second:
        return re.compile(r"(?!x)x")
    a, b = (pattern(w).pattern.removeprefix("(?<= )").removesuffix("(?= )") for w in (first, second))
    gap = rf" (?:\S+ ){{0,{words}}}"
    return re.compile(rf"(?<= )(?:{a}{gap}{b}|{b}{gap}{a})(?= )")


def found(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(f" {normalise(text)} ") is not None


def cut(pattern: re.Pattern[str], padded: str) -> str:
    """`padded` (a normalised text with a space at each end) without `pattern`'s phrases, padded again."""
    return f" {' '.join(pattern.sub(' ', padded).split())} "
