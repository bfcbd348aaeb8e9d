"""The `wegweiser` command: one subcommand per job, each delegating to its module."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot import cli_ask, cli_events, cli_kb, cli_report, cli_run
from bot.settings import Settings, SettingsError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wegweiser", description="Orientation assistant for Berlin newcomers")
    sub = parser.add_subparsers(dest="command", required=True)
    cli_kb.add_parser(sub)
    cli_ask.add_parser(sub)
    cli_run.add_parsers(sub)
    cli_report.add_parser(sub)
    cli_events.add_parser(sub)  # `events send-due` and `events export` (bot/cli_events_export.py)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    try:
        result: int = args.handler(args, settings)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return result


if __name__ == "__main__":
    sys.exit(main())
