"""Would the semantic layer help? Top-1 accuracy of lexical, semantic and re-ranked choices, and its cost.

On tests/data/validation.yaml and validation2.yaml (messages written without looking at the knowledge base),
for the messages that expect a service (not `handoff`/`smalltalk`), top-1 is right when the chosen entry's
topics meet `expect`:
  (a) lexical: the first candidate of `Matcher.match` (what the bot would lead with; none = wrong);
  (b) semantic: the entry with the most similar example question (and, for comparison, passage);
  (c) classifier: the entry the softmax layer over all examples finds most likely (semantic_classifier.py),
      and both model signals as the decision weighs them (combine.semantic_evidence);
  (d) re-ranked: the lexical top 5 (`Matcher.rank`, one per service) ordered by lexical score + w * semantic
      example similarity, for a few weights w. e5 similarities are compressed (most pairs 0.75-0.9), so only
      the differences between candidates matter, and w sets how much.
Also: p50/p99 of embedding one message, the process's resident memory with the model loaded, and the time to
build the index from the cache (the cold build is `wegweiser kb embed` into an empty folder).

    .venv/bin/python bench/semantic_trial.py [--cache-dir DIR] [--examples DIR] [--cold]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a plain script from any directory
    sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.knowledge.schema import Entry  # noqa: E402
from bot.matching import Matcher  # noqa: E402
from bot.matching.combine import semantic_evidence  # noqa: E402
from bot.matching.evaluate import NOT_A_SERVICE, load_questions  # noqa: E402
from bot.matching.semantic import load_embedder  # noqa: E402
from bot.matching.semantic_index import SemanticIndex, build_semantic_index  # noqa: E402
from bot.matching.tuning import SemanticTuning  # noqa: E402

SETS = (REPO / "tests" / "data" / "validation.yaml", REPO / "tests" / "data" / "validation2.yaml")
RERANK_TOP = 5
WEIGHTS = (0.5, 1.0, 2.0, 4.0)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def right(entry: Entry | None, expect: set[str]) -> bool:
    return entry is not None and bool(set(entry.topics) & expect)


def trial(path: Path, matcher: Matcher, index: SemanticIndex, vectors: dict[str, Any]) -> dict[str, float]:
    kb = matcher.kb
    hits: dict[str, int] = {"lexical": 0, "semantic": 0, "passage": 0, "lex-miss-sem-hit": 0, "classifier": 0,
                            "model (both)": 0}
    hits.update({f"rerank w={w}": 0 for w in WEIGHTS})
    n = 0
    for q in load_questions(path):
        expect = set(q["expect"])
        if expect & NOT_A_SERVICE:
            continue
        n += 1
        text, lang = str(q["text"]), q.get("lang")
        decision = matcher.match(text, lang)
        lexical = right(decision.best, expect)
        table = index.scores(vectors[text])
        semantic = right(kb.get(index.entry_ids[int(np.argmax(table[:, 0]))]), expect)
        hits["lexical"] += lexical
        hits["semantic"] += semantic
        probabilities = index.probabilities(vectors[text])
        if probabilities is not None:
            hits["classifier"] += right(kb.get(index.entry_ids[int(np.argmax(probabilities))]), expect)
            model = semantic_evidence(table[:, 0], probabilities, kb.active, SemanticTuning())
            hits["model (both)"] += right(kb.get(index.entry_ids[int(np.argmax(model))]), expect)
        hits["passage"] += right(kb.get(index.entry_ids[int(np.argmax(table[:, 1]))]), expect)
        hits["lex-miss-sem-hit"] += semantic and not lexical
        seen: set[str] = set()
        top = []
        for candidate in matcher.rank(text, decision.lang):
            key = candidate.entry.service or candidate.entry.id
            if key not in seen:
                seen.add(key)
                top.append(candidate)
        top = top[:RERANK_TOP]
        for w in WEIGHTS:
            best = max(top, key=lambda c: c.score + w * table[index.position[c.entry.id], 0], default=None)
            hits[f"rerank w={w}"] += right(best.entry if best else None, expect)
    return {"n": n, **{k: v / max(n, 1) for k, v in hits.items()}}


def print_separation(matcher: Matcher, index: SemanticIndex, vectors: dict[str, Any], sets: list[Path]) -> None:
    """Best example similarity for messages semantic gets right, gets wrong, and that need no service:
    whether a similarity threshold could tell them apart (a decision needs that, not just a ranking)."""
    groups: dict[str, list[float]] = {"service, semantic right": [], "service, semantic wrong": [], "no service": []}
    for path in sets:
        for q in load_questions(path):
            expect = set(q["expect"])
            table = index.scores(vectors[str(q["text"])])
            best = int(np.argmax(table[:, 0]))
            if expect & NOT_A_SERVICE:
                group = "no service"
            elif right(matcher.kb.get(index.entry_ids[best]), expect):
                group = "service, semantic right"
            else:
                group = "service, semantic wrong"
            groups[group].append(float(table[best, 0]))
    print("\nbest example similarity, p10 / p50 / p90 (all sets):")
    for name, values in groups.items():
        if len(values) >= 2:
            cuts = statistics.quantiles(values, n=10)
            print(f"  {name:<24} n={len(values):<4} {cuts[0]:.3f} / {statistics.median(values):.3f} / {cuts[8]:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=REPO / "data")
    parser.add_argument("--examples", type=Path, default=REPO / "knowledge" / "examples", help="example bank")
    parser.add_argument("--cold", action="store_true", help="build into an empty temporary folder (minutes)")
    parser.add_argument("--sets", nargs="+", type=Path, default=list(SETS), help="labelled sets to try")
    args = parser.parse_args()

    before = rss_mb()
    began = time.perf_counter()
    embedder, why = load_embedder()
    if embedder is None:
        print(f"semantic layer unavailable: {why}")
        return 1
    print(f"model: {why}; loaded in {1000 * (time.perf_counter() - began):.0f} ms")
    print(f"RSS: {before:.0f} MB before the model, {rss_mb():.0f} MB with it loaded and one message embedded")

    result = load_knowledge(REPO / "knowledge")
    assert result.knowledge is not None, "knowledge base has errors"
    kb = result.knowledge
    with tempfile.TemporaryDirectory() as tmp:
        cache_dir = Path(tmp) if args.cold else args.cache_dir
        index, report = build_semantic_index(kb, embedder, cache_dir, args.examples)
    print(
        f"index: {len(kb.active)} entries, {index.matrix.shape[0]} rows ({report.texts} distinct texts, "
        f"{report.example_files} example files); build {report.seconds:.1f} s, {report.embedded} embedded now; "
        f"RSS {rss_mb():.0f} MB"
    )

    matcher = Matcher(kb)
    # each message's language as labelled: Latin-letter Russian and Ukrainian are embedded in Cyrillic, as the bot does
    langs = {str(q["text"]): q.get("lang") for path in args.sets for q in load_questions(path)}
    vectors: dict[str, Any] = {}
    times = []
    for text, lang in langs.items():
        began = time.perf_counter()
        vectors[text] = embedder.embed([matcher.text_for_model(text, lang)], "query")[0]
        times.append(1000 * (time.perf_counter() - began))
    cuts = statistics.quantiles(times, n=100)
    print(f"embedding one message ({len(times)} messages): p50 {cuts[49]:.1f} ms, p99 {cuts[98]:.1f} ms, "
          f"max {max(times):.1f} ms")
    vector = next(iter(vectors.values()))
    began = time.perf_counter()
    for _ in range(200):
        index.scores(vector)
    print(f"index.scores: {1000 * (time.perf_counter() - began) / 200:.2f} ms per message")

    for path in args.sets:
        figures = trial(path, matcher, index, vectors)
        print(f"\n{path.name}: {figures.pop('n'):.0f} messages expecting a service, top-1 accuracy")
        for name, value in figures.items():
            print(f"  {name:<18} {100 * value:5.1f} %")
    print_separation(matcher, index, vectors, args.sets)
    print(f"\nRSS at the end: {rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
