"""Accuracy of the matcher on a labelled question set (used by the test and the benchmark)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .decide import Matcher
from .decision import Decision

NOT_A_SERVICE = frozenset({"handoff", "smalltalk", "none"})  # "none": small talk, off-topic, nonsense
# Requests for an association or community group: answered by the directory search, not by the matcher
DIRECTORY_KINDS = frozenset({"organisation"})


@dataclass
class Tally:
    total: int = 0
    direct: int = 0
    helpful: int = 0
    wrong_confident: int = 0
    handoff_expected: int = 0
    handoff_caught: int = 0

    def add(self, expect: set[str], decision: Decision) -> str:
        """Count one question; returns its outcome for error listings."""
        self.total += 1
        topics = [set(c.entry.topics) for c in decision.candidates]
        if expect & NOT_A_SERVICE:
            self.handoff_expected += 1
            if decision.action == "answer":
                self.wrong_confident += 1
                return "wrong-confident"
            self.handoff_caught += 1  # not answered with a service: recalled
            if decision.action == "handoff":
                self.direct += 1
                self.helpful += 1
                return "ok"
            return "clarify-instead-of-handoff"
        if decision.action == "answer":
            if topics and topics[0] & expect:
                self.direct += 1
                self.helpful += 1
                return "ok"
            self.wrong_confident += 1
            return "wrong-confident"
        if decision.action == "clarify" and any(t & expect for t in topics):
            self.helpful += 1
            return "clarify-helpful"
        return "missed"

    def rates(self) -> dict[str, float]:
        n = max(self.total, 1)
        return {
            "n": self.total,
            "direct": self.direct / n,
            "helpful": self.helpful / n,
            "wrong_confident": self.wrong_confident / n,
            "handoff_recall": self.handoff_caught / max(self.handoff_expected, 1),
        }


@dataclass
class Report:
    overall: Tally = field(default_factory=Tally)
    per_lang: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    failures: list[tuple[str, str, str, list[str], Decision]] = field(default_factory=list)


def load_questions(path: Path) -> list[dict[str, Any]]:
    """The service questions of a labelled set (directory requests are measured apart)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [q for q in data if isinstance(q, dict) and q.get("text") and q.get("kind") not in DIRECTORY_KINDS]


def evaluate(matcher: Matcher, questions: list[dict[str, Any]], use_lang: bool = True) -> Report:
    report = Report()
    for q in questions:
        expect = set(q["expect"])
        decision = matcher.match(str(q["text"]), q.get("lang") if use_lang else None)
        outcome = report.overall.add(expect, decision)
        report.per_lang[q["lang"]].add(expect, decision)
        if outcome != "ok":
            report.failures.append((outcome, q["lang"], str(q["text"]), sorted(expect), decision))
    return report
