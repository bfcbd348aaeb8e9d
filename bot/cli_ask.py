"""`wegweiser ask`: what would the bot answer? For editors and for batch evaluation."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.cli_kb import load_or_report
from bot.cli_semantic import stderr_progress
from bot.languages import DISTRICTS, SUPPORTED
from bot.matching import Decision, Matcher
from bot.matching.semantic import MAX_QUERY_CHARS, Embedder, Vector, load_embedder
from bot.matching.semantic_index import build_semantic_index, cache_dir_for
from bot.settings import Settings


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ask = sub.add_parser("ask", help="match a question like the bot would")
    ask.add_argument("text", nargs="*", help="the question (omit with --batch)")
    ask.add_argument("--lang", choices=SUPPORTED, help="the user's chosen language")
    ask.add_argument("--district", choices=[*DISTRICTS, "outside"], help="where the user lives")
    ask.add_argument("--json", action="store_true", help="print the decision as JSON")
    ask.add_argument("--batch", action="store_true", help="JSON lines {id, text, lang, district} on stdin")
    ask.add_argument("--lexical", action="store_true", help="without the semantic layer")
    ask.set_defaults(handler=run_ask)


def decision_json(decision: Decision, item_id: Any = None) -> dict[str, Any]:
    return {
        "id": item_id,
        "action": decision.action,
        "lang": decision.lang,
        "intent": decision.intent,
        "layers": list(decision.layers),
        "agree": decision.agree,
        "results": [
            {"id": c.entry.id, "topics": list(c.entry.topics), "score": round(c.score, 4),
             "lexical": c.lexical, "semantic": c.semantic}
            for c in decision.candidates
        ],
    }


def _describe(decision: Decision) -> str:
    layers = " + ".join(decision.layers)
    agree = "" if decision.agree is None else ", rankers agree" if decision.agree else ", rankers disagree"
    lines = [f"action: {decision.action} ({decision.intent}), language: {decision.lang}, by {layers}{agree}"]
    for rank, c in enumerate(decision.candidates, start=1):
        title = c.entry.texts(decision.lang).title
        lines.append(f"  {rank}. {c.score:.3f}  {c.entry.id}  [{', '.join(c.entry.topics)}]  {title}")
    return "\n".join(lines)


def run_batch(matcher: Matcher, embedder: Embedder | None) -> int:
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = str(item["text"])
            lang = item.get("lang")
            district = item.get("district")
        except (ValueError, KeyError, TypeError) as exc:
            error = f"line {number}: {exc}"
            out: dict[str, Any] = {"id": None, "action": "handoff", "lang": None, "results": [], "error": error}
            print(json.dumps(out, ensure_ascii=False), flush=True)
            continue
        lang = lang if lang in SUPPORTED else None
        district = district if isinstance(district, str) else None
        decision = matcher.match(text, lang, district, _vector(embedder, text))
        print(json.dumps(decision_json(decision, item.get("id")), ensure_ascii=False), flush=True)
    return 0


def _vector(embedder: Embedder | None, text: str) -> Vector | None:
    return embedder.embed([text[:MAX_QUERY_CHARS]], "query")[0] if embedder is not None and text.strip() else None


def with_semantic_layer(matcher: Matcher, settings: Settings) -> Embedder | None:
    """Attach the semantic index (from the cache beside the database; built now if cold, which takes
    minutes once), or say on stderr why the lexical matcher decides alone."""
    if not settings.semantic_layer:
        return None
    embedder, reason = load_embedder()
    if embedder is None:
        print(f"semantic layer unavailable, answering lexically: {reason}", file=sys.stderr)
        return None
    cache_dir = cache_dir_for(settings.database_path)
    examples = settings.knowledge_dir / "examples"
    index, report = build_semantic_index(matcher.kb, embedder, cache_dir, examples, stderr_progress())
    matcher.attach(index)
    if report.embedded:
        print(f"semantic cache updated: {report.embedded} texts embedded in {report.seconds:.0f} s", file=sys.stderr)
    return embedder


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    kb = load_or_report(settings.knowledge_dir)
    if kb is None:
        return 1
    matcher = Matcher(kb)
    embedder = None if args.lexical else with_semantic_layer(matcher, settings)
    if args.batch:
        return run_batch(matcher, embedder)
    text = " ".join(args.text).strip()
    if not text:
        print("wegweiser ask: give a question, e.g. wegweiser ask --lang de 'wo melde ich mich an'", file=sys.stderr)
        return 2
    decision = matcher.match(text, args.lang, args.district, _vector(embedder, text))
    print(json.dumps(decision_json(decision), ensure_ascii=False) if args.json else _describe(decision))
    return 0
