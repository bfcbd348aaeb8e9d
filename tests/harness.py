"""The hand-off test harness: a running Application on a recorder, a caseworker group, newcomers.

Loaded as a pytest plugin (tests/conftest.py), so every test module gets the `desk`, `launch` and
`hsettings` fixtures; the helpers are imported by name.
"""
from __future__ import annotations

import dataclasses
import itertools
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from html import escape
from typing import Any

import pytest
from conftest import ERRORS, start_app, stop_app
from dbkit import Places, dump
from fakes import (
    Call,
    Person,
    RecordingRequest,
    callback_update,
    command_update,
    text_update,
)
from telegram import Update

from bot.conversation.protocol import (
    AddToTicket,
    SetDistrict,
    SetLanguage,
)
from bot.settings import Settings
from bot.storage import tickets
from bot.storage.tickets import Ticket

GROUP = -1001234567890
CASEWORKER = {"id": 4711, "is_bot": False, "first_name": "Karin", "username": "karin_bezirk"}
COLLEAGUE = {"id": 4712, "is_bot": False, "first_name": "Jonas"}
ADMIN_ID = 999  # conftest's ADMIN_IDS
CW_TEXT = "Bitte kommen Sie am Montag <b>um 10</b> & bringen Sie den Brief mit."

_update_ids = itertools.count(700_000)
_group_message_ids = itertools.count(50_000)


@dataclasses.dataclass(frozen=True)
class Newcomer(Person):
    """A private user with a last name and a username (neither may reach the group unshared)."""

    last_name: str = "Haddad"
    username: str = "newcomer_user"

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "last_name": self.last_name, "username": self.username}

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


OMAR = Newcomer(id=731_904_518, language_code="ar", first_name="Omar", last_name="Haddad", username="omar_h_1987")
OLENA = Newcomer(id=842_015_629, language_code="uk", first_name="Olena", last_name="Kovalenko", username="olena_kv")
MARIA = Newcomer(id=953_126_730, language_code="de", first_name="Maria", last_name="Schulz", username="maria_s")

Q_AR = "وصلتني رسالة ترحيل ولازم اطلع خلال اسبوع شو بعمل"
Q_UK = "Мій кіт загубився в парку"
Q_DE = "Mein Vermieter will die Kaution nicht zurückgeben, was kann ich tun?"


class Recorder(RecordingRequest):
    """RecordingRequest with its own message-id range (one per restart) and a hook run on every answered call."""

    def __init__(self, first_message_id: int = 1000, on_call: Callable[[Call], None] | None = None) -> None:
        super().__init__()
        self._message_ids = itertools.count(first_message_id)
        self.on_call = on_call

    async def do_request(self, url: str, method: str, request_data: Any = None, **kwargs: Any) -> tuple[int, bytes]:
        result = await super().do_request(url, method, request_data, **kwargs)
        if self.on_call is not None:
            self.on_call(self.calls[-1])
        return result


def chat_of(call: Call) -> str:
    return str(call.params.get("chat_id"))


def reply_to_of(call: Call) -> int | None:
    params = call.params.get("reply_parameters")
    if isinstance(params, dict):
        return int(params["message_id"])
    value = call.params.get("reply_to_message_id")
    return int(value) if value is not None else None


def sent_to(requests: list[Recorder] | Recorder, chat_id: int) -> list[Call]:
    """Successful sendMessage/editMessageText calls to one chat, across one or more recorders."""
    many = requests if isinstance(requests, list) else [requests]
    return [c for r in many for c in r.messages() if chat_of(c) == str(chat_id)]


class Harness:
    """One running Application with its recorder, plus builders for private and group updates."""

    def __init__(self, app: Any, req: Recorder) -> None:
        self.app, self.req = app, req

    @property
    def services(self) -> Any:
        return self.app.bot_data["conversation"].services

    @property
    def db(self) -> Any:
        return self.services.db

    def t(self, lang: str, key: str, **values: object) -> str:
        return str(self.services.locales.t(lang, key, **values))

    def et(self, lang: str, key: str, **values: object) -> str:
        """As the bot sends it: HTML-escaped."""
        return escape(self.t(lang, key, **values))

    async def deliver(self) -> int:
        return int(await self.app.bot_data["outbox_worker"].deliver_due())

    def to(self, chat_id: int) -> list[Call]:
        return sent_to(self.req, chat_id)

    def errors(self) -> list[BaseException]:
        return list(self.app.bot_data.get(ERRORS, []))

    # -- private chats -------------------------------------------------------------
    async def say(self, person: Person, text: str) -> list[Call]:
        return await self._run(text_update(self.app.bot, text, person=person), person.id)

    async def command(self, person: Person, name: str, args: str = "") -> list[Call]:
        return await self._run(command_update(self.app.bot, name, args, person=person), person.id)

    async def press(self, person: Person, data: str, message_id: int = 77) -> list[Call]:
        return await self._run(callback_update(self.app.bot, data, person=person, message_id=message_id), person.id)

    async def _run(self, update: Update, chat_id: int) -> list[Call]:
        before = len(self.req.calls)
        await self.app.process_update(update)
        return [c for c in self.req.calls[before:] if c.ok and c.method in ("sendMessage", "editMessageText")
                and chat_of(c) == str(chat_id)]

    async def add_to_ticket(self, person: Person, text: str) -> list[Call]:
        """Write a message, then press "add to my question" under the bot's answer to it."""
        said = await self.say(person, text)
        offer = said[-1]
        assert offer.callback_data() and offer.callback_data()[0].startswith(AddToTicket.code + ":"), offer.text
        return await self.press(person, offer.callback_data()[0])

    async def onboard(self, person: Person, lang: str) -> None:
        await self.command(person, "start")
        await self.press(person, SetLanguage(lang).pack())
        await self.press(person, SetDistrict("mitte").pack())

    async def open_ticket(self, person: Person, lang: str, question: str, share_name: bool = False) -> Ticket:
        """Onboard, ask, press P (and HN) and HS, deliver the post: the ticket with its group post."""
        await self.onboard(person, lang)
        await self.say(person, question)
        await self.press(person, "P")
        if share_name:
            await self.press(person, "HN")
        await self.press(person, "HS")
        await self.deliver()
        ticket = await tickets.open_for_user(self.db, person.id)
        assert ticket is not None and ticket.group_message_id is not None
        return ticket

    # -- the caseworkers' group ----------------------------------------------------
    def group_update(self, text: str, reply_to: int | None = None, sender: dict[str, Any] | None = None,
                     message_id: int | None = None, chat_id: int = GROUP) -> Update:
        chat = {"id": chat_id, "type": "supergroup", "title": "Beratung Mitte"}
        message: dict[str, Any] = {
            "message_id": message_id or next(_group_message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": sender or CASEWORKER,
            "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if reply_to is not None:
            bot_user = {"id": 4242, "is_bot": True, "first_name": "Wegweiser"}
            message["reply_to_message"] = {
                "message_id": reply_to, "date": int(time.time()), "chat": chat, "from": bot_user, "text": "…",
            }
        update = Update.de_json({"update_id": next(_update_ids), "message": message}, self.app.bot)
        assert update is not None
        return update

    async def group_say(self, text: str, reply_to: int | None = None, sender: dict[str, Any] | None = None,
                        chat_id: int = GROUP) -> tuple[int, list[Call]]:
        update = self.group_update(text, reply_to, sender, chat_id=chat_id)
        assert update.message is not None
        return update.message.message_id, await self._run(update, chat_id)

    async def group_command(self, text: str, sender: dict[str, Any] | None = None,
                            chat_id: int = GROUP) -> list[Call]:
        return (await self.group_say(text, sender=sender, chat_id=chat_id))[1]

    async def group_press(self, data: str, post_id: int, sender: dict[str, Any] | None = None) -> list[Call]:
        chat = {"id": GROUP, "type": "supergroup", "title": "Beratung Mitte"}
        bot_user = {"id": 4242, "is_bot": True, "first_name": "Wegweiser"}
        query = {
            "id": str(next(_update_ids)),
            "from": sender or CASEWORKER,
            "chat_instance": "ci-group",
            "data": data,
            "message": {"message_id": post_id, "date": int(time.time()), "chat": chat, "from": bot_user, "text": "…"},
        }
        update = Update.de_json({"update_id": next(_update_ids), "callback_query": query}, self.app.bot)
        assert update is not None
        return await self._run(update, GROUP)


Launch = Callable[..., Awaitable[Harness]]


@pytest.fixture
def hsettings(settings: Settings) -> Settings:
    return dataclasses.replace(settings, caseworker_chat_id=GROUP)


@pytest.fixture
async def launch(where: Places) -> AsyncIterator[Launch]:
    """Apps started here stop before `where` drops the test's PostgreSQL schemas (it is set up first)."""
    started: list[Any] = []

    async def factory(custom: Settings, req: Recorder | None = None, background: bool = False) -> Harness:
        req = req or Recorder()
        app = await start_app(custom, req)
        started.append(app)
        if not background:  # deliveries only when the test calls deliver_due()
            await app.bot_data["outbox_worker"].stop()
        return Harness(app, req)

    yield factory
    for app in reversed(started):
        await stop_app(app)


@pytest.fixture
async def desk(launch: Launch, hsettings: Settings) -> Harness:
    return await launch(hsettings)


async def snapshot(h: Harness) -> dict[str, list[tuple[Any, ...]]]:
    tables = {}
    for table in ("tickets", "ticket_messages", "group_messages", "outbox"):
        async with h.db.conn.execute(f"SELECT * FROM {table} ORDER BY 1") as cursor:
            tables[table] = [tuple(row) for row in await cursor.fetchall()]
    return tables


async def outbox_rows(h: Harness, ticket_id: int) -> list[tuple[str, str, int]]:
    async with h.db.conn.execute(
        "SELECT purpose, status, attempts FROM outbox WHERE ticket_id = ? ORDER BY id", (ticket_id,)
    ) as cursor:
        return [(str(r[0]), str(r[1]), int(r[2])) for r in await cursor.fetchall()]


async def make_all_due(h: Harness) -> None:
    await h.db.conn.execute("UPDATE outbox SET next_attempt_at = 0 WHERE status = 'pending'")
    await h.db.conn.commit()


def stored_bytes(h: Harness) -> bytes:
    """SQLite: the database file and its write-ahead log, as they are on disk. PostgreSQL: every row of every
    table as text, what any query can see (the server's files are its own: README, "PostgreSQL")."""
    location = h.services.settings.database
    if isinstance(location, str):
        return dump(location).encode()
    wal = location.with_name(location.name + "-wal")
    return location.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def wal_size(h: Harness) -> int:
    """The SQLite write-ahead log's size (0 once checkpointed and truncated); 0 on PostgreSQL, which has none of
    its own beside the data."""
    path = h.services.settings.database_path
    wal = path.with_name(path.name + "-wal")
    return wal.stat().st_size if h.db.path is not None and wal.exists() else 0


def assert_not_stored(blob: bytes, *texts: str) -> None:
    """None of the texts is in the files, neither as written nor HTML-escaped (UTF-8, as SQLite stores it)."""
    for text in texts:
        for form in {text, escape(text)}:
            assert form.encode() not in blob, f"still on disk: {text!r}"


def assert_private(calls: list[Call], person: Newcomer, shared: bool) -> None:
    """Nothing the group received names the person, unless they chose to share their name."""
    for call in calls:
        blob = (call.text or "") + " " + " ".join(b.get("text", "") + b.get("callback_data", "")
                                                  for b in call.buttons())
        assert str(person.id) not in blob
        assert person.username not in blob
        if not shared:
            assert person.first_name not in blob
            assert person.last_name not in blob

