"""What the matcher decides, as data: the candidates, the decision and the lexical evidence behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.knowledge.schema import Entry

from .combine import Action

Intent = Literal["service", "smalltalk", "emergency", "person", "complex", "offtopic", "unknown"]

@dataclass(frozen=True)
class Candidate:
    entry: Entry
    score: float  # what decided: the lexical score, or the combined one when the semantic layer took part
    lexical: float | None = None  # with the semantic layer: both kinds of evidence, for `ask --json`
    semantic: float | None = None


@dataclass(frozen=True)
class Decision:
    action: Action
    lang: str
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)
    intent: Intent = "service"
    layers: tuple[str, ...] = ("lexical",)  # which kinds of evidence decided
    agree: bool | None = None  # with the semantic layer: both rankers put the same service first

    @property
    def best(self) -> Entry | None:
        return self.candidates[0].entry if self.candidates else None


@dataclass(frozen=True)
class Evidence:
    """The lexical evidence for a message no intent decided: its language, ranking and length."""

    lang: str
    ranked: list[Candidate]
    n_words: int
    names_service: bool = False  # a word of a service's title ("Anmeldung", "Jobcenter") is in the message
