"""Situations where the need is not the office the message names (knowledge/intents.yaml `situations`).

"We were recognised last week and the Sozialamt says it stops paying": every word points at the Sozialamt, the
office that named itself, but from the month after the recognition the Jobcenter pays (the Sozialamt's card says
so). On the sets after blind set 19's first look, seven messages of this kind went to the Sozialamt or elsewhere.
Such transitions are few and known to every caseworker, so editors list them with their words instead of hoping
the example banks teach them (each bank change retrains the classifier and moves unrelated decisions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.schema import CaseSituation, Intents

from .normalize import normalise
from .phrases import pattern


@dataclass(frozen=True)
class Told:
    """A situation's phrase groups compiled (`CaseSituation`); `complex.situations` use it alone."""

    name: str
    answer: tuple[str, ...]
    groups: tuple[re.Pattern[str], ...]  # one phrase of each must be in the message
    unless: re.Pattern[str]

    @classmethod
    def of(cls, name: str, situation: CaseSituation, answer: tuple[str, ...] = ()) -> Told:
        return cls(name, answer, tuple(pattern(group) for group in situation.all), pattern(situation.unless))

    def in_text(self, padded: str) -> bool:
        """Whether the normalised, space-padded text tells this situation."""
        return all(g.search(padded) for g in self.groups) and not self.unless.search(padded)


@dataclass(frozen=True)
class Situations:
    known: tuple[Told, ...]

    @classmethod
    def build(cls, intents: Intents) -> Situations:
        return cls(tuple(Told.of(name, s, s.answer) for name, s in intents.situations.items()))

    def answer_for(self, texts: tuple[str, ...]) -> tuple[str, ...] | None:
        """The entries that help in the first situation one of `texts` (the readings of a message) tells."""
        padded = [f" {normalise(text)} " for text in texts]  # once per reading, not per phrase group
        for situation in self.known:
            if any(situation.in_text(text) for text in padded):
                return situation.answer
        return None
