"""`wegweiser events send-due`: run the daily event news once (tests, operations); the bot delivers it.
`wegweiser events export` lives in bot/cli_events_export.py."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt

from bot.cli_events_export import add_export_parser
from bot.event_job import Round, send_due
from bot.knowledge.directory import BERLIN
from bot.runtime import StartupError, build_services
from bot.settings import Settings
from bot.storage.db import DatabaseUnavailable


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    events = sub.add_parser("events", help="the event calendar (knowledge/events/) and event news")
    events_sub = events.add_subparsers(dest="events_command", required=True)
    add_export_parser(events_sub)
    due = events_sub.add_parser(
        "send-due", help="queue today's event news for every subscriber (the running bot delivers it)"
    )
    due.add_argument("--now", type=_moment, default=None, help="Berlin time to decide for, e.g. 2026-12-08T09:30")
    due.set_defaults(handler=run_send_due)


def _moment(raw: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(raw)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date and time: {raw!r} (use 2026-12-08T09:30)") from exc
    return moment.replace(tzinfo=BERLIN) if moment.tzinfo is None else moment


async def _send(settings: Settings, now: dt.datetime | None) -> Round:
    services = await build_services(dataclasses.replace(settings, semantic_layer=False))
    try:
        return await send_due(services, now)
    finally:
        await services.db.close()


def run_send_due(args: argparse.Namespace, settings: Settings) -> int:
    try:
        result = asyncio.run(_send(settings, args.now))
    except (StartupError, DatabaseUnavailable) as exc:
        print(exc)
        return 1
    print(f"subscribers {result.subscribers}, messages queued {result.queued}, "
          f"unsubscribed (blocked the bot) {result.unsubscribed}, failed {result.failed}")
    return 1 if result.failed else 0
