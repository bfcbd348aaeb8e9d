"""Matcher quality on the development set (tests/data/questions.yaml).

The safety targets of the matching issue hold and are asserted: wrong-confident <= 3 %,
hand-off recall >= 80 %. Direct accuracy is asserted as a regression floor at the level
measured now (63 %), not at the issue's target of 85 %, which is not reached yet (see README).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.loader import load_knowledge
from bot.matching import Matcher
from bot.matching.evaluate import Report, evaluate, load_questions

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def report() -> Report:
    kb = load_knowledge(ROOT / "knowledge").knowledge
    assert kb is not None
    questions = load_questions(ROOT / "tests" / "data" / "questions.yaml")
    assert len(questions) >= 250
    return evaluate(Matcher(kb), questions)


def test_dev_set_is_varied(report: Report) -> None:
    assert set(report.per_lang) == {"de", "en", "ar", "uk", "ru", "tr", "fa"}
    assert all(t.total >= 30 for t in report.per_lang.values())
    share = report.overall.handoff_expected / report.overall.total
    assert 0.10 <= share <= 0.20


def test_wrong_confident_answers_are_rare(report: Report) -> None:
    assert report.overall.rates()["wrong_confident"] <= 0.03


def test_handoff_recall(report: Report) -> None:
    assert report.overall.rates()["handoff_recall"] >= 0.80


def test_helpful_rate(report: Report) -> None:
    """Direct answer or the right service among the offered options."""
    assert report.overall.rates()["helpful"] >= 0.88
    for lang, tally in report.per_lang.items():
        assert tally.rates()["helpful"] >= 0.80, lang


def test_direct_accuracy_does_not_regress(report: Report) -> None:
    assert report.overall.rates()["direct"] >= 0.60
    for lang, tally in report.per_lang.items():
        assert tally.rates()["direct"] >= 0.45, lang
