"""`wegweiser ask`: what would the bot answer? For editors and for batch evaluation."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.cli_kb import load_or_report
from bot.languages import DISTRICTS, SUPPORTED
from bot.matching import Decision, Matcher
from bot.settings import Settings


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ask = sub.add_parser("ask", help="match a question like the bot would")
    ask.add_argument("text", nargs="*", help="the question (omit with --batch)")
    ask.add_argument("--lang", choices=SUPPORTED, help="the user's chosen language")
    ask.add_argument("--district", choices=[*DISTRICTS, "outside"], help="where the user lives")
    ask.add_argument("--json", action="store_true", help="print the decision as JSON")
    ask.add_argument("--batch", action="store_true", help="JSON lines {id, text, lang, district} on stdin")
    ask.set_defaults(handler=run_ask)


def decision_json(decision: Decision, item_id: Any = None) -> dict[str, Any]:
    return {
        "id": item_id,
        "action": decision.action,
        "lang": decision.lang,
        "intent": decision.intent,
        "results": [
            {"id": c.entry.id, "topics": list(c.entry.topics), "score": round(c.score, 4)}
            for c in decision.candidates
        ],
    }


def _describe(decision: Decision) -> str:
    lines = [f"action: {decision.action} ({decision.intent}), language: {decision.lang}"]
    for rank, c in enumerate(decision.candidates, start=1):
        title = c.entry.texts(decision.lang).title
        lines.append(f"  {rank}. {c.score:.3f}  {c.entry.id}  [{', '.join(c.entry.topics)}]  {title}")
    return "\n".join(lines)


def run_batch(matcher: Matcher) -> int:
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
        decision = matcher.match(text, lang, district)
        print(json.dumps(decision_json(decision, item.get("id")), ensure_ascii=False), flush=True)
    return 0


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    kb = load_or_report(settings.knowledge_dir)
    if kb is None:
        return 1
    matcher = Matcher(kb)
    if args.batch:
        return run_batch(matcher)
    text = " ".join(args.text).strip()
    if not text:
        print("wegweiser ask: give a question, e.g. wegweiser ask --lang de 'wo melde ich mich an'", file=sys.stderr)
        return 2
    decision = matcher.match(text, args.lang, args.district)
    print(json.dumps(decision_json(decision), ensure_ascii=False) if args.json else _describe(decision))
    return 0
