"""The conversation core: (user state, input) -> replies. Knows nothing of Telegram.

Dispatch is a look-up in the registry every flow declares itself in (`bot.flows.REGISTRY`):
commands by name, buttons by their action type, text by the state the user is in.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from html import escape
from typing import Literal

from bot.languages import DEFAULT, normalise_code
from bot.storage import users
from bot.storage.unit import is_fault
from bot.storage.users import UserRecord

from . import protocol
from .common import menu_row, stale
from .context import Sender, Services, Turn
from .protocol import Awaiting
from .ratelimit import RateLimiter
from .registry import Actor, Audience, Registry, Upload
from .replies import Reply
from .start import greeting, unknown_command

log = logging.getLogger(__name__)
MAX_TEXT_CHARS = 4000  # longer messages are matched on their beginning


@dataclass(frozen=True)
class Command:
    name: str
    args: str = ""


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Press:
    data: str


@dataclass(frozen=True)
class NonText:
    kind: Literal["voice", "sticker", "photo", "video", "document", "location", "contact", "other"]


Incoming = Command | Text | Press | NonText | Upload


class Conversation:
    def __init__(self, services: Services, registry: Registry) -> None:
        self.services = services
        self.registry = registry
        self.limiter = RateLimiter(services.settings.user_rate_limit)

    async def handle(self, sender: Sender, incoming: Incoming) -> list[Reply]:
        """One turn as one unit of work: user state, question log, tickets and outbox rows are committed
        together at its end, or nothing is. Called inside a caller's unit (a Telegram update), it joins it
        and a failure is left to that caller; on its own (console chat, tests) a failure is answered here."""
        verdict = self.limiter.check(sender.user_id)
        if verdict == "drop":
            return []
        db = self.services.db
        owner = db.current_unit() is None
        try:
            async with db.unit_of_work():
                turn = await self._turn(sender)
                if verdict == "notify":
                    return [Reply(turn.t("errors.rate_limited"))]
                replies = await self._dispatch(turn, incoming)
                if not turn.erased:
                    await users.save(db, turn.user)
        except Exception as exc:
            if not owner:
                raise
            return await self.failure_replies(sender, incoming, exc)
        return replies

    async def failure_replies(self, sender: Sender, incoming: Incoming, exc: BaseException) -> list[Reply]:
        """What the person hears when their turn was rolled back: "try again later" when the database cannot
        store anything (full disk, I/O error, read-only), else the generic error."""
        if is_fault(exc):
            key = "errors.try_later"  # the unit of work logged the fault at ERROR
        else:
            log.error("flow failed for %s", type(incoming).__name__, exc_info=exc)
            key = "errors.generic"
        return [Reply(escape(self.services.locales.t(await self.language(sender), key)))]

    async def language(self, sender: Sender) -> str:
        """The person's stored language, else Telegram's (the database may be what failed)."""
        try:
            async with self.services.db.unit_of_work():
                record = await users.get(self.services.db, sender.user_id)
        except Exception:  # any database failure: fall back to Telegram's language
            record = None
        if record is not None:
            return record.lang
        return normalise_code(sender.language_code) or DEFAULT

    async def _turn(self, sender: Sender) -> Turn:
        record = await users.get(self.services.db, sender.user_id)
        if record is not None:
            return Turn(self.services, sender, record)
        lang = normalise_code(sender.language_code) or DEFAULT
        fresh = UserRecord(sender.user_id, lang, awaiting=Awaiting.LANGUAGE.value)
        return Turn(self.services, sender, fresh, is_new=True)

    async def _dispatch(self, turn: Turn, incoming: Incoming) -> list[Reply]:
        if isinstance(incoming, Command):
            return await self._command(turn, incoming.name.lower(), incoming.args)
        if isinstance(incoming, Press):
            return await self._press(turn, incoming.data)
        if isinstance(incoming, NonText):
            return [Reply(turn.t("errors.non_text"), menu_row(turn))]
        if isinstance(incoming, Upload):
            return await self._upload(turn, incoming)
        return await self._text(turn, incoming.text.strip())

    async def _upload(self, turn: Turn, upload: Upload) -> list[Reply]:
        """A photo or document: its caption is checked for an emergency first, as any text is."""
        handler = self.registry.upload
        if handler is None:
            return [Reply(turn.t("errors.non_text"), menu_row(turn))]
        replies = greeting(turn) if turn.is_new else []
        caption = upload.caption.strip()[:MAX_TEXT_CHARS]
        for safety in self.registry.before_state if caption else ():
            answered = await safety(turn, caption)
            if answered is not None:  # the caption is taken care of (added to the draft or the open question)
                replies, caption = replies + answered, ""
                break
        return replies + await handler(turn, dataclasses.replace(upload, caption=caption))

    async def _text(self, turn: Turn, text: str) -> list[Reply]:
        if not text:
            return [Reply(turn.t("errors.non_text"))]
        replies = []
        if len(text) > MAX_TEXT_CHARS:
            text = text[:MAX_TEXT_CHARS]
            replies.append(Reply(turn.t("errors.too_long")))
        if turn.is_new:  # greet and offer the language picker, and still answer the question
            replies = greeting(turn) + replies
        for handler in self.registry.text_handlers(turn.awaiting):
            answered = await handler(turn, text)
            if answered is not None:
                return replies + answered
        return replies

    async def _command(self, turn: Turn, name: str, args: str) -> list[Reply]:
        desk = self.registry.desk.commands.get(name)
        if desk is not None:  # in a private chat: admins only (the group goes to the desk directly)
            if not turn.sender.is_admin:
                return [Reply(turn.t("admin.not_allowed"))]
            actor = Actor(turn.sender.user_id, "", in_group=False, is_admin=True)
            return await desk(self.services, actor, args)
        command = self.registry.commands.get(name)
        if command is None:
            return unknown_command(turn)
        if command.audience is not Audience.USER and not turn.sender.is_admin:
            return [Reply(turn.t("admin.not_allowed"))]
        return await command.handler(turn, args)

    async def _press(self, turn: Turn, data: str) -> list[Reply]:
        action = protocol.unpack(data)
        handler = self.registry.buttons.get(type(action)) if action is not None else None
        if handler is None:
            return stale(turn)
        return await handler(turn, action)
