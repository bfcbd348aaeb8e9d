"""The conversation core: (user state, input) -> replies. Knows nothing of Telegram."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from bot.handoff.desk import Actor, Desk
from bot.languages import DEFAULT, normalise_code
from bot.storage import feedback, questions, users
from bot.storage.users import UserRecord

from . import admin, answers, callbacks, district, handoff, menu, mydata, question, start
from .context import Sender, Services, Turn
from .ratelimit import RateLimiter
from .replies import Reply

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


Incoming = Command | Text | Press | NonText
USER_COMMANDS = ("start", "menu", "language", "district", "ticket", "help", "privacy", "mydata", "deletemydata")
ADMIN_COMMANDS = ("reload", "stats")
DESK_COMMANDS = ("queue", "claim", "close", "reopen")


class Conversation:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.limiter = RateLimiter(services.settings.user_rate_limit)

    async def handle(self, sender: Sender, incoming: Incoming) -> list[Reply]:
        verdict = self.limiter.check(sender.user_id)
        if verdict == "drop":
            return []
        turn = await self._turn(sender)
        if verdict == "notify":
            return [Reply(turn.t("errors.rate_limited"))]
        try:
            replies, erased = await self._dispatch(turn, incoming)
        except Exception:
            log.exception("flow failed for %s", type(incoming).__name__)
            return [Reply(turn.t("errors.generic"))]
        if not erased:
            await users.save(self.services.db, turn.user)  # committed before anything is sent
        return replies

    async def _turn(self, sender: Sender) -> Turn:
        record = await users.get(self.services.db, sender.user_id)
        if record is not None:
            return Turn(self.services, sender, record)
        lang = normalise_code(sender.language_code) or DEFAULT
        fresh = UserRecord(sender.user_id, lang, None, 0.0, None, 0, "language")
        return Turn(self.services, sender, fresh, is_new=True)

    async def _dispatch(self, turn: Turn, incoming: Incoming) -> tuple[list[Reply], bool]:
        if isinstance(incoming, Command):
            return await self._command(turn, incoming.name.lower(), incoming.args), False
        if isinstance(incoming, Press):
            return await self._press(turn, incoming.data)
        if isinstance(incoming, NonText):
            return [Reply(turn.t("errors.non_text"), start.menu_row(turn))], False
        text = incoming.text.strip()
        if not text:
            return [Reply(turn.t("errors.non_text"))], False
        replies = []
        if len(text) > MAX_TEXT_CHARS:
            text = text[:MAX_TEXT_CHARS]
            replies.append(Reply(turn.t("errors.too_long")))
        if turn.is_new:  # greet and offer the language picker, and still answer the question
            return start.start(turn) + replies + await question.ask(turn, text), False
        postcode = district.on_postcode(turn, text)
        if postcode is not None:
            return postcode, False
        handed_off = await handoff.on_text(turn, text)
        if handed_off is not None:
            return replies + handed_off, False
        return replies + await question.ask(turn, text), False

    async def _command(self, turn: Turn, name: str, args: str = "") -> list[Reply]:
        if name in ADMIN_COMMANDS:
            if not turn.sender.is_admin:
                return [Reply(turn.t("admin.not_allowed"))]
            return admin.reload(turn) if name == "reload" else await admin.stats(turn)
        if name in DESK_COMMANDS:  # in a private chat: admins only (the group goes to the desk directly)
            if not turn.sender.is_admin:
                return [Reply(turn.t("admin.not_allowed"))]
            actor = Actor(turn.sender.user_id, "", in_group=False, is_admin=turn.sender.is_admin)
            return await Desk(self.services).command(actor, name, args)
        if name == "start":
            turn.update(awaiting="language" if turn.user.district is None else None)
            return start.start(turn)
        if name == "menu":
            return menu.topics_menu(turn)
        if name == "language":
            return start.choose_language(turn)
        if name == "district":
            return district.ask_district(turn)
        if name == "ticket":
            return await handoff.status(turn)
        if name == "help":
            return start.help_text(turn)
        if name == "privacy":
            return start.privacy(turn)
        if name == "mydata":
            return await mydata.show(turn)
        if name == "deletemydata":
            return mydata.confirm(turn)
        return start.unknown_command(turn, name)

    async def _press(self, turn: Turn, data: str) -> tuple[list[Reply], bool]:
        cb = callbacks.decode(data)
        if cb is None:
            return start.stale(turn), False
        args, action = cb.args, cb.action
        if action == "L" and len(args) == 1:
            return start.set_language(turn, args[0]), False
        if action == "D" and len(args) == 1:
            return district.set_district(turn, args[0]), False
        if action == "M" and not args:
            return menu.topics_menu(turn, edit=True), False
        if action == "T" and len(args) == 3:
            return menu.topic_page(turn, *args), False
        if action == "N" and not args:
            return await question.none_of_these(turn), False
        if action == "P" and not args:
            return (await handoff.offer(turn) if handoff.configured(turn) else await question.ask_person(turn)), False
        if action == "HS" and not args:
            return await handoff.send(turn), False
        if action == "HN" and not args:
            return handoff.toggle_name(turn), False
        if action == "HC" and not args:
            return handoff.cancel(turn), False
        if action == "HX" and len(args) == 1:
            return await handoff.close_by_user(turn, args[0]), False
        if action == "HR" and len(args) == 2:
            return await handoff.rate(turn, args[0], args[1]), False
        if action == "X" and len(args) == 1:
            return await mydata.answer(turn, args[0])
        if action in ("E", "V", "F") and len(args) >= 2:
            entry = turn.entry_from(args[0], args[1])
            if entry is None:
                return start.stale(turn), False
            if action == "E" and len(args) == 2:
                turn.update(awaiting=None, clarify_rounds=0)
                return answers.card(turn, entry), False
            if action == "V" and len(args) == 2:
                return answers.venue(turn, entry), False
            if action == "F" and len(args) == 3 and args[2] in ("0", "1"):
                helpful = args[2] == "1"
                await feedback.record(self.services.db, turn.user.user_id, entry.id, helpful)
                if helpful:
                    return [Reply(turn.t("feedback.thanks"))], False
                await questions.mark_outcome(self.services.db, turn.user.user_id, "not-helpful")
                return [Reply(turn.t("feedback.sorry"), question.offer_person(turn)[0].buttons)], False
        return start.stale(turn), False
