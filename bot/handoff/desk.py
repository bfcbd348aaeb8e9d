"""The caseworkers' side: group commands, buttons and replies that reach the newcomer.

Everything that must reach someone goes through the outbox, committed before this returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from bot.conversation import callbacks
from bot.conversation.card import render_card
from bot.conversation.context import Services
from bot.conversation.replies import Reply
from bot.storage import outbox, tickets
from bot.storage.db import now
from bot.storage.tickets import Ticket

from .texts import DESK_LANG, answer_to_user, desk_notice, queue_listing


@dataclass(frozen=True)
class Actor:
    user_id: int
    name: str  # first name, shown only inside the caseworkers' group
    in_group: bool  # the update came from the configured caseworker chat
    is_admin: bool

    @property
    def allowed(self) -> bool:
        return self.in_group or self.is_admin


class Desk:
    def __init__(self, services: Services) -> None:
        self.services = services

    def _t(self, key: str, **values: object) -> str:
        return escape(self.services.locales.t(DESK_LANG, key, **values))

    def _refuse(self) -> list[Reply]:
        return [Reply(self._t("admin.not_allowed"))]

    async def command(self, actor: Actor, name: str, args: str) -> list[Reply]:
        if not actor.allowed:
            return self._refuse()
        db = self.services.db
        if name == "queue":
            return [Reply(queue_listing(self.services.locales, await tickets.queue(db), now()))]
        number = args.strip().lstrip("#")
        if name not in ("claim", "close", "reopen") or not number.isdigit() or len(number) > 9:
            return [Reply(self._t("desk.usage"))]
        return await self._change(actor, name, int(number))

    async def _change(self, actor: Actor, action: str, ticket_id: int) -> list[Reply]:
        db = self.services.db
        ticket = await tickets.get(db, ticket_id)
        if ticket is None or ticket.user_id is None:
            return [Reply(self._t("desk.not_found", ticket=ticket_id))]
        if action == "claim":
            if not ticket.is_open:
                return [Reply(self._t("desk.not_found", ticket=ticket_id))]
            await tickets.set_status(db, ticket.id, "claimed", actor.user_id)
            text = self._t("desk.claimed", ticket=ticket.id, name=actor.name)
        elif action == "close":
            if not ticket.is_open:
                return [Reply(self._t("desk.not_found", ticket=ticket_id))]
            await tickets.set_status(db, ticket.id, "closed")
            await self._tell_user(ticket, "handoff.closed", f"closed:{ticket.id}:{now():.0f}")
            text = self._t("desk.closed", ticket=ticket.id)
        else:
            await tickets.set_status(db, ticket.id, "open")
            await self._tell_user(ticket, "handoff.reopened", f"reopened:{ticket.id}:{now():.0f}")
            text = self._t("desk.reopened", ticket=ticket.id)
        await db.commit()
        return [Reply(text)]

    async def _tell_user(self, ticket: Ticket, key: str, dedupe: str) -> None:
        if ticket.user_id is None:
            return
        text = escape(self.services.locales.t(ticket.lang, key, ticket=ticket.id))
        await outbox.add(self.services.db, ticket.user_id, "status", {"text": text}, ticket.id, dedupe, False)

    async def ticket_for(self, chat_id: int, reply_to: int | None, thread_id: int | None) -> Ticket | None:
        db = self.services.db
        if reply_to is not None:
            found = await tickets.for_group_message(db, chat_id, reply_to)
            if found is not None:
                return found
        if thread_id is not None:
            return await tickets.for_thread(db, thread_id)
        return None

    async def reply(
        self, actor: Actor, chat_id: int, message_id: int, reply_to: int | None, thread_id: int | None, text: str
    ) -> list[Reply]:
        """A caseworker's message answering a ticket: stored, queued for the user, confirmed on delivery."""
        if not actor.in_group:
            return self._refuse()
        ticket = await self.ticket_for(chat_id, reply_to, thread_id)
        if ticket is None:
            return [Reply(self._t("desk.unknown_reply"))] if reply_to is not None else []
        if ticket.user_id is None:
            return [Reply(self._t("desk.withdrawn", ticket=ticket.id))]
        db = self.services.db
        if not await tickets.add_message(db, ticket.id, "caseworker", text, message_id):
            return []  # the same group message again (redelivered update): already queued once
        if ticket.status == "open":
            await tickets.set_status(db, ticket.id, "claimed", actor.user_id)
        payload = {
            "text": answer_to_user(self.services.locales, ticket.lang, text),
            "buttons": self._rating_buttons(ticket),
            "confirm_chat": chat_id,
            "confirm_reply_to": message_id,
            "thread_id_confirm": thread_id,
        }
        await outbox.add(db, ticket.user_id, "answer", payload, ticket.id, f"answer:{chat_id}:{message_id}", False)
        await db.commit()
        return []

    def _rating_buttons(self, ticket: Ticket) -> list[list[list[str]]]:
        t = self.services.locales.t
        return [
            [
                [t(ticket.lang, "buttons.helpful_yes"), callbacks.encode("HR", ticket.id, 1)],
                [t(ticket.lang, "buttons.helpful_no"), callbacks.encode("HR", ticket.id, 0)],
            ]
        ]

    async def press(self, actor: Actor, chat_id: int, message_id: int, data: str) -> list[Reply]:
        """Ticket buttons; checked against the database, so forged or replayed presses do nothing."""
        if not actor.allowed:
            return self._refuse()
        cb = callbacks.decode(data)
        if cb is None or not cb.args or not cb.args[0].isdigit():
            return [Reply(self._t("desk.stale"))]
        ticket = await tickets.for_group_message(self.services.db, chat_id, message_id)
        if ticket is None or str(ticket.id) != cb.args[0]:
            return [Reply(self._t("desk.stale"))]
        if cb.action == "CC" and len(cb.args) == 1:
            return await self._change(actor, "claim", ticket.id)
        if cb.action == "CX" and len(cb.args) == 1:
            return await self._change(actor, "close", ticket.id)
        if cb.action == "CS" and len(cb.args) == 3:
            return await self._send_entry(ticket, cb.args[1], cb.args[2], chat_id, message_id)
        return [Reply(self._t("desk.stale"))]

    async def _send_entry(self, ticket: Ticket, gen: str, number: str, chat_id: int, message_id: int) -> list[Reply]:
        services = self.services
        index = callbacks.small_int(number, len(services.kb.active))
        if gen != services.generation or index is None or ticket.user_id is None:
            return [Reply(self._t("desk.stale"))]
        entry = services.kb.active[index]
        if entry.id not in ticket.candidates:
            return [Reply(self._t("desk.stale"))]
        card = render_card(entry, services.kb, services.locales, ticket.lang, services.clock())
        payload = {
            "text": card[:4000],
            "buttons": self._rating_buttons(ticket),
            "confirm_chat": chat_id,
            "confirm_reply_to": message_id,
        }
        await outbox.add(services.db, ticket.user_id, "answer", payload, ticket.id, f"entry:{ticket.id}:{entry.id}")
        title = entry.texts(DESK_LANG).title
        return [Reply(self._t("desk.entry_queued", title=title, ticket=ticket.id))]

    async def withdraw_user(self, user_id: int) -> None:
        """/deletemydata: erase ticket texts, cancel their pending posts, tell the group. No commit."""
        db, group = self.services.db, self.services.settings.caseworker_chat_id
        mine = await tickets.withdraw_for_user(db, user_id)
        await outbox.forget_user_texts(db, [t.id for t in mine], user_id)
        if group is None:
            return
        for ticket in (t for t in mine if t.is_open):
            notice = desk_notice(self.services.locales, ticket, "desk.withdrawn")
            await outbox.add(db, group, "notice", notice, ticket.id, f"withdrawn:{ticket.id}", False)
