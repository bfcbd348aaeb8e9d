"""Build the shared services once: settings, database, knowledge, matcher, locales."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from bot.conversation.context import Services
from bot.hours import berlin_now
from bot.i18n import Locales, load_locales
from bot.knowledge.loader import load_knowledge
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.problems import Problem, errors
from bot.matching import Matcher
from bot.matching.semantic_index import cache_dir_for
from bot.matching.semantic_layer import SemanticLayer
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


def check(settings: Settings) -> tuple[Loaded | None, list[Problem]]:
    """Load and validate knowledge and locales and build the matcher (seconds: run it off the event loop);
    None and the errors when anything is broken."""
    result = load_knowledge(settings.knowledge_dir)
    locales, locale_problems = load_locales(settings.locales_dir)
    problems = errors(result.problems + locale_problems)
    if result.knowledge is None or locales is None or problems:
        return None, problems
    return Loaded(result.knowledge, Matcher(result.knowledge), locales), []


def load(settings: Settings) -> Loaded:
    loaded, problems = check(settings)
    if loaded is None:
        listing = "\n".join(str(p) for p in problems[:50])
        raise StartupError(f"knowledge or locales have errors (run `wegweiser kb check`):\n{listing}")
    return loaded


async def build_services(settings: Settings, loaded: Loaded | None = None) -> Services:
    """Knowledge, database and the semantic layer; the semantic index is built in the background."""
    ready = loaded if loaded is not None else await asyncio.to_thread(load, settings)
    db = await Database.open(settings.database)
    semantic = semantic_layer(settings)
    services = Services(settings, db, ready.kb, ready.matcher, ready.locales, berlin_now, semantic)
    semantic.attach_in_background(ready.matcher, settings.knowledge_dir)
    return services


def semantic_layer(settings: Settings) -> SemanticLayer:
    if not settings.semantic_layer:
        return SemanticLayer.off()
    return SemanticLayer.load(cache_dir_for(settings.database_path), settings.embed_timeout_ms / 1000)
