"""Deliver the outbox: retries with backoff on network errors, 5xx and 429; blocked users recorded.

A delivery that fails for good (Telegram refuses it, or it still fails after the last retry) is reported
in the caseworkers' group, so nobody waits for an answer that never arrived.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from html import escape

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.conversation.context import Services
from bot.conversation.ticket_texts import DESK_LANG, desk_notice, to_ticket
from bot.storage import outbox, tickets
from bot.storage.outbox import ButtonRows, OutboxItem, OutMessage
from bot.storage.tickets import Ticket

log = logging.getLogger(__name__)
BACKOFF_BASE = 2.0
BACKOFF_MAX = 600.0
IDLE_POLL = 30.0
REPORTED = frozenset({"post", "followup", "attachment", "answer", "status"})  # a failure is told in the group
TO_TICKET_POST = frozenset({"followup", "attachment", "notice"})  # in reply to the post, once it is there


def _markup(rows: ButtonRows) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    keyboard = [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    return InlineKeyboardMarkup(keyboard)


class OutboxWorker:
    def __init__(self, bot: Bot, services: Services, forum: bool = False) -> None:
        self.bot, self.services, self.forum = bot, services, forum
        self._wake = asyncio.Event()
        self._lock = asyncio.Lock()  # one delivery round at a time, or an item could go out twice
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="outbox")

    async def stop(self, grace: float = 10.0) -> None:
        """Let the delivery under way finish (a message sent but not yet marked would go out twice)."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._task), timeout=grace)
            except TimeoutError:
                self._task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._task

    async def _run(self) -> None:
        while not self._stopping:
            try:
                await self.deliver_due(background=True)
                wait = await outbox.next_due_in(self.services.db)
            except Exception:  # keep delivering after any unexpected error
                log.exception("outbox round failed")
                wait = IDLE_POLL
            self._wake.clear()
            if self._stopping:
                break
            with contextlib.suppress(TimeoutError):
                timeout = IDLE_POLL if wait is None else min(wait, IDLE_POLL)
                await asyncio.wait_for(self._wake.wait(), timeout=timeout)

    async def deliver_due(self, background: bool = False) -> int:
        """Send everything due now; returns how many were sent. The background loop stops early on shutdown."""
        sent = 0
        async with self._lock:
            self.services.db.outbox_touched = False
            while True:
                items = await outbox.due(self.services.db)
                if not items:
                    return sent
                for item in items:
                    if background and self._stopping:
                        return sent
                    sent += await self._deliver(item)

    async def _deliver(self, item: OutboxItem) -> int:
        db = self.services.db
        delay = min(BACKOFF_MAX, BACKOFF_BASE ** (item.attempts + 1))
        message: Message | None = None
        try:
            if item.purpose == "delete":
                await self._remove(item)
            else:
                message = await self._send(item)
        except RetryAfter as exc:
            retry = exc.retry_after
            seconds = retry if isinstance(retry, int | float) else retry.total_seconds()
            await self._retry(item, float(seconds), "429 retry_after")
            return 0
        except Forbidden as exc:
            await outbox.mark_failed(db, item.id, f"forbidden: {exc.message}")
            log.warning("outbox item %s (%s) forbidden by Telegram: %s", item.id, item.purpose, exc.message)
            await self._blocked(item)
            return 0
        except BadRequest as exc:
            await outbox.mark_failed(db, item.id, f"bad request: {exc.message}")
            log.error("outbox item %s (%s) refused by Telegram: %s", item.id, item.purpose, exc.message)
            await self._report(item, exc.message)
            return 0
        except (NetworkError, TelegramError) as exc:  # network errors, 5xx
            await self._retry(item, delay, type(exc).__name__)
            return 0
        if message is None:
            await outbox.mark_sent(db, item.id, None)
        else:
            await self._after_sent(item, message)
        return 1

    async def _remove(self, item: OutboxItem) -> None:
        """Delete one of the bot's messages; where Telegram refuses (in groups only for 48 hours), overwrite it with
        the item's text and drop its buttons. A message already gone counts as done."""
        target = item.message.target
        if target is None:
            return
        try:
            await self.bot.delete_message(item.chat_id, target)
            return
        except BadRequest:
            pass
        try:
            await self.bot.edit_message_text(
                item.message.text, chat_id=item.chat_id, message_id=target, parse_mode=ParseMode.HTML
            )
        except BadRequest as exc:
            if "no text" in exc.message.lower():  # a forwarded photo or document: overwrite its caption
                await self._recaption(item, target)
            elif not any(gone in exc.message.lower() for gone in ("not found", "not modified")):
                raise

    async def _recaption(self, item: OutboxItem, target: int) -> None:
        try:
            await self.bot.edit_message_caption(
                chat_id=item.chat_id, message_id=target, caption=item.message.text, parse_mode=ParseMode.HTML
            )
        except BadRequest as exc:
            if not any(gone in exc.message.lower() for gone in ("not found", "not modified")):
                raise

    async def _retry(self, item: OutboxItem, delay: float, error: str) -> None:
        await outbox.retry_later(self.services.db, item.id, delay, error)
        if item.attempts + 1 >= outbox.MAX_ATTEMPTS:  # retry_later gave up on it: that was the last try
            log.error("outbox item %s (%s) failed %d times: %s", item.id, item.purpose, item.attempts + 1, error)
            reason = self.services.locales.t(DESK_LANG, "desk.gave_up", attempts=item.attempts + 1, error=error)
            await self._report(item, reason)

    async def _send(self, item: OutboxItem) -> Message:
        m = item.message
        reply_to, thread_id = m.reply_to, m.thread_id
        forum = self.forum and item.chat_id == self.services.settings.caseworker_chat_id  # the broker's: replies
        if item.purpose == "post" and forum and item.ticket_id is not None:
            thread_id = await self._topic_for(item)
        elif item.purpose in TO_TICKET_POST and reply_to is None and item.ticket_id is not None:
            ticket = await tickets.get(self.services.db, item.ticket_id)  # queued before the post went out
            if ticket is not None:
                reply_to, thread_id = ticket.group_message_id, thread_id or ticket.thread_id
        markup, caption = _markup(m.buttons), m.text or None
        if m.media is not None and m.media.kind == "photo":
            return await self.bot.send_photo(
                item.chat_id, m.media.file_id, caption=caption, parse_mode=ParseMode.HTML, reply_markup=markup,
                reply_to_message_id=reply_to, message_thread_id=thread_id, allow_sending_without_reply=True,
            )
        if m.media is not None:
            return await self.bot.send_document(
                item.chat_id, m.media.file_id, caption=caption, parse_mode=ParseMode.HTML, reply_markup=markup,
                reply_to_message_id=reply_to, message_thread_id=thread_id, allow_sending_without_reply=True,
            )
        return await self.bot.send_message(
            item.chat_id,
            m.text,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            reply_to_message_id=reply_to,
            message_thread_id=thread_id,
            allow_sending_without_reply=True,
            disable_web_page_preview=True,
        )

    async def _topic_for(self, item: OutboxItem) -> int | None:
        assert item.ticket_id is not None
        ticket = await tickets.get(self.services.db, item.ticket_id)
        if ticket is not None and ticket.thread_id is not None:
            return ticket.thread_id
        topic = await self.bot.create_forum_topic(item.chat_id, (item.message.topic or "Ticket")[:128])
        await tickets.set_group_post(self.services.db, item.ticket_id, None, topic.message_thread_id)
        await self.services.db.commit()
        return topic.message_thread_id

    async def _after_sent(self, item: OutboxItem, message: Message) -> None:
        """Mark sent and record follow-ups in one transaction, so a restart never sends twice."""
        db = self.services.db
        if item.ticket_id is not None and item.purpose in ("post", "followup", "notice", "attachment"):
            await tickets.map_group_message(db, item.chat_id, message.message_id, item.ticket_id)
            if item.purpose == "post":
                await tickets.set_group_post(db, item.ticket_id, message.message_id, message.message_thread_id)
        confirm = item.message.confirm
        if item.purpose == "answer" and confirm is not None and confirm.final and item.ticket_id is not None:
            text = escape(self.services.locales.t(DESK_LANG, "desk.delivered", ticket=item.ticket_id))
            delivered = OutMessage(text, reply_to=confirm.reply_to, thread_id=confirm.thread_id)
            await outbox.add(db, confirm.chat_id, "confirm", delivered, item.ticket_id, f"confirm:{item.id}", False)
        await outbox.mark_sent(db, item.id, message.message_id)

    async def _blocked(self, item: OutboxItem) -> None:
        db = self.services.db
        ticket = await tickets.get(db, item.ticket_id) if item.ticket_id is not None else None
        group = self.services.settings.desk_chat(ticket.kind) if ticket is not None else None
        if ticket is None or item.chat_id == group:  # the group itself refuses: only the log can tell
            return
        await tickets.set_blocked(db, ticket.id)
        if group is not None:
            notice = desk_notice(self.services.locales, ticket, "desk.blocked")
            await outbox.add(db, group, "notice", notice, ticket.id, f"blocked:{ticket.id}", False)
        await db.commit()

    async def _report(self, item: OutboxItem, reason: str) -> None:
        """Tell the caseworkers (or the speaker broker) what did not arrive: under their own message when there is
        one."""
        db = self.services.db
        if item.ticket_id is None or item.purpose not in REPORTED:
            return  # a notice or confirmation about a failure is not reported again: no loops
        ticket = await tickets.get(db, item.ticket_id)
        group = self.services.settings.desk_chat(ticket.kind) if ticket is not None else None
        if ticket is None or group is None:
            return
        await outbox.add(db, group, "notice", self._failure(item, ticket, reason), ticket.id, f"failed:{item.id}",
                         False)
        await db.commit()

    def _failure(self, item: OutboxItem, ticket: Ticket, reason: str) -> OutMessage:
        t = self.services.locales.t
        if item.chat_id == self.services.settings.desk_chat(ticket.kind):  # not posted: under the post, if any
            return OutMessage(escape(t(DESK_LANG, "desk.not_posted", ticket=ticket.id, reason=reason)))
        key = "desk.undelivered" if item.purpose == "answer" else "desk.undelivered_status"
        text = escape(t(DESK_LANG, key, ticket=ticket.id, reason=reason))
        where = item.message.confirm
        if where is None:
            return to_ticket(ticket, text)
        return OutMessage(text, reply_to=where.reply_to, thread_id=where.thread_id)
