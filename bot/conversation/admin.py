"""Admin commands: /reload (validate, then swap) and /stats."""

from __future__ import annotations

from bot.i18n import load_locales
from bot.knowledge.loader import load_knowledge
from bot.knowledge.problems import errors
from bot.matching import Matcher
from bot.storage import feedback, questions, users

from .context import Turn
from .registry import Audience, Command, Flow
from .replies import Reply

MAX_PROBLEMS_SHOWN = 30


async def reload(turn: Turn, args: str = "") -> list[Reply]:
    settings = turn.services.settings
    result = load_knowledge(settings.knowledge_dir)
    locales, locale_problems = load_locales(settings.locales_dir)
    problems = errors(result.problems + locale_problems)
    if result.knowledge is None or locales is None or problems:
        listing = "\n".join(str(p) for p in problems[:MAX_PROBLEMS_SHOWN])
        return [Reply(turn.t("admin.reload_failed", problems=listing))]
    turn.services.swap(result.knowledge, Matcher(result.knowledge), locales)
    return [Reply(turn.t("admin.reload_ok", entries=len(result.knowledge.active)))]


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
    return [Reply(text)]


FLOW = Flow(commands=(Command("reload", reload, Audience.ADMIN), Command("stats", stats, Audience.ADMIN)))
