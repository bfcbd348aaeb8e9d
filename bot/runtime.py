"""Build the shared services once: settings, database, knowledge, matcher, locales."""

from __future__ import annotations

from dataclasses import dataclass

from bot.conversation.context import Services
from bot.hours import berlin_now
from bot.i18n import Locales, load_locales
from bot.knowledge.loader import load_knowledge
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.problems import errors
from bot.matching import Matcher
from bot.settings import Settings
from bot.storage.db import Database


class StartupError(RuntimeError):
    """Knowledge or locales are broken: the bot must not start serving them."""


@dataclass(frozen=True)
class Loaded:
    """Validated knowledge, its matcher and the locales: built once, shared read-only."""

    kb: KnowledgeBase
    matcher: Matcher
    locales: Locales


def load(settings: Settings) -> Loaded:
    result = load_knowledge(settings.knowledge_dir)
    locales, locale_problems = load_locales(settings.locales_dir)
    problems = errors(result.problems + locale_problems)
    if result.knowledge is None or locales is None or problems:
        listing = "\n".join(str(p) for p in problems[:50])
        raise StartupError(f"knowledge or locales have errors (run `wegweiser kb check`):\n{listing}")
    return Loaded(result.knowledge, Matcher(result.knowledge), locales)


async def build_services(settings: Settings, loaded: Loaded | None = None) -> Services:
    ready = loaded or load(settings)
    db = await Database.open(settings.database_path)
    return Services(settings, db, ready.kb, ready.matcher, ready.locales, berlin_now)
