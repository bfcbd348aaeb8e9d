"""`wegweiser events export --format ics`: the event calendar for calendar apps and partners.

`add_export_parser` adds `export` to an existing `events` command (other `events` subcommands may live
elsewhere); `add_parser` creates the `events` command with `export` alone.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli_kb import load_or_report, write_output
from bot.knowledge.ics import export_ics
from bot.languages import DISTRICTS, SUPPORTED
from bot.settings import Settings


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    events = sub.add_parser("events", help="the event calendar (knowledge/events/)")
    add_export_parser(events.add_subparsers(dest="events_command", required=True))


def add_export_parser(events_sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = events_sub.add_parser("export", help="active events as an iCalendar (.ics) file")
    export.add_argument("knowledge_dir", nargs="?", type=Path)
    export.add_argument("--format", choices=["ics"], default="ics")
    export.add_argument("--district", choices=[*DISTRICTS], help="this district's and Berlin-wide events")
    export.add_argument("--lang", choices=[*SUPPORTED], default="de", help="language of titles and texts")
    export.add_argument("--out", type=Path, help="write to this file (default: standard output)")
    export.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace, settings: Settings) -> int:
    kb = load_or_report(args.knowledge_dir or settings.knowledge_dir)
    if kb is None:
        return 1
    return write_output(export_ics(kb, lang=args.lang, district=args.district), args.out)
