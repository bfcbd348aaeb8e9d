"""Admin commands: /reload (validate, then swap) and /stats."""

from __future__ import annotations

import asyncio

from bot.runtime import check
from bot.storage import feedback, questions, users

from .context import Turn
from .registry import Audience, Command, Flow
from .replies import Reply

MAX_PROBLEMS_SHOWN = 30


async def reload(turn: Turn, args: str = "") -> list[Reply]:
    """Validate and build off the event loop (others keep being served), then swap all at once."""
    services = turn.services
    loaded, problems = await asyncio.to_thread(check, services.settings)
    if loaded is None:
        listing = "\n".join(str(p) for p in problems[:MAX_PROBLEMS_SHOWN])
        return [Reply(turn.t("admin.reload_failed", problems=listing))]
    if services.matcher.semantic is not None and services.semantic.embedder is not None:
        await services.semantic.attach(loaded.matcher, services.settings.knowledge_dir)  # only new texts embedded
    services.swap(loaded.kb, loaded.matcher, loaded.locales)
    if loaded.matcher.semantic is None:  # the layer was still building or is off: finish in the background
        services.semantic.attach_in_background(loaded.matcher, services.settings.knowledge_dir)
    return [Reply(turn.t("admin.reload_ok", entries=len(loaded.kb.active)))]


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
