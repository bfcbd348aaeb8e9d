"""/start, language choice, /help, /privacy."""

from __future__ import annotations

from bot.languages import SUPPORTED

from . import callbacks
from .context import Turn
from .replies import Button, Reply


def language_picker(turn: Turn) -> tuple[tuple[Button, ...], ...]:
    buttons = [Button(turn.services.locales.name(code), callbacks.encode("L", code)) for code in SUPPORTED]
    return tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))


def start(turn: Turn) -> list[Reply]:
    days = turn.services.settings.retention_days
    text = "\n\n".join(
        [turn.t("start.greeting"), turn.t("start.privacy_short", days=days), turn.t("start.choose_language")]
    )
    return [Reply(text, language_picker(turn))]


def choose_language(turn: Turn) -> list[Reply]:
    return [Reply(turn.t("language.choose"), language_picker(turn))]


def set_language(turn: Turn, code: str) -> list[Reply]:
    if code not in SUPPORTED:
        return stale(turn)
    first_time = turn.user.district is None and turn.user.awaiting == "language"
    turn.update(lang=code, awaiting="district" if first_time else None)
    replies = [Reply(turn.t("language.set", language=turn.services.locales.name(code)), edit=True)]
    if first_time:
        from .district import ask_district

        replies.extend(ask_district(turn))
    else:
        replies.append(Reply(turn.t("start.ready"), menu_row(turn)))
    return replies


def menu_row(turn: Turn) -> tuple[tuple[Button, ...], ...]:
    return ((turn.button("buttons.menu", "M"),),)


def help_text(turn: Turn) -> list[Reply]:
    return [Reply(turn.t("help.text"), menu_row(turn))]


def privacy(turn: Turn) -> list[Reply]:
    return [Reply(turn.t("privacy.text", days=turn.services.settings.retention_days))]


def stale(turn: Turn) -> list[Reply]:
    from .menu import topics_menu

    return [Reply(turn.t("errors.stale_button")), *topics_menu(turn)]


def unknown_command(turn: Turn, name: str) -> list[Reply]:
    del name  # never echoed back: it is user input
    return [Reply(turn.t("errors.unknown_command") + "\n\n" + turn.t("help.text"), menu_row(turn))]
