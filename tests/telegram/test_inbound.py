"""Durable inbound updates: committed before Telegram is told (polling offset, webhook 200), processed once,
in update_id order, replayed after a crash, their texts erased once processed.

Polling runs PTB's real Updater against `FakeTelegram`, a recording fake whose getUpdates behaves like
Telegram's: it keeps every update until a later call's offset confirms it. The webhook test starts PTB's
real webhook server on a free loopback port. Nothing leaves the machine.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import socket
import sqlite3
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import start_app, stop_app
from dbkit import read
from fakes import Call, Person
from harness import Recorder
from telegram import Update

from bot.settings import Settings
from bot.storage import inbound
from bot.storage.db import Database, now
from bot.telegram.inbound import PROCESSOR, DurableQueue, InboundProcessor

AMINA = Person(id=5101, language_code="de", first_name="Amina")
SECRET = "s3cret-token_for-tests"


def message(update_id: int, text: str, person: Person = AMINA) -> dict[str, Any]:
    chat = {"id": person.id, "type": "private", "first_name": person.first_name}
    body: dict[str, Any] = {"message_id": update_id, "date": int(time.time()), "chat": chat,
                            "from": person.as_dict(), "text": text}
    if text.startswith("/"):
        body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": body}


def stored_ids(location: Path | str) -> set[int]:
    return {int(r[0]) for r in read(location, "SELECT update_id FROM inbound_updates")}


def rows(location: Path | str) -> list[tuple[Any, ...]]:
    return read(location, "SELECT update_id, chat_id, payload, processed_at IS NOT NULL FROM inbound_updates"
                " ORDER BY 1")


class FakeTelegram(Recorder):
    """getUpdates as Telegram does it: updates stay until an offset above them confirms them."""

    def __init__(self, updates: list[dict[str, Any]]) -> None:
        super().__init__()
        self.waiting = list(updates)
        self.offsets: list[int] = []

    async def do_request(self, url: str, method: str, request_data: Any = None, **kwargs: Any) -> tuple[int, bytes]:
        if url.endswith("/getUpdates"):
            offset = int((request_data.parameters if request_data else {}).get("offset") or 0)
            self.offsets.append(offset)
            self.calls.append(Call("getUpdates", {"offset": offset}))
            if self.on_call is not None:
                self.on_call(self.calls[-1])
            self.waiting = [u for u in self.waiting if u["update_id"] >= offset]
            if not self.waiting:
                await asyncio.sleep(0.01)  # long polling, shortened
            return 200, json.dumps({"ok": True, "result": self.waiting}).encode()
        return await super().do_request(url, method, request_data, **kwargs)


async def until(condition: Any, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


def processor_of(app: Any) -> InboundProcessor:
    processor = app.bot_data[PROCESSOR]
    assert isinstance(processor, InboundProcessor)
    return processor


def replies_to(req: Recorder, chat_id: int) -> list[Call]:
    return [c for c in req.messages() if str(c.params.get("chat_id")) == str(chat_id)]


async def test_polling_moves_the_offset_only_past_committed_updates(settings: Settings) -> None:
    updates = [message(501, "/start"), message(502, "Wo melde ich meine Wohnung an?"), message(503, "/help")]
    req = FakeTelegram(updates)
    seen: list[tuple[int, set[int]]] = []

    def check(call: Call) -> None:
        if call.method == "getUpdates":
            seen.append((int(call.params.get("offset") or 0), stored_ids(settings.database)))

    req.on_call = check
    app = await start_app(settings, req)
    try:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=0)
        await until(lambda: any(offset == 504 for offset, _ in seen))
        await processor_of(app).drain()
        await app.updater.stop()
    finally:
        await stop_app(app)
    for offset, committed in seen:
        assert {u for u in (501, 502, 503) if u < offset} <= committed, (offset, committed)
    assert [r[0] for r in rows(settings.database)] == [501, 502, 503]
    assert all(r[1] is None and r[2] is None and r[3] for r in rows(settings.database))
    assert len(replies_to(req, AMINA.id)) >= 3


async def test_a_failed_commit_keeps_the_offset_and_the_update_comes_again(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    req = FakeTelegram([message(601, "/start")])
    real_store = inbound.store
    failures = [sqlite3.OperationalError("disk I/O error")]

    async def flaky(db: Database, update_id: int, chat_id: int | None, payload: str) -> bool:
        if failures:
            raise failures.pop()
        return await real_store(db, update_id, chat_id, payload)

    monkeypatch.setattr(inbound, "store", flaky)
    app = await start_app(settings, req)
    try:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=0)
        await until(lambda: 602 in req.offsets, seconds=15)
        await processor_of(app).drain()
        await app.updater.stop()
    finally:
        await stop_app(app)
    first_confirm = req.offsets.index(602)
    assert req.offsets[:first_confirm].count(0) >= 2, "the update was fetched again after the failed commit"
    assert rows(settings.database)[0][0] == 601
    assert len(replies_to(req, AMINA.id)) >= 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_answers_200_only_after_the_commit_and_403_without_the_secret(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    req = Recorder()
    app = await start_app(settings, req)
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    try:
        assert app.updater is not None
        await app.updater.start_webhook(listen="127.0.0.1", port=port, url_path="telegram", secret_token=SECRET,
                                        webhook_url="https://bot.example.org/telegram")
        assert req.sent("setWebhook")[-1].params["secret_token"] == SECRET
        async with httpx.AsyncClient() as client:
            body = json.dumps(message(701, "/start"))
            plain = {"Content-Type": "application/json"}
            wrong = await client.post(url, content=body, headers={**plain, "X-Telegram-Bot-Api-Secret-Token": "x"})
            missing = await client.post(url, content=body, headers=plain)
            assert (wrong.status_code, missing.status_code) == (403, 403)
            assert stored_ids(settings.database) == set()

            signed = {**plain, "X-Telegram-Bot-Api-Secret-Token": SECRET}

            async def broken(*args: object) -> bool:
                raise sqlite3.OperationalError("database or disk is full")

            with monkeypatch.context() as patch:
                patch.setattr(inbound, "store", broken)
                failed = await client.post(url, content=body, headers=signed)
            assert failed.status_code == 500  # Telegram sends it again
            assert stored_ids(settings.database) == set()

            ok = await client.post(url, content=body, headers=signed)
            assert ok.status_code == 200
            assert stored_ids(settings.database) == {701}  # committed before the 200
            again = await client.post(url, content=body, headers=signed)  # Telegram's retry
            assert again.status_code == 200
        await processor_of(app).drain()
        await until(lambda: bool(rows(settings.database)[0][3]))
        await app.updater.stop()
    finally:
        await stop_app(app)
    assert len([c for c in replies_to(req, AMINA.id) if c.method == "sendMessage"]) == 1  # once, not twice


async def test_unprocessed_updates_are_replayed_at_start_in_update_id_order(settings: Settings) -> None:
    db = await Database.open(settings.database)
    bob = dataclasses.replace(AMINA, id=5102, first_name="Bob")
    # a crash left these behind: stored (Telegram was told), never processed; stored out of order
    for update in (message(803, "/help"), message(801, "/start"), message(802, "/start", bob)):
        await inbound.store(db, update["update_id"], update["message"]["chat"]["id"], json.dumps(update))
    await db.close()
    req = Recorder()
    app = await start_app(settings, req)
    try:
        await processor_of(app).drain()
    finally:
        await stop_app(app)
    assert len(replies_to(req, AMINA.id)) >= 2 and len(replies_to(req, bob.id)) >= 1
    order = [r[0] for r in read(settings.database, "SELECT update_id FROM inbound_updates ORDER BY processed_at")]
    assert order == [801, 802, 803]


async def test_an_update_delivered_twice_is_processed_once(settings: Settings) -> None:
    req = Recorder()
    app = await start_app(settings, req)
    try:
        update = Update.de_json(message(901, "/start"), app.bot)
        await app.update_queue.put(update)
        await processor_of(app).drain()
        await app.update_queue.put(update)  # after the commit but before the offset moved: Telegram sends it again
        await processor_of(app).drain()
    finally:
        await stop_app(app)
    assert len([c for c in replies_to(req, AMINA.id) if c.method == "sendMessage"]) == 1


async def test_processed_texts_go_at_once_and_their_ids_after_a_day(settings: Settings) -> None:
    db = await Database.open(settings.database)
    try:
        await inbound.store(db, 1, AMINA.id, json.dumps(message(1, "meine Adresse ist Hauptstr. 5")))
        await inbound.store(db, 2, AMINA.id, json.dumps(message(2, "noch offen")))
        await inbound.mark_processed(db, 1)
        assert rows(settings.database)[0][1:] == (None, None, 1)
        assert await inbound.purge_processed(db) == 0  # the id stays a day: a repeat is recognised
        await db.conn.execute("UPDATE inbound_updates SET processed_at = ? WHERE update_id = 1", (now() - 90000,))
        await db.conn.commit()
        assert await inbound.purge_processed(db) == 1
        assert await inbound.counts(db) == {"pending": 1, "processed": 0}  # unprocessed ones are never purged
    finally:
        await db.close()



async def test_a_failing_flow_cannot_drop_an_update_stored_meanwhile(settings: Settings) -> None:
    """The connection is shared: an update stored while a flow's unit of work is open waits for that unit, so
    the flow's rollback cannot take the stored update with it, and the flow's half is never committed with it."""
    db = await Database.open(settings.database)
    queue = DurableQueue()
    queue.attach(db, lambda: None)
    flow_started, flow_go_on = asyncio.Event(), asyncio.Event()

    async def failing_flow() -> None:
        async with db.unit_of_work():
            await db.conn.execute("INSERT INTO feedback (user_id, entry_id, helpful, created_at) VALUES (1, 'x', 1, 0)")
            flow_started.set()
            await flow_go_on.wait()
            raise RuntimeError("flow broke")

    async def telegram_delivers() -> None:
        await flow_started.wait()
        flow_go_on.set()
        update = Update.de_json(message(42, "Hallo"), None)
        assert update is not None
        await queue.put(update)

    try:
        results = await asyncio.gather(failing_flow(), telegram_delivers(), return_exceptions=True)
    finally:
        await db.close()
    assert isinstance(results[0], RuntimeError) and results[1] is None
    assert stored_ids(settings.database) == {42}
    assert read(settings.database, "SELECT COUNT(*) FROM feedback") == [(0,)]


async def test_reload_builds_before_the_update_holds_the_database(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/reload's seconds-long build runs before the update's unit of work opens: other chats' updates are
    stored and processed meanwhile; the update itself only swaps."""
    from bot.conversation import admin

    real_check = admin.check
    held: list[bool] = []
    req = Recorder()
    app = await start_app(settings, req)
    db = app.bot_data["conversation"].services.db

    def watched(custom: Settings) -> Any:
        held.append(db.current_unit() is not None)  # runs in a thread with the caller's context
        return real_check(custom)

    monkeypatch.setattr(admin, "check", watched)
    admin_person = dataclasses.replace(AMINA, id=999, first_name="Admin")
    try:
        await app.update_queue.put(Update.de_json(message(951, "/reload", admin_person), app.bot))
        await processor_of(app).drain()
        await app.update_queue.put(Update.de_json(message(952, "/reload", AMINA), app.bot))  # not an admin
        await processor_of(app).drain()
    finally:
        await stop_app(app)
    assert held == [False]  # built once, for the admin, with no unit of work open
    entries = len(app.bot_data["conversation"].services.kb.active)
    expected = app.bot_data["conversation"].services.locales.t("de", "admin.reload_ok", entries=entries)
    assert any(c.text == expected for c in replies_to(req, 999))
