"""Ages a message tells ("ich bin 52", "мені 24", "pesaram 3 salashe", "عمري ١٩"), and the services they rule out.

A service for young people under 25 is no answer for a 52-year-old accountant, a welcome class none for a
two-year-old: the sentence model does not read numbers, so on the sets the Jugendberufsagentur came first for
people in their fifties and the welcome classes for toddlers (blind sets 14-19). Entries say whom they serve in
`ages` (from their sources); a message that tells ages, all outside an entry's, does not get that entry.
Only forms that say an age are read: "seit 3 Jahren hier", "25 років стажу", "2 sal ast inja" are durations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from bot.knowledge.schema import Entry

from .decision import Evidence
from .normalize import normalise
from .semantic import Vector

_N = r"(\d{1,3})"
_NOT_DURATION = r"(?! (?:jahre?n?|monate?n?|wochen?|tage?n?|years?|months?|weeks?|days?|hier|here|in|im|seit))"


def _compile(pattern: str) -> re.Pattern[str]:
    """A pattern's final space as a lookahead: the next pattern may start there ("мне 45 дочке 7")."""
    return re.compile(pattern[:-1] + "(?= )" if pattern.endswith(" ") else pattern)


# each pattern's first group is the age in years; MONTHS patterns say months (a baby: age 0)
_YEARS = tuple(map(_compile, (
    rf" {_N} (?:jahre?|jahr) alt ", rf" {_N} jahrig", rf" ich bin {_N}{_NOT_DURATION} ",
    rf" {_N} years? old ", rf" {_N} yo ", rf" {_N} y o ", rf" {_N} yrs? old ",
    rf" (?:i m|i am|he s|hes|she s|shes|he is|she is|aged|turned) {_N}{_NOT_DURATION} ",
    rf" (?:мне|ему|ей|сыну|дочке|дочери|ребенку|ребёнку|мужу|маме|папе) {_N} ", rf" {_N} летн",
    rf" (?:мені|йому|їй|сину|синові|доньці|дитині|чоловіку|мамі|татові) {_N} ", rf" {_N} річн",
    rf" {_N} yas",  # yaşında, yaşındayım (the text is normalised: ş -> s)
    rf" (?:عمري|عمره|عمرها|عمرو|بعمر) {_N} ", rf" (?:3omri|3omro|3omra|3omrha|omri|omro) {_N} ",
    rf" {_N} (?:سالمه|سالشه|ساله|سالم) ", rf" {_N} (?:salame|salashe|saleshe|saleme) ",
)))
_MONTHS = tuple(map(_compile, (
    rf" {_N} monate? alt ", rf" {_N} months? old ", rf" {_N} (?:месяц|месяца|месяцев) ребенку ",
    rf" {_N} aylik bebe", rf" {_N} ماهشه ", rf" {_N} (?:maheshe|mahashe) ",  # not "6 mahe inja am": 6 months here
)))
_MAX_AGE = 110  # "ich bin 2024 angekommen" is no age
# small ages in Persian words ("پسرم دو سالشه", "dokhtaram se salashe"), in script and in Finglish
_FA_NUMBERS = {"یک": 1, "یه": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "yek": 1, "ye": 1, "do": 2,
               "se": 3, "chahar": 4, "panj": 5, "shesh": 6}
_FA_VALUES = {normalise(word): n for word, n in _FA_NUMBERS.items()}  # as the normalised text spells them
_FA_WORD_AGE = re.compile(r" (" + "|".join(_FA_VALUES) + r") (?:سالشه|سالمه|ساله|salashe|salame|saleshe)(?= )")


def stated_ages(text: str) -> tuple[int, ...]:
    """The ages in years the message tells, in order; babies' months count as 0."""
    padded = f" {normalise(text)} "
    found = [int(m.group(1)) for p in _YEARS for m in p.finditer(padded)]
    found += [0 for p in _MONTHS for _ in p.finditer(padded)]
    found += [_FA_VALUES[m.group(1)] for m in _FA_WORD_AGE.finditer(padded)]
    return tuple(a for a in found if a <= _MAX_AGE)


def ruled_out(entries: Sequence[Entry], ages: tuple[int, ...]) -> set[str]:
    """Ids of the entries whose `ages` admit none of `ages` (none when the message tells no age)."""
    if not ages:
        return set()
    return {e.id for e in entries if e.ages is not None and not any(e.ages.admits(a) for a in ages)}


def without_ruled_out(
    text: str, entries: Sequence[Entry], evidence: Evidence, *scores: Vector | None
) -> tuple[Evidence, tuple[Vector | None, ...]]:
    """The evidence and the per-entry score arrays (rows are `entries`) without the entries the message's ages
    rule out: they leave the lexical ranking and score nothing in the sentence model's arrays."""
    out = ruled_out(entries, stated_ages(text))
    if not out:
        return evidence, scores
    ranked = [c for c in evidence.ranked if c.entry.id not in out]
    rows = np.array([e.id in out for e in entries], dtype=bool)
    kept = tuple(None if a is None else np.where(rows, np.float32(0.0), a).astype(np.float32) for a in scores)
    return replace(evidence, ranked=ranked), kept
