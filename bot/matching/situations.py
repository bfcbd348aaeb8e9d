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

from bot.knowledge.schema import Intents

from .normalize import normalise
from .phrases import pattern


@dataclass(frozen=True)
class _Situation:
    name: str
    answer: tuple[str, ...]
    groups: tuple[re.Pattern[str], ...]  # one phrase of each must be in the message
    unless: re.Pattern[str]


@dataclass(frozen=True)
class Situations:
    known: tuple[_Situation, ...]

    @classmethod
    def build(cls, intents: Intents) -> Situations:
        return cls(tuple(
            _Situation(name, s.answer, tuple(pattern(group) for group in s.all), pattern(s.unless))
            for name, s in intents.situations.items()
        ))

    def answer_for(self, texts: tuple[str, ...]) -> tuple[str, ...] | None:
        """The entries that help in the first situation one of `texts` (the readings of a message) tells."""
        padded = [f" {normalise(text)} " for text in texts]  # once per reading, not per phrase group
        for situation in self.known:
            for text in padded:
                if all(g.search(text) for g in situation.groups) and not situation.unless.search(text):
                    return situation.answer
        return None
