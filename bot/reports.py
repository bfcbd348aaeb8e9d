"""Editors' report: what newcomers asked that the knowledge base could not answer, grouped."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.matching import Matcher
from bot.matching.normalize import normalise

SIMILAR = 72  # rapidfuzz token_set_ratio at which two messages count as the same need


@dataclass
class GapGroup:
    lang: str
    topic: str
    texts: list[str] = field(default_factory=list)
    reasons: Counter[str] = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return len(self.texts)


def _reason(action: str, outcome: str | None) -> str:
    return outcome or action


def group_gaps(rows: list[tuple[str, str, str, str | None]], matcher: Matcher) -> list[GapGroup]:
    """Cluster similar messages per language; each group gets the topic the matcher guesses for it."""
    groups: list[GapGroup] = []
    keys: dict[str, list[str]] = {}
    members: dict[str, list[GapGroup]] = {}
    for text, lang, action, outcome in rows:
        norm = normalise(text)
        reps = keys.setdefault(lang, [])
        found = process.extractOne(norm, reps, scorer=fuzz.token_set_ratio, score_cutoff=SIMILAR) if reps else None
        if found is not None:
            group = members[lang][found[2]]
        else:
            ranked = matcher.rank(text, lang)
            topic = ranked[0].entry.topics[0] if ranked else "unknown"
            group = GapGroup(lang, topic)
            groups.append(group)
            reps.append(norm)
            members.setdefault(lang, []).append(group)
        group.texts.append(text)
        group.reasons[_reason(action, outcome)] += 1
    groups.sort(key=lambda g: (-g.count, g.lang, g.topic))
    return groups


def as_text(groups: list[GapGroup], days: int, examples: int = 3) -> str:
    total = sum(g.count for g in groups)
    lines = [f"Unanswered in the last {days} days: {total} messages in {len(groups)} groups", ""]
    for g in groups:
        reasons = ", ".join(f"{r} {n}" for r, n in g.reasons.most_common())
        lines.append(f"{g.count:4d}x  [{g.lang}]  topic guess: {g.topic}  ({reasons})")
        lines.extend(f"        - {t[:160]}" for t in g.texts[:examples])
    return "\n".join(lines)


def as_csv(groups: list[GapGroup]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["count", "lang", "topic_guess", "reasons", "example_1", "example_2", "example_3"])
    for g in groups:
        reasons = "; ".join(f"{r} {n}" for r, n in g.reasons.most_common())
        examples = [*g.texts[:3], "", "", ""][:3]
        writer.writerow([g.count, g.lang, g.topic, reasons, *examples])
    return out.getvalue()
