"""/start, language choice, /help, /privacy."""

from __future__ import annotations

from bot.languages import SUPPORTED

from .common import menu_row, stale
from .context import Turn
from .district import ask_district
from .protocol import Awaiting, SetLanguage
from .registry import Command, Flow
from .replies import Button, Reply


def language_picker(turn: Turn) -> tuple[tuple[Button, ...], ...]:
    names = turn.services.locales.name
    buttons = [Button(names(code), SetLanguage(code).pack()) for code in SUPPORTED]
    return tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))


def greeting(turn: Turn) -> list[Reply]:
    days = turn.services.settings.retention_days
    text = "\n\n".join(
        [turn.t("start.greeting"), turn.t("start.privacy_short", days=days), turn.t("start.choose_language")]
    )
    return [Reply(text, language_picker(turn))]


async def start(turn: Turn, args: str = "") -> list[Reply]:
    turn.awaiting = Awaiting.LANGUAGE if turn.user.district is None else None
    return greeting(turn)


async def choose_language(turn: Turn, args: str = "") -> list[Reply]:
    return [Reply(turn.t("language.choose"), language_picker(turn))]


async def set_language(turn: Turn, action: SetLanguage) -> list[Reply]:
    if action.lang not in SUPPORTED:
        return stale(turn)
    first_time = turn.user.district is None and turn.awaiting is Awaiting.LANGUAGE
    turn.user.lang = action.lang
    turn.awaiting = None
    replies = [Reply(turn.t("language.set", language=turn.services.locales.name(action.lang)), edit=True)]
    if first_time:
        replies.extend(ask_district(turn))
    else:
        replies.append(Reply(turn.t("start.ready"), menu_row(turn)))
    return replies


async def help_text(turn: Turn, args: str = "") -> list[Reply]:
    return [Reply(turn.t("help.text"), menu_row(turn))]


async def privacy(turn: Turn, args: str = "") -> list[Reply]:
    return [Reply(turn.t("privacy.text", days=turn.services.settings.retention_days))]


def unknown_command(turn: Turn) -> list[Reply]:
    """The command's name is never echoed back: it is user input."""
    return [Reply(turn.t("errors.unknown_command") + "\n\n" + turn.t("help.text"), menu_row(turn))]


FLOW = Flow(
    commands=(
        Command("start", start),
        Command("language", choose_language),
        Command("help", help_text),
        Command("privacy", privacy),
    ),
    buttons={SetLanguage: set_language},
)
