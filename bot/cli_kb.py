"""`wegweiser kb check|stats|export|embed`: the editors' tools for knowledge/ and locales/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot import cli_semantic
from bot.i18n import load_locales
from bot.knowledge.export import export_json, stats_table
from bot.knowledge.hsds import export_hsds
from bot.knowledge.loader import load_knowledge
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.problems import errors
from bot.settings import Settings


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    kb = sub.add_parser("kb", help="check, count and export the knowledge base")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    check = kb_sub.add_parser("check", help="validate knowledge/ and locales/; exit 1 on any error")
    check.add_argument("knowledge_dir", nargs="?", type=Path)
    check.add_argument("--locales", type=Path, help="locales folder (default LOCALES_DIR)")
    check.add_argument("--no-warnings", action="store_true", help="print errors only")
    check.set_defaults(handler=run_check)
    stats = kb_sub.add_parser("stats", help="entries per topic, district and language")
    stats.add_argument("knowledge_dir", nargs="?", type=Path)
    stats.set_defaults(handler=run_stats)
    export = kb_sub.add_parser("export", help="the validated knowledge base as JSON or HSDS 3.0 JSON")
    export.add_argument("knowledge_dir", nargs="?", type=Path)
    export.add_argument("--format", choices=["json", "hsds"], default="json")
    export.add_argument("--out", type=Path, help="write to this file (default: standard output)")
    export.set_defaults(handler=run_export)
    cli_semantic.add_embed_parser(kb_sub).set_defaults(handler=run_embed)


def run_check(args: argparse.Namespace, settings: Settings) -> int:
    knowledge_dir = args.knowledge_dir or settings.knowledge_dir
    locales_dir = args.locales or settings.locales_dir
    result = load_knowledge(knowledge_dir)
    _, locale_problems = load_locales(locales_dir)
    problems = sorted(result.problems + locale_problems, key=lambda p: (p.path, p.line))
    shown = errors(problems) if args.no_warnings else problems
    for problem in shown:
        print(problem)
    n_errors = len(errors(problems))
    n_warnings = len(problems) - n_errors
    if n_errors:
        print(f"{n_errors} error(s), {n_warnings} warning(s)", file=sys.stderr)
        return 1
    kb = result.knowledge
    count = len(kb.active) if kb else 0
    directory = f", {len(kb.organisations)} organisations, {len(kb.events)} events" if kb else ""
    print(f"ok: {count} active entries{directory}, {n_warnings} warning(s)", file=sys.stderr)
    return 0


def load_or_report(knowledge_dir: Path) -> KnowledgeBase | None:
    """The knowledge base, or None after printing its errors to stderr."""
    result = load_knowledge(knowledge_dir)
    if result.knowledge is None:
        for problem in errors(result.problems):
            print(problem, file=sys.stderr)
        print("knowledge base has errors; run `wegweiser kb check`", file=sys.stderr)
    return result.knowledge


def write_output(text: str, out: Path | None) -> int:
    """Text to `out` (UTF-8, line ends kept) or to stdout; 1 with a message when the file cannot be written."""
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    try:
        with out.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        print(f"cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def run_stats(args: argparse.Namespace, settings: Settings) -> int:
    kb = load_or_report(args.knowledge_dir or settings.knowledge_dir)
    if kb is None:
        return 1
    print(stats_table(kb))
    print(cli_semantic.semantic_status(settings))
    return 0


def run_export(args: argparse.Namespace, settings: Settings) -> int:
    kb = load_or_report(args.knowledge_dir or settings.knowledge_dir)
    if kb is None:
        return 1
    text = export_hsds(kb) if args.format == "hsds" else export_json(kb)
    return write_output(text + "\n", args.out)


def run_embed(args: argparse.Namespace, settings: Settings) -> int:
    kb = load_or_report(args.knowledge_dir or settings.knowledge_dir)
    if kb is None:
        return 1
    return cli_semantic.run_embed(args, settings, kb)
