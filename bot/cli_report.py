"""`wegweiser report gaps`: the editors' view of what the knowledge base lacks."""

from __future__ import annotations

import argparse
import asyncio

from bot.cli_kb import load_or_report
from bot.matching import Matcher
from bot.reports import as_csv, as_text, group_gaps
from bot.settings import Settings
from bot.storage import questions
from bot.storage.db import Database


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = sub.add_parser("report", help="reports for editors")
    report_sub = report.add_subparsers(dest="report_command", required=True)
    gaps = report_sub.add_parser("gaps", help="questions that ended in hand-off, 'none of these' or 'not helpful'")
    gaps.add_argument("--days", type=int, default=30)
    gaps.add_argument("--format", choices=["text", "csv"], default="text")
    gaps.set_defaults(handler=run_gaps)


async def _rows(settings: Settings, days: int) -> list[tuple[str, str, str, str | None]]:
    db = await Database.open(settings.database)
    try:
        return await questions.gaps(db, days)
    finally:
        await db.close()


def run_gaps(args: argparse.Namespace, settings: Settings) -> int:
    kb = load_or_report(settings.knowledge_dir)
    if kb is None:
        return 1
    rows = asyncio.run(_rows(settings, max(1, args.days)))
    groups = group_gaps(rows, Matcher(kb))
    if args.format == "csv":
        print(as_csv(groups), end="")
    else:
        print(as_text(groups, args.days))
    return 0
