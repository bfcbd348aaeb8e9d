"""Admin commands: /reload (validate, then swap) and /stats."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from bot.knowledge.problems import Problem
from bot.runtime import Loaded, check
from bot.storage import feedback, knowledge_version, questions, users

from .context import Services, Turn
from .registry import Audience, Command, Flow
from .replies import Reply

MAX_PROBLEMS_SHOWN = 30
PREPARED_FOR_S = 60.0  # a build prepared for a /reload is used by that update only, not by a much later one


@dataclass(frozen=True)
class Prepared:
    loaded: Loaded | None
    problems: list[Problem]
    at: float


async def build(services: Services) -> tuple[Loaded | None, list[Problem]]:
    """Validate and build the new knowledge and matcher off the event loop, embedding only new texts."""
    loaded, problems = await asyncio.to_thread(check, services.settings)
    if loaded is not None and services.matcher.semantic is not None and services.semantic.embedder is not None:
        await services.semantic.attach(loaded.matcher, services.settings.knowledge_dir)
    return loaded, problems


async def prepare(services: Services) -> None:
    """Build before the /reload update's unit of work opens (called by the inbound processor), so the update
    holds the database for the swap only, not for the seconds the build takes."""
    loaded, problems = await build(services)
    services.prepared_reload = Prepared(loaded, problems, time.monotonic())


async def reload(turn: Turn, args: str = "") -> list[Reply]:
    """Swap all at once to knowledge built off the event loop (prepared before this update, else now)."""
    services = turn.services
    ready, services.prepared_reload = services.prepared_reload, None
    if isinstance(ready, Prepared) and time.monotonic() - ready.at <= PREPARED_FOR_S:
        loaded, problems = ready.loaded, ready.problems
    else:
        loaded, problems = await build(services)
    if loaded is None:
        listing = "\n".join(str(p) for p in problems[:MAX_PROBLEMS_SHOWN])
        return [Reply(turn.t("admin.reload_failed", problems=listing))]
    apply(services, loaded)
    # the other workers follow (bot/telegram/cluster.py); this one is at the new version already
    services.knowledge_version = await knowledge_version.bump(services.db)
    return [Reply(turn.t("admin.reload_ok", entries=len(loaded.kb.active)))]


def apply(services: Services, loaded: Loaded) -> None:
    """Swap to knowledge built by `build` (a /reload here, or one on another worker)."""
    services.swap(loaded.kb, loaded.matcher, loaded.locales)
    if loaded.matcher.semantic is None:  # the layer was still building or is off: finish in the background
        services.semantic.attach_in_background(loaded.matcher, services.settings.knowledge_dir)


async def stats(turn: Turn, args: str = "") -> list[Reply]:
    db = turn.services.db
    by_lang = await users.count_by_language(db)
    split = await questions.action_split(db)
    good, total = await feedback.helpful_rate(db)
    helpful = f"{good}/{total} ({100 * good / total:.0f}%)" if total else "-"
    text = turn.t(
        "admin.stats",
        users=sum(by_lang.values()),
        languages=", ".join(f"{lang} {n}" for lang, n in by_lang.items()) or "-",
        questions=sum(split.values()),
        answer=split.get("answer", 0),
        clarify=split.get("clarify", 0),
        handoff=split.get("handoff", 0),
        helpful=helpful,
    )
    semantic = turn.t("admin.semantic", status=turn.services.semantic.status(turn.services.matcher))
    return [Reply(f"{text}\n{semantic}")]


FLOW = Flow(commands=(Command("reload", reload, Audience.ADMIN), Command("stats", stats, Audience.ADMIN)))
