"""Measure the matcher on one labelled set, with and without the semantic layer, per language and kind.

    python bench/blind_eval.py tests/data/blind5.yaml [--cache-dir data] [--failures 40] [--no-lang]

For a new blind set, the first run is its "first look": report it before changing anything it shows.
Messages of kind `organisation` (a request for an association or community group) are not service
questions: they are counted apart (answered by the directory search, see bot/knowledge/directory.py).
`none` in `expect` means no service should be answered (small talk, off-topic, nonsense).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.matching import Matcher  # noqa: E402
from bot.matching.embed_cache import EmbedCache  # noqa: E402
from bot.matching.evaluate import Tally, load_questions  # noqa: E402
from bot.matching.semantic import load_embedder  # noqa: E402
from bot.matching.semantic_index import build_semantic_index  # noqa: E402


def _print(title: str, overall: Tally, groups: dict[str, Tally]) -> None:
    rates = overall.rates()
    print(f"{title}: n={rates['n']} direct {rates['direct']:.1%} helpful {rates['helpful']:.1%} "
          f"wrong {rates['wrong_confident']:.1%} handoff-recall {rates['handoff_recall']:.1%}")
    for name, tally in sorted(groups.items()):
        r = tally.rates()
        print(f"  {name:<13} n={r['n']:>3} direct {r['direct']:6.1%} helpful {r['helpful']:6.1%} "
              f"wrong {r['wrong_confident']:5.1%}")


def run(matcher: Matcher, questions: list[dict[str, Any]], vectors: Any, use_lang: bool, failures: int,
        title: str) -> None:
    overall, by_lang, by_kind = Tally(), defaultdict(Tally), defaultdict(Tally)
    listed: list[str] = []
    for n, q in enumerate(questions):
        expect = set(q["expect"])
        vector = vectors[n] if vectors is not None else None
        decision = matcher.match(str(q["text"]), q.get("lang") if use_lang else None, vector=vector)
        outcome = overall.add(expect, decision)
        by_lang[q["lang"]].add(expect, decision)
        by_kind[str(q.get("kind", "?"))].add(expect, decision)
        if outcome != "ok" and len(listed) < failures:
            got = ", ".join(f"{c.entry.id}:{c.score:.2f}" for c in decision.candidates[:3])
            listed.append(f"  [{outcome}] {q['lang']} {sorted(expect)} -> {decision.action} {got} | {q['text']}")
    _print(title + " (per language)", overall, by_lang)
    _print(title + " (per kind)", overall, by_kind)
    print("\n".join(listed))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("set", type=Path)
    parser.add_argument("--cache-dir", type=Path, default=REPO / "data")
    parser.add_argument("--failures", type=int, default=0, help="list this many misses")
    parser.add_argument("--no-lang", action="store_true", help="do not pass the labelled language")
    args = parser.parse_args()
    kb = load_knowledge(REPO / "knowledge").knowledge
    assert kb is not None, "the knowledge base does not load: run `wegweiser kb check`"
    questions = load_questions(args.set)
    print(f"{len(questions)} service messages (organisation requests are measured apart)")
    matcher = Matcher(kb)
    run(matcher, questions, None, not args.no_lang, 0, "lexical")
    embedder, why = load_embedder()
    if embedder is None:
        print(f"semantic layer unavailable: {why}")
        return 0
    index, _ = build_semantic_index(kb, embedder, args.cache_dir, REPO / "knowledge" / "examples")
    matcher.attach(index)
    messages = EmbedCache.open(args.cache_dir / "messages", embedder)
    # as the bot embeds them (SemanticLayer.vector): Latin-letter Russian and Ukrainian in Cyrillic
    hints = [None if args.no_lang else q.get("lang") for q in questions]
    texts = [matcher.text_for_model(str(q["text"]), hint) for q, hint in zip(questions, hints, strict=True)]
    vectors = messages.embed(embedder, texts, "query")
    messages.save()
    run(matcher, questions, vectors, not args.no_lang, args.failures, "lexical + semantic")
    return 0


if __name__ == "__main__":
    sys.exit(main())
