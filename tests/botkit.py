"""Helpers for end-to-end tests through the real Application: people, feeding updates, reading calls back,
and Telegram's limits checked on every call."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from fakes import Call, Person, RecordingRequest, callback_update, command_update, text_update

from bot.conversation.context import Services
from bot.conversation.protocol import Feedback, SetDistrict, SetLanguage, ShowEntry

REPO = Path(__file__).resolve().parent.parent
LRI, PDI = "\u2066", "\u2069"
ERRORS = "test_errors"

DE = Person(1001, "de", "Jonas")
EN = Person(1002, "en", "Mary")
AR = Person(1003, "ar", "ليلى")
UK = Person(1004, "uk", "Олена")
TR = Person(1005, "tr", "Ayşe")
RU = Person(1006, "ru", "Иван")
FA = Person(1007, "fa", "Sara")
PL = Person(1008, "pl", "Kasia")
ADMIN = Person(999, "en", "Admin")
VICTIM = Person(5000, "de", "Geheim")


# ----------------------------------------------------------------------------- helpers
_TELEGRAM_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
    "a", "tg-emoji", "code", "pre", "blockquote",
}  # fmt: skip
_HTML_TOKEN = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[a-z-]+(?:=\"[^\"<>]*\")?)*)\s*>"
    r"|&(?:lt|gt|amp|quot|#\d+|#x[0-9A-Fa-f]+);"
    r"|[<>&]"
)


def html_problems(text: str) -> list[str]:
    """What Telegram's HTML parse mode would reject: bare <, >, &, unknown or unbalanced tags."""
    problems: list[str] = []
    stack: list[str] = []
    for match in _HTML_TOKEN.finditer(text):
        token = match.group(0)
        if len(token) == 1:
            problems.append(f"bare {token!r} at {match.start()}")
            continue
        if token.startswith("&"):
            continue
        closing, name = match.group(1), match.group(2).lower()
        if name not in _TELEGRAM_TAGS:
            problems.append(f"unsupported tag <{closing}{name}>")
        elif not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            problems.append(f"unbalanced </{name}>")
    problems.extend(f"unclosed <{name}>" for name in stack)
    return problems


def check_call(call: Call) -> None:
    """Telegram's limits for one outgoing call."""
    text = call.text
    if text is not None:
        assert 0 < len(text) <= 4096, (call.method, len(text))
        if call.params.get("parse_mode") == "HTML":
            assert html_problems(text) == [], (text, html_problems(text))
    for button in call.buttons():
        assert button["text"].strip(), call.params
        data = button.get("callback_data")
        assert data is not None and 1 <= len(data.encode()) <= 64, data


def request_of(app: Any) -> RecordingRequest:
    request = app.bot.request
    assert isinstance(request, RecordingRequest)
    return request


def services_of(app: Any) -> Services:
    services = app.bot_data["conversation"].services
    assert isinstance(services, Services)
    return services


def t(app: Any, lang: str, key: str, **values: object) -> str:
    """A locale string as the bot sends it (HTML-escaped)."""
    return html.escape(services_of(app).locales.t(lang, key, **values))


async def feed(app: Any, update: Any, allow_errors: bool = False) -> list[Call]:
    """Process one update; return the calls it caused after checking each against Telegram's limits."""
    request = request_of(app)
    before = len(request.calls)
    await app.process_update(update)
    new = request.calls[before:]
    for call in new:
        if call.ok:
            check_call(call)
    if not allow_errors:
        assert app.bot_data[ERRORS] == [], app.bot_data[ERRORS]
    return [c for c in new if c.ok]


def shown(calls: list[Call]) -> list[Call]:
    """Calls that put text on the screen."""
    return [c for c in calls if c.method in ("sendMessage", "editMessageText")]


def texts(calls: list[Call]) -> list[str]:
    return [c.text for c in shown(calls) if c.text is not None]


def joined(calls: list[Call]) -> str:
    return "\n---\n".join(texts(calls))


def all_data(calls: list[Call]) -> list[str]:
    return [data for c in calls for data in c.callback_data()]


async def say(app: Any, person: Person, text: str) -> list[Call]:
    return await feed(app, text_update(app.bot, text, person))


async def command(app: Any, person: Person, name: str, args: str = "") -> list[Call]:
    return await feed(app, command_update(app.bot, name, args, person))


async def press(app: Any, person: Person, data: str, message_id: int = 77) -> list[Call]:
    return await feed(app, callback_update(app.bot, data, person, message_id=message_id))


async def onboard(app: Any, person: Person, lang: str, district: str = "none") -> None:
    """/start, pick the language and a district: the state of a returning user."""
    await command(app, person, "start")
    await press(app, person, SetLanguage(lang).pack())
    await press(app, person, SetDistrict(district).pack())


def entry_ref(app: Any, entry_id: str) -> tuple[str, int]:
    """The knowledge version tag and the entry's position: what a button refers to it by."""
    services = services_of(app)
    entry = services.kb.get(entry_id)
    assert entry is not None, entry_id
    return services.generation, services.kb.active.index(entry)


def show_data(app: Any, entry_id: str) -> str:
    return ShowEntry(*entry_ref(app, entry_id)).pack()


def feedback_data(app: Any, entry_id: str, helpful: bool) -> str:
    return Feedback(*entry_ref(app, entry_id), helpful).pack()


def title(app: Any, entry_id: str, lang: str) -> str:
    entry = services_of(app).kb.get(entry_id)
    assert entry is not None
    return entry.texts(lang).title


def copy_knowledge(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(REPO / "knowledge", target)
    return target


def clarifying_input(app: Any, lang: str) -> str:
    matcher = services_of(app).matcher
    for text in ("termin", "amt", "beratung", "kurs", "geld", "wohnung", "arzt", "papiere", "antrag"):
        if matcher.match(text, lang).action == "clarify":
            return text
    pytest.skip("no generic input makes the matcher clarify any more")


