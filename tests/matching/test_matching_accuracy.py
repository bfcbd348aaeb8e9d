"""Matcher quality on the development set and on two independently written validation sets.

tests/data/questions.yaml is the development set (the issue's targets are asserted on it).
tests/data/validation.yaml and validation2.yaml were written by helpers who never saw the knowledge
base; the first was only ever checked, the second also went into the threshold calibration. The
safety targets (wrong-confident answers <= 3 %, hand-off recall >= 80 %) hold on all three; direct
accuracy on the validation sets is asserted as a regression floor just under the measured level.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.matching import Matcher
from bot.matching.evaluate import Report, evaluate, load_questions

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
LANGS = {"de", "en", "ar", "uk", "ru", "tr", "fa"}
SETS = ["dev", "validation", "validation2"]


@pytest.fixture(scope="module")
def matcher(real_matcher: Matcher) -> Matcher:
    return real_matcher


@pytest.fixture(scope="module")
def dev(matcher: Matcher) -> Report:
    questions = load_questions(DATA / "questions.yaml")
    assert len(questions) >= 250
    return evaluate(matcher, questions)


@pytest.fixture(scope="module")
def validation(matcher: Matcher) -> Report:
    return evaluate(matcher, load_questions(DATA / "validation.yaml"))


@pytest.fixture(scope="module")
def validation2(matcher: Matcher) -> Report:
    return evaluate(matcher, load_questions(DATA / "validation2.yaml"))


@pytest.mark.parametrize("name", SETS)
def test_sets_are_varied(name: str, request: pytest.FixtureRequest) -> None:
    report: Report = request.getfixturevalue(name)
    assert set(report.per_lang) == LANGS
    assert all(t.total >= 30 for t in report.per_lang.values())
    share = report.overall.handoff_expected / report.overall.total
    assert 0.10 <= share <= 0.20


def test_development_set_meets_the_goals(dev: Report) -> None:
    """The matching issue's targets: 85 % direct overall, 75 % in every language."""
    assert dev.overall.rates()["direct"] >= 0.85
    for lang, tally in dev.per_lang.items():
        assert tally.rates()["direct"] >= 0.75, lang


@pytest.mark.parametrize("name", SETS)
def test_wrong_confident_answers_are_rare(name: str, request: pytest.FixtureRequest) -> None:
    report: Report = request.getfixturevalue(name)
    assert report.overall.rates()["wrong_confident"] <= 0.03


@pytest.mark.parametrize("name", SETS)
def test_handoff_recall(name: str, request: pytest.FixtureRequest) -> None:
    report: Report = request.getfixturevalue(name)
    assert report.overall.rates()["handoff_recall"] >= 0.80


@pytest.mark.parametrize("name", SETS)
def test_helpful_rate(name: str, request: pytest.FixtureRequest) -> None:
    """Direct answer or the right service among the offered options."""
    report: Report = request.getfixturevalue(name)
    assert report.overall.rates()["helpful"] >= 0.90
    for lang, tally in report.per_lang.items():
        assert tally.rates()["helpful"] >= 0.80, lang


@pytest.mark.parametrize(("name", "floor"), [("validation", 0.92), ("validation2", 0.85)])
def test_validation_direct_accuracy_does_not_regress(name: str, floor: float, request: pytest.FixtureRequest) -> None:
    report: Report = request.getfixturevalue(name)
    assert report.overall.rates()["direct"] >= floor
    for lang, tally in report.per_lang.items():
        assert tally.rates()["direct"] >= 0.75, lang


@pytest.mark.parametrize(
    ("name", "direct", "wrong"),
    [("blind3.yaml", 0.75, 0.04), ("blind4.yaml", 0.74, 0.04), ("blind5.yaml", 0.71, 0.04), ("blind6.yaml", 0.73, 0.04),
     ("blind7.yaml", 0.73, 0.07), ("blind8.yaml", 0.72, 0.05), ("blind9.yaml", 0.74, 0.05),
     ("blind10.yaml", 0.64, 0.06), ("blind11.yaml", 0.72, 0.05),
     ("blind12.yaml", 0.74, 0.05), ("blind13.yaml", 0.66, 0.09),
     ("blind14.yaml", 0.64, 0.08), ("blind15.yaml", 0.69, 0.05),
     ("blind16.yaml", 0.81, 0.07), ("blind17.yaml", 0.62, 0.05), ("blind18.yaml", 0.74, 0.05),
     ("blind19.yaml", 0.72, 0.05), ("blind20.yaml", 0.72, 0.05),
     ("blind21.yaml", 0.60, 0.06), ("blind22.yaml", 0.73, 0.06), ("blind23.yaml", 0.78, 0.05),
     ("blind24.yaml", 0.77, 0.04), ("blind25.yaml", 0.77, 0.04), ("blind26.yaml", 0.84, 0.03),
     ("blind27.yaml", 0.74, 0.04), ("blind28.yaml", 0.76, 0.04), ("blind29.yaml", 0.72, 0.04),
     ("blind30.yaml", 0.75, 0.05), ("blind31.yaml", 0.75, 0.04), ("blind32.yaml", 0.75, 0.06),
     ("blind33.yaml", 0.82, 0.03), ("blind34.yaml", 0.75, 0.06),
     ("blind35.yaml", 0.83, 0.03), ("blind36.yaml", 0.82, 0.04), ("blind37.yaml", 0.75, 0.05),
     ("blind38.yaml", 0.79, 0.04), ("blind39.yaml", 0.81, 0.035),
     ("blind40.yaml", 0.75, 0.045), ("blind41.yaml", 0.68, 0.05), ("blind42.yaml", 0.64, 0.04),
     ("blind43.yaml", 0.78, 0.04), ("blind44.yaml", 0.70, 0.065),
     ("omos_dev.yaml", 0.39, 0.15)],
)
def test_blind_sets_do_not_regress(matcher: Matcher, name: str, direct: float, wrong: float) -> None:
    """Written blind, measured once, then used: floors just under today's lexical figures (77.2 % / 2.7 %,
    76.5 % / 3.1 %, 73.5 % / 2.5 % and, for set 6, 75.5 % / 2.5 %; set 7, safety paths with look-alikes, 75.2 % /
    5.7 %; set 8, 74.6 % / 3.6 % at its first look; set 9, 76.1 % / 3.6 % at its first look; set 10, long
    stories, 60.4 % / 7.5 % at its first look, 66.8 % / 4.6 % with the intents it prompted; set 11, 73.9 % / 4.6 %
    at its first look, 74.6 % / 3.9 % with the broader requests for a person; set 12, 74.6 % / 3.9 % at its first
    look, 76.4 % / 3.6 % with what it showed; set 13, every topic in every language, 63.9 % / 9.3 % at its first
    look, 67.9 % / 8.2 % with the Arabic-script reading and what it showed; set 14, 65.4 % / 7.1 % at its first
    look, 65.7 % / 7.1 % with its two missed emergencies; set 15, 63.9 % / 8.2 % at its first look, 70.4 % / 3.9 %
    with the leisure errands, legal requests and in-person requests it showed; set 16, short messages, 80.0 % /
    7.1 % at its first look, 82.5 % / 6.1 % with its missed emergencies and caseworker requests; set 17, long
    stories, 62.1 % / 4.3 % at its first look, 64.6 % / 2.9 % with the stakes and off-topic words it showed; set 18,
    everyday messages, 74.3 % / 4.3 % at its first look, 76.4 % / 3.6 % with what it showed; set 19, people writing
    for others, 68.6 % / 7.1 % at its first look, 73.2 % / 3.2 % with what it showed; set 20, the next steps after
    1-3 years, 70.0 % / 6.1 % at its first look, 73.6 % / 3.6 % with what it showed; set 21, tired people late at
    night, 61.4 % / 5.4 % at its first look; set 22, the first weeks in dialects, 73.6 % / 4.6 % at its first look,
    76.1 % / 4.3 % with the situations it prompted; set 23, people settling in, 79.3 % / 3.9 % at its first look,
    81.1 % / 3.6 % with the caseworker appointments it showed; set 24, families' health and daily life, 72.1 % /
    5.0 % at its first look, 78.6 % / 2.9 % with the situations it prompted; set 25, papers, deadlines and the
    authorities, 76.1 % / 2.9 % at its first look, 78.9 % / 2.5 % with what it showed; set 26, money, work and
    debts, 65.0 % / 8.6 % at its first look, 86.8 % / 1.4 % with the situations it prompted; set 27, a broad mix,
    72.9 % / 3.9 % at its first look, 77.1 % / 2.1 % with what it showed; set 28, housing and health, 62.5 % /
    7.1 % at its first look, 76.8 % / 3.2 % with the situations, emergencies and look-alikes it prompted; set 29,
    young people and families, 65.0 % / 5.0 % at its first look, 72.9 % / 3.6 % with what it showed; set 30, care
    and disability, 60.7 % / 9.3 % at its first look, 76.1 % / 3.9 % with the care and disability entries and what it
    showed; set 31, transport, fines and family reunification, 60.7 % / 7.1 % at its first look, 76.1 % / 2.1 % with
    the family reunification situation, the Berlin-Ticket S and what it showed; set 32, health, 72.1 % / 7.5 % at its
    first look, 76.8 % / 5.4 % with the patient advice and what it showed; set 33, work and money, 77.5 % / 6.1 % at
    its first look, 83.2 % / 2.5 % with what it showed; set 34, housing and everyday papers, 71.8 % / 7.1 % at its
    first look, 76.4 % / 5.0 % with what it showed; set 35, school, Kita and language, 75.0 % / 6.1 % at its
    first look, 85.0 % / 1.4 % with what it showed; set 36, family and everyday life, 75.7 % / 6.4 % at its first
    look, 84.6 % / 2.9 % with what it showed, 82.9 % / 2.9 % once a separation with a tied residence went to a
    person; set 37, papers and authorities, 71.1 % / 5.0 % at its first look, 76.1 % / 3.9 % with what it showed;
    set 38, health, disability, old age and work, 75.0 % / 4.6 % at its first look, 80.0 % / 3.2 % with what it
    showed; set 39, the first weeks and months, 77.1 % / 5.4 % at its first look, 81.8 % / 2.5 % with what it
    showed; set 40, a broad mix, 72.5 % / 5.0 % at its first look on the candidate matcher, 76.4 % / 3.6 % with
    what it showed; set 41, people one to three years in Berlin, 67.1 % / 5.7 % at its first look, 70.0 % / 3.9 %
    with what it showed; set 42, a broad mix with people afraid, ashamed or angry, 62.9 % / 4.6 % at its first look,
    65.4 % / 3.2 % with what it showed; set 43, people writing late at night or by voice, 78.2 % / 4.3 % at its
    first look, 79.6 % / 3.2 % with what it showed; set 44, family and household life, 71.4 % / 6.1 % at its first
    look, not used yet); the semantic layer adds to them where the model loads (README, "Measured"). OMoS-QA (train
    and dev splits, formal FAQ questions written elsewhere, many about things no entry covers): 41.6 % / 13.2 %
    lexically, a guard against regressions rather than a goal."""
    rates = evaluate(matcher, load_questions(DATA / name)).overall.rates()
    assert rates["direct"] >= direct and rates["wrong_confident"] <= wrong, rates


@pytest.mark.parametrize("name", ["blind6.yaml", "blind7.yaml"])
def test_emergencies_written_blind_get_the_emergency_services_without_the_model(matcher: Matcher, name: str) -> None:
    """Emergencies in the newest blind sets (first looks, with the model: 76 % and 64 % answered with an emergency
    service): without the model at least 89 % are now (100 % and 91 %); the model adds where it loads."""
    emergencies = [q for q in load_questions(DATA / name) if q.get("kind") == "emergency"]
    rates = evaluate(matcher, emergencies).overall.rates()
    assert len(emergencies) >= 20 and rates["direct"] >= 0.89 and rates["wrong_confident"] == 0.0, rates
