"""How fast and how lean is the matcher, and how does it compare with a naive fuzzy baseline?

For the real knowledge base (1x) and synthetic ones of 10x and 100x its size, prints per-query
p50/p99 latency of `Matcher.match` and peak memory, next to a naive baseline run in the same
process: rapidfuzz `process.extractOne` of the query over ALL match texts of all entries in all
languages (`Texts.match_texts()`), the best text mapped back to its entry. Also prints the
accuracy of both on tests/data/questions.yaml (real knowledge base).

Each size runs in a fresh subprocess (this script with `--child N`), so sizes do not share
caches or memory. Peak memory is the child's peak resident set size from
`resource.getrusage(RUSAGE_SELF).ru_maxrss`: the whole process (interpreter, libraries, lingua
models, the loaded knowledge base, the synthetic copies and the index), read right after the
matcher's timed queries and before the baseline builds its list of texts. The baseline's
extra memory is shown separately. 1 MB = 10^6 bytes.

Synthetic knowledge bases: copy 0 is the real knowledge base; copies 1..N-1 are its entries
with new ids (`<id>-s<n>`), new service keys, and texts whose title, questions and keywords
carry an extra token `zq<n>x<k>` and, in about half of the texts, a swap of two adjacent
letters in one word, so the vocabulary grows with the size.

Queries: the texts of tests/data/questions.yaml with their `lang`; above 1x the slow baseline
is timed on every k-th of them only (see --baseline-queries). Before timing, a few unrelated
sentences in every script are matched (loads lingua models and stemmers), so the timed
queries are not served from warm per-query caches.

    .venv/bin/python bench/match_bench.py [--sizes 1,10,100] [--baseline-queries 60]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a plain script from any directory
    sys.path.insert(0, str(REPO))

from rapidfuzz import fuzz, process, utils  # noqa: E402

from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.knowledge.model import KnowledgeBase  # noqa: E402
from bot.knowledge.schema import Entry, Texts  # noqa: E402
from bot.matching import Matcher  # noqa: E402
from bot.matching.evaluate import NOT_A_SERVICE, evaluate, load_questions  # noqa: E402

KNOWLEDGE = REPO / "knowledge"
QUESTIONS = REPO / "tests" / "data" / "questions.yaml"

P99_TARGET_MS = 10.0  # p99 on the real knowledge base
SCALING_TARGET = 10.0  # p50 at 100x at most this many times the p50 at 1x
MEMORY_TARGET_MB = 300.0  # peak memory at 100x
WARMUP = (
    ("Wo kann ich mich für einen Sprachkurs anmelden?", "de"),
    ("I lost my passport, who can help me?", "en"),
    ("أين يمكنني أن أجد طبيبا يتكلم العربية", "ar"),
    ("کجا میتوانم کلاس زبان پیدا کنم", "fa"),
    ("Где найти врача, который говорит по-русски", "ru"),
    ("Де можна знайти лікаря, який розмовляє українською", "uk"),
    ("Nerede Türkçe konuşan bir doktor bulabilirim", "tr"),
    ("ich suche eine wohnung für meine familie", None),
    ("where do i get a tax id", None),
)


# ------------------------------------------------------------------ synthetic knowledge bases


def _swap(text: str, rng: random.Random) -> str:
    """Swap two adjacent inner letters of one longer word (a typo), if there is one."""
    words = text.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long_words:
        return text
    i = rng.choice(long_words)
    word = words[i]
    j = rng.randrange(1, len(word) - 2)
    words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)


def _perturb(text: str, n: int, k: int, rng: random.Random) -> str:
    text = f"{text} zq{n}x{k}"
    return _swap(text, rng) if rng.random() < 0.5 else text


def _synthetic_texts(texts: Texts, n: int, rng: random.Random) -> Texts:
    counter = iter(range(1_000_000))
    return texts.model_copy(
        update={
            "title": _perturb(texts.title, n, next(counter), rng),
            "questions": tuple(_perturb(q, n, next(counter), rng) for q in texts.questions),
            "keywords": tuple(_perturb(k, n, next(counter), rng) for k in texts.keywords),
        }
    )


def synthetic(kb: KnowledgeBase, copies: int, seed: int = 20240601) -> KnowledgeBase:
    """The real entries plus `copies - 1` perturbed copies of each."""
    rng = random.Random(seed)
    entries: list[Entry] = list(kb.entries)
    for n in range(1, copies):
        for entry in kb.entries:
            update: dict[str, Any] = {
                "id": f"{entry.id}-s{n}",
                "translations": {lang: _synthetic_texts(t, n, rng) for lang, t in entry.translations.items()},
            }
            if entry.service:
                update["service"] = f"{entry.service}-s{n}"
            entries.append(entry.model_copy(update=update))
    return KnowledgeBase(tuple(entries), kb.topics, kb.language_names, kb.intents)


# ------------------------------------------------------------------ the naive baseline


@dataclass(frozen=True)
class Baseline:
    """extractOne (WRatio) over every match text of every entry; texts are pre-processed once."""

    texts: list[str]
    owners: list[Entry]

    @classmethod
    def build(cls, kb: KnowledgeBase) -> Baseline:
        texts: list[str] = []
        owners: list[Entry] = []
        for entry in kb.active:
            for translation in entry.translations.values():
                for text in translation.match_texts():
                    texts.append(utils.default_process(text))
                    owners.append(entry)
        return cls(texts, owners)

    def best(self, query: str) -> Entry | None:
        found = process.extractOne(utils.default_process(query), self.texts, scorer=fuzz.WRatio, processor=None)
        return self.owners[found[2]] if found else None


def baseline_accuracy(baseline: Baseline, questions: list[dict[str, Any]]) -> dict[str, float]:
    """Direct accuracy: the best text's entry has an expected topic (it never hands off)."""
    hits = service_hits = service_total = 0
    for q in questions:
        expect = set(q["expect"])
        entry = baseline.best(str(q["text"]))
        hit = entry is not None and bool(set(entry.topics) & expect)
        hits += hit
        if not expect & NOT_A_SERVICE:
            service_total += 1
            service_hits += hit
    return {
        "n": len(questions),
        "direct": hits / max(len(questions), 1),
        "direct_service_only": service_hits / max(service_total, 1),
        "n_service": service_total,
    }


# ------------------------------------------------------------------ measuring (child process)


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6  # bytes on macOS, KiB on Linux


def _time_queries(run: Callable[[str, str | None], object], queries: Sequence[tuple[str, str | None]]) -> list[float]:
    timings: list[float] = []
    for text, lang in queries:
        start = time.perf_counter_ns()
        run(text, lang)
        timings.append((time.perf_counter_ns() - start) / 1e6)
    return timings


def _percentiles(ms: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return {"p50": statistics.median(ms), "p99": cuts[98], "max": max(ms), "n": len(ms)}


def child(copies: int, baseline_queries: int) -> dict[str, Any]:
    result = load_knowledge(KNOWLEDGE)
    if result.knowledge is None:
        raise SystemExit(f"knowledge base has errors: run `wegweiser kb check` on {KNOWLEDGE}")
    real = result.knowledge
    questions = load_questions(QUESTIONS)
    queries = [(str(q["text"]), q.get("lang")) for q in questions]
    rss_start = _peak_mb()

    start = time.perf_counter()
    kb = synthetic(real, copies) if copies > 1 else real
    synth_s = time.perf_counter() - start
    rss_kb = _peak_mb()
    start = time.perf_counter()
    matcher = Matcher(kb)
    build_s = time.perf_counter() - start
    for text, lang in WARMUP:
        matcher.match(text, lang)
    matcher_ms = _time_queries(matcher.match, queries)
    rss_matcher = _peak_mb()

    out: dict[str, Any] = {
        "copies": copies,
        "entries": len(kb.active),
        "vocabulary": len(matcher.index.postings),
        "synth_s": synth_s,
        "build_s": build_s,
        "matcher": _percentiles(matcher_ms),
        "rss_start_mb": rss_start,
        "rss_kb_mb": rss_kb,
        "rss_matcher_mb": rss_matcher,
    }

    start = time.perf_counter()
    baseline = Baseline.build(kb)
    out["baseline_build_s"] = time.perf_counter() - start
    out["baseline_texts"] = len(baseline.texts)
    for text, _ in WARMUP[:2]:
        baseline.best(text)
    wanted = baseline_queries if copies <= 10 else baseline_queries // 2  # ~1 s per query at 100x
    step = max(1, len(queries) // max(wanted, 1)) if baseline_queries > 0 and copies > 1 else 1
    out["baseline"] = _percentiles(_time_queries(lambda t, _lang: baseline.best(t), queries[::step]))
    out["rss_total_mb"] = _peak_mb()

    if copies == 1:
        report = evaluate(matcher, questions)
        out["accuracy_matcher"] = report.overall.rates()
        out["accuracy_baseline"] = baseline_accuracy(baseline, questions)
    return out


# ------------------------------------------------------------------ reporting (parent process)


def _run_child(copies: int, baseline_queries: int) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(copies)]
    command += ["--baseline-queries", str(baseline_queries)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=REPO)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"child for {copies}x failed with exit code {done.returncode}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(results: dict[int, dict[str, Any]]) -> bool:
    print("per-query latency in ms (one pass over tests/data/questions.yaml after warm-up)")
    header = (
        f"{'size':>5} {'entries':>7} {'vocab':>7} {'build s':>8} | {'ours p50':>8} {'p99':>7} {'max':>7} {'n':>4}"
        f" | {'naive p50':>9} {'p99':>8} {'n':>4} {'texts':>7} | {'peak MB':>7} {'+kb':>6} {'+index':>6} {'+naive':>6}"
    )
    print(header)
    print("-" * len(header))
    for copies, r in sorted(results.items()):
        m, b = r["matcher"], r["baseline"]
        print(
            f"{copies:>4}x {r['entries']:>7} {r['vocabulary']:>7} {r['build_s']:>8.2f} |"
            f" {m['p50']:>8.3f} {m['p99']:>7.3f} {m['max']:>7.2f} {m['n']:>4} |"
            f" {b['p50']:>9.3f} {b['p99']:>8.3f} {b['n']:>4} {r['baseline_texts']:>7} |"
            f" {r['rss_matcher_mb']:>7.1f} {r['rss_kb_mb'] - r['rss_start_mb']:>6.1f}"
            f" {r['rss_matcher_mb'] - r['rss_kb_mb']:>6.1f} {r['rss_total_mb'] - r['rss_matcher_mb']:>6.1f}"
        )
    print(
        "peak MB: the child process's peak RSS (ru_maxrss) after the matcher's queries, of which +kb: growth"
        " for the synthetic entries,\n+index: growth for Matcher(kb) and its queries; +naive: further growth"
        " from the baseline's texts (not in peak MB)"
    )

    one = results.get(1)
    if one and "accuracy_matcher" in one:
        a, b = one["accuracy_matcher"], one["accuracy_baseline"]
        print()
        print(f"accuracy on {QUESTIONS.relative_to(REPO)} (real knowledge base, n={a['n']:.0f})")
        print(
            f"  matcher:  direct {a['direct']:.1%}  helpful {a['helpful']:.1%}"
            f"  wrong-confident {a['wrong_confident']:.1%}  hand-off recall {a['handoff_recall']:.1%}"
        )
        print(
            f"  naive:    direct {b['direct']:.1%}  (service questions only, n={b['n_service']:.0f}:"
            f" {b['direct_service_only']:.1%}; it always answers, so wrong-confident {1 - b['direct']:.1%}"
            " and hand-off recall 0.0%)"
        )

    print()
    checks: list[bool] = []
    if one:
        p99 = one["matcher"]["p99"]
        checks.append(p99 <= P99_TARGET_MS)
        print(f"{_verdict(checks[-1])}  p99 on the real knowledge base {p99:.2f} ms <= {P99_TARGET_MS:.0f} ms")
    hundred = results.get(100)
    if one and hundred:
        ratio = hundred["matcher"]["p50"] / max(one["matcher"]["p50"], 1e-9)
        checks.append(ratio <= SCALING_TARGET)
        print(
            f"{_verdict(checks[-1])}  p50 at 100x {hundred['matcher']['p50']:.3f} ms = {ratio:.1f}x the p50 at 1x"
            f" ({one['matcher']['p50']:.3f} ms) <= {SCALING_TARGET:.0f}x"
        )
    if hundred:
        # The target is the matcher's memory (index, n-gram documents, caches, queries): the growth of peak
        # RSS from building and querying it. The synthetic knowledge base itself (+kb) is what the bot holds
        # anyway and is shown separately, as is the whole process.
        matcher = hundred["rss_matcher_mb"] - hundred["rss_kb_mb"]
        checks.append(matcher < MEMORY_TARGET_MB)
        print(
            f"{_verdict(checks[-1])}  matcher memory at 100x {matcher:.1f} MB < {MEMORY_TARGET_MB:.0f} MB"
            f" (whole process {hundred['rss_matcher_mb']:.1f} MB, of which the synthetic entries"
            f" {hundred['rss_kb_mb'] - hundred['rss_start_mb']:.1f} MB)"
        )
    return all(checks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1,10,100", help="knowledge base sizes as multiples (default 1,10,100)")
    parser.add_argument(
        "--baseline-queries",
        type=int,
        default=60,
        help="time the naive baseline on about this many of the questions at 10x, half as many above 10x,"
        " all at 1x (default 60; 0 = all everywhere)",
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child is not None:
        print(json.dumps(child(args.child, args.baseline_queries)))
        return 0

    sizes = sorted({int(part) for part in args.sizes.split(",") if part.strip()})
    results: dict[int, dict[str, Any]] = {}
    started = time.perf_counter()
    for copies in sizes:
        print(f"measuring {copies}x ...", file=sys.stderr, flush=True)
        results[copies] = _run_child(copies, args.baseline_queries)
    ok = report(results)
    print(f"\ntotal {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
