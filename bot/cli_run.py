"""`wegweiser run` (Telegram, or the console chat without a token) and `wegweiser chat`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.languages import SUPPORTED
from bot.runtime import StartupError
from bot.settings import Settings
from bot.storage import db


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = sub.add_parser("run", help="start the Telegram bot (console chat when BOT_TOKEN is not set)")
    run.set_defaults(handler=run_bot)
    chat = sub.add_parser("chat", help="talk to the bot in this terminal, no Telegram needed")
    chat.add_argument("--lang", choices=SUPPORTED)
    chat.set_defaults(handler=run_chat)


def setup_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=getattr(logging, settings.log_level, logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    if settings.log_level != "DEBUG":  # httpx logs full URLs, which contain the bot token
        logging.getLogger("httpx").setLevel(logging.WARNING)


def run_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.console import chat

    try:
        return asyncio.run(chat(settings, getattr(args, "lang", None)))
    except StartupError as exc:
        print(exc, file=sys.stderr)
        return 1


def run_bot(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.bot_token:
        print(
            "BOT_TOKEN is not set, so Wegweiser cannot talk to Telegram.\n"
            "Starting the local console chat instead (the same bot in this terminal; also `wegweiser chat`).\n"
            "Set BOT_TOKEN (see .env.example) to run the Telegram bot.\n",
            file=sys.stderr,
        )
        if not sys.stdin.isatty() and sys.stdin.closed:
            return 0
        return run_chat(args, settings)
    setup_logging(settings)
    if settings.webhook_url and not settings.webhook_secret:
        print(
            "WEBHOOK_URL is set but WEBHOOK_SECRET is not: anyone could post forged updates to the webhook.\n"
            "Set WEBHOOK_SECRET to a long random string (letters, digits, _ and -), then start again.",
            file=sys.stderr,
        )
        return 1
    try:  # a database that cannot be opened or migrated stops the bot before it talks to Telegram
        asyncio.run(db.check(settings.database))
    except db.DatabaseUnavailable as exc:
        print(exc, file=sys.stderr)
        return 1
    from telegram import Update

    from bot.telegram.app import build_application

    app = build_application(settings)
    try:
        if settings.webhook_url:
            app.run_webhook(
                listen=settings.webhook_listen,
                port=settings.port,
                url_path="telegram",
                secret_token=settings.webhook_secret,
                webhook_url=settings.webhook_url,
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES)
    except (StartupError, db.DatabaseUnavailable) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0
