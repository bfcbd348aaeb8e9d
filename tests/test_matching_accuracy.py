"""Matcher quality on the development set and on an independently written validation set.

tests/data/questions.yaml was used to calibrate the thresholds; tests/data/validation.yaml was
written blind (its author never saw the knowledge base) and only checked, so it shows how the
matcher generalises. Safety targets of the matching issue are asserted on both: wrong-confident
answers <= 3 %, hand-off recall >= 80 %. Direct accuracy is asserted as a regression floor at
the measured level (dev 82 %, validation 85 %); the issue's goal of 85 % overall and 75 % in every
language is not reached on the development set yet (see README, "How matching decides").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.loader import load_knowledge
from bot.matching import Matcher
from bot.matching.evaluate import Report, evaluate, load_questions

ROOT = Path(__file__).resolve().parents[1]
LANGS = {"de", "en", "ar", "uk", "ru", "tr", "fa"}


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    kb = load_knowledge(ROOT / "knowledge").knowledge
    assert kb is not None
    return Matcher(kb)


@pytest.fixture(scope="module")
def dev(matcher: Matcher) -> Report:
    questions = load_questions(ROOT / "tests" / "data" / "questions.yaml")
    assert len(questions) >= 250
    return evaluate(matcher, questions)


@pytest.fixture(scope="module")
def validation(matcher: Matcher) -> Report:
    return evaluate(matcher, load_questions(ROOT / "tests" / "data" / "validation.yaml"))


def test_sets_are_varied(dev: Report, validation: Report) -> None:
    for report in (dev, validation):
        assert set(report.per_lang) == LANGS
        assert all(t.total >= 30 for t in report.per_lang.values())
        share = report.overall.handoff_expected / report.overall.total
        assert 0.10 <= share <= 0.20


@pytest.mark.parametrize("name", ["dev", "validation"])
def test_wrong_confident_answers_are_rare(name: str, request: pytest.FixtureRequest) -> None:
    report: Report = request.getfixturevalue(name)
    assert report.overall.rates()["wrong_confident"] <= 0.03


@pytest.mark.parametrize("name", ["dev", "validation"])
def test_handoff_recall(name: str, request: pytest.FixtureRequest) -> None:
    report: Report = request.getfixturevalue(name)
    assert report.overall.rates()["handoff_recall"] >= 0.80


@pytest.mark.parametrize("name", ["dev", "validation"])
def test_helpful_rate(name: str, request: pytest.FixtureRequest) -> None:
    """Direct answer or the right service among the offered options."""
    report: Report = request.getfixturevalue(name)
    assert report.overall.rates()["helpful"] >= 0.90
    for lang, tally in report.per_lang.items():
        assert tally.rates()["helpful"] >= 0.80, lang


def test_direct_accuracy_does_not_regress(dev: Report, validation: Report) -> None:
    assert dev.overall.rates()["direct"] >= 0.80
    assert validation.overall.rates()["direct"] >= 0.82
    for report in (dev, validation):
        for lang, tally in report.per_lang.items():
            assert tally.rates()["direct"] >= 0.70, lang
