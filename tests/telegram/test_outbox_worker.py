"""The outbox worker against the recording fake: a queue per chat, Telegram's limits, flood waits, retries,
failures for good, and what happens when the answer to a request is lost."""

from __future__ import annotations

import asyncio
import itertools
import logging
import sqlite3
import time
from typing import Any

import httpx
import pytest
from conftest import stop_app
from fakes import Call, blocked_by_user, too_many_requests
from harness import GROUP, OMAR, Harness, Launch, Recorder, chat_of, make_all_due, sent_to

from bot.conversation.ticket_texts import DESK_LANG
from bot.settings import Settings
from bot.storage import outbox
from bot.storage.outbox import OutMessage

A, B = 5001, 5002


def server_error() -> tuple[int, dict[str, Any]]:
    return 500, {"ok": False, "error_code": 500, "description": "Internal Server Error"}


async def queue(h: Harness, chat_id: int, text: str, purpose: str = "status") -> None:
    await outbox.add(h.db, chat_id, purpose, OutMessage(text))  # type: ignore[arg-type]


async def statuses(h: Harness) -> list[tuple[int, str, str | None]]:
    async with h.db.conn.execute("SELECT chat_id, status, failure FROM outbox ORDER BY id") as cursor:
        return [(int(r[0]), str(r[1]), r[2]) for r in await cursor.fetchall()]


def texts_to(h: Harness, chat_id: int) -> list[str]:
    return [c.text or "" for c in h.to(chat_id)]


async def until(condition: Any, seconds: float = 5.0) -> float:
    """Poll until `condition()` holds; returns the seconds it took."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < seconds, "timed out"
        await asyncio.sleep(0.01)
    return time.monotonic() - started


# ============================================================================ one chat's trouble is its own
async def test_a_flood_wait_in_one_chat_does_not_delay_another(launch: Launch, hsettings: Settings) -> None:
    h = await launch(hsettings, background=True)
    worker = h.app.bot_data["outbox_worker"]
    h.req.fail_chat(A, too_many_requests(30))
    await queue(h, A, "erste an A")
    await queue(h, A, "zweite an A")
    worker.wake()
    await until(lambda: any(not c.ok and chat_of(c) == str(A) for c in h.req.calls))
    await queue(h, B, "an B")
    worker.wake()
    waited = await until(lambda: texts_to(h, B) == ["an B"])
    assert waited < 1.0
    assert texts_to(h, A) == []  # A waits its 30 seconds, and its second message waits behind the first
    async with h.db.conn.execute("SELECT next_attempt_at FROM outbox WHERE chat_id = ? ORDER BY id", (A,)) as cur:
        first_due = (await cur.fetchone())[0]
    assert first_due >= time.time() + 25


async def test_a_direct_reply_in_a_flood_wait_goes_to_the_outbox_and_nobody_waits(desk: Harness) -> None:
    h = desk
    await h.onboard(OMAR, "ar")
    h.req.fail_chat(OMAR.id, too_many_requests(25))
    started = time.monotonic()
    await h.command(OMAR, "help")  # refused for 25 s: handed to the outbox instead of waited out
    other = await h.command(MARIA_LIKE, "help")
    assert time.monotonic() - started < 1.0
    assert other and other[-1].text == h.et("de", "help.text")
    rows = await statuses(h)
    assert rows == [(OMAR.id, "pending", None)]
    async with h.db.conn.execute("SELECT purpose, payload FROM outbox") as cursor:
        purpose, payload = await cursor.fetchone()
    assert purpose == "reply" and OutMessage.from_json(payload).text == h.et("ar", "help.text")
    worker = h.app.bot_data["outbox_worker"]
    worker.clock = lambda: time.time() + 30  # after the wait the outbox delivers it
    assert await h.deliver() == 1 and texts_to(h, OMAR.id)[-1] == h.et("ar", "help.text")


MARIA_LIKE = OMAR.__class__(id=953_126_999, language_code="de", first_name="Mia", last_name="X", username="mia_x")


# ============================================================================ retries and order
async def test_a_server_error_is_retried_and_a_chats_order_kept(desk: Harness) -> None:
    h = desk
    h.req.fail_chat(A, server_error())
    for part in ("eins", "zwei", "drei"):
        await queue(h, A, part, "answer")
    assert await h.deliver() == 0  # "eins" failed; "zwei" and "drei" wait behind it
    assert [c.text for c in h.req.calls if chat_of(c) == str(A)] == ["eins"]
    assert [s for _, s, _ in await statuses(h)] == ["pending"] * 3
    await make_all_due(h)
    assert await h.deliver() == 3
    assert texts_to(h, A) == ["eins", "zwei", "drei"]


async def test_a_blocked_newcomer_fails_for_good_is_logged_and_reported(
    desk: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    h = desk
    ticket = await h.open_ticket(OMAR, "ar", "وصلتني رسالة من الدائرة")
    answer = "Bitte bringen Sie den Bescheid mit"
    await h.group_say(answer, reply_to=ticket.group_message_id)
    h.req.fail_chat(OMAR.id, blocked_by_user())
    with caplog.at_level(logging.WARNING, logger="bot.telegram.outbox_worker"):
        assert await h.deliver() == 1  # only the notice in the group
    assert h.to(GROUP)[-1].text == h.et(DESK_LANG, "desk.blocked", ticket=ticket.id)
    (record,) = [r for r in caplog.records if "failed for good" in r.getMessage()]
    assert record.levelno == logging.WARNING and "blocked" in record.getMessage()
    assert answer not in caplog.text and "Bescheid" not in caplog.text  # ids only, never the text
    await make_all_due(h)
    assert await h.deliver() == 0  # not retried


async def test_a_post_the_group_refuses_for_good_tells_the_newcomer_where_to_go(desk: Harness) -> None:
    h = desk
    await h.onboard(OMAR, "ar")
    await h.say(OMAR, "وصلتني رسالة من الدائرة")
    await h.press(OMAR, "P")
    await h.press(OMAR, "HS")
    h.req.fail_chat(GROUP, (403, {"ok": False, "error_code": 403,
                                  "description": "Forbidden: bot was kicked from the supergroup chat"}))
    assert await h.deliver() == 1  # the notice to the newcomer; the group cannot be told
    notice = h.to(OMAR.id)[-1].text or ""
    assert notice.startswith(h.et("ar", "handoff.not_reached", ticket=1))
    assert "Integration" in notice  # the integration office's card follows
    assert [(c, s) for c, s, _ in await statuses(h)] == [(GROUP, "failed"), (OMAR.id, "sent")]


# ============================================================================ lost answers and restarts
class LosesAnswers(Recorder):
    """Telegram stores the message, but the answer never arrives (the connection drops)."""

    def __init__(self, losses: int = 1, before_telegram: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.losses, self.before_telegram = losses, before_telegram

    async def do_request(self, url: str, method: str, request_data: Any = None, **kwargs: Any) -> tuple[int, bytes]:
        if self.losses and url.endswith("/sendMessage"):
            self.losses -= 1
            if self.before_telegram:
                raise httpx.ConnectError("connection refused")
            await super().do_request(url, method, request_data, **kwargs)  # stored and recorded as sent ...
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.")  # ... answer lost
        return await super().do_request(url, method, request_data, **kwargs)


async def test_a_request_that_never_reached_telegram_is_sent_once(launch: Launch, hsettings: Settings) -> None:
    h = await launch(hsettings, LosesAnswers(before_telegram=True))
    await queue(h, A, "Antwort")
    assert await h.deliver() == 0
    assert (await statuses(h))[0][1:] == ("pending", "not_sent")
    await make_all_due(h)
    assert await h.deliver() == 1
    assert texts_to(h, A) == ["Antwort"]


async def test_a_lost_answer_is_the_one_window_for_a_second_copy(
    launch: Launch, hsettings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """Telegram has no idempotency key: a message whose answer was lost is sent again (at least once)."""
    h = await launch(hsettings, LosesAnswers())
    await queue(h, A, "Antwort")
    with caplog.at_level(logging.WARNING, logger="bot.telegram.outbox_worker"):
        assert await h.deliver() == 0
    assert "outcome unknown" in caplog.text and "Antwort" not in caplog.text
    assert (await statuses(h))[0][1:] == ("pending", "unknown")
    await make_all_due(h)
    assert await h.deliver() == 1
    assert texts_to(h, A) == ["Antwort", "Antwort"]  # documented: README, "Delivery guarantees"
    await make_all_due(h)
    assert await h.deliver() == 0


async def test_a_failing_commit_after_telegram_answered_sends_nothing_twice(
    launch: Launch, hsettings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = await launch(hsettings)
    await queue(h, A, "Antwort")
    real, failures = outbox.mark_sent, [sqlite3.OperationalError("database is locked")]

    async def flaky(*args: Any) -> None:
        if failures:
            raise failures.pop()
        await real(*args)

    monkeypatch.setattr(outbox, "mark_sent", flaky)
    assert await h.deliver() == 1
    assert texts_to(h, A) == ["Antwort"] and [s for _, s, _ in await statuses(h)] == ["sent"]
    await stop_app(h.app)
    again = await launch(hsettings)
    assert await again.deliver() == 0 and again.to(A) == []


async def test_stopping_during_a_send_records_its_outcome(launch: Launch, hsettings: Settings) -> None:
    gate = asyncio.Event()

    class Slow(Recorder):
        async def do_request(self, url: str, method: str, request_data: Any = None, **kw: Any) -> tuple[int, bytes]:
            if url.endswith("/sendMessage"):
                await gate.wait()
            return await super().do_request(url, method, request_data, **kw)

    h = await launch(hsettings, Slow(), background=True)
    await queue(h, A, "Antwort")
    h.app.bot_data["outbox_worker"].wake()
    await until(lambda: bool(h.app.bot_data["outbox_worker"]._inflight))
    stopping = asyncio.create_task(h.app.bot_data["outbox_worker"].stop())
    await asyncio.sleep(0.05)
    gate.set()  # Telegram answers while the worker stops
    await stopping
    assert [s for _, s, _ in await statuses(h)] == ["sent"]
    await stop_app(h.app)
    again = await launch(hsettings)
    assert await again.deliver() == 0


async def test_a_row_left_sending_by_a_crash_is_sent_again_and_logged(
    launch: Launch, hsettings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    h = await launch(hsettings)
    await queue(h, A, "Antwort")
    await h.db.conn.execute("UPDATE outbox SET status = 'sending'")
    await stop_app(h.app)
    again = await launch(hsettings)
    with caplog.at_level(logging.WARNING, logger="bot.telegram.outbox_worker"):
        assert await again.deliver() == 1
    assert "outcome unknown" in caplog.text and texts_to(again, A) == ["Antwort"]


# ============================================================================ Telegram's limits, on a fake clock
async def test_the_group_gets_20_a_minute_and_answers_do_not_wait_behind_it(desk: Harness) -> None:
    h = desk
    worker = h.app.bot_data["outbox_worker"]
    clock = [time.time()]
    worker.clock = lambda: clock[0]
    sent: list[tuple[float, Call]] = []
    h.req.on_call = lambda call: sent.append((clock[0], call)) if call.ok else None
    for n in range(30):
        await queue(h, GROUP, f"Ergänzung {n}", "followup")
    await queue(h, A, "Antwort", "answer")
    start = clock[0] = time.time()
    while clock[0] - start < 120:
        await worker.step()
        await worker.settle()
        clock[0] += 0.25
    group = [at - start for at, call in sent if chat_of(call) == str(GROUP)]
    answer = [at - start for at, call in sent if chat_of(call) == str(A)]
    assert answer == [0.0]  # at once, not behind the group's 30
    assert len(group) == 30
    assert [c.text for _, c in sent if chat_of(c) == str(GROUP)] == [f"Ergänzung {n}" for n in range(30)]
    for first in group:
        assert sum(1 for at in group if first <= at < first + 60) <= 20
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(group))
    assert group[20] >= 60.0


async def test_failures_are_reported_once_for_a_group_of_parts(desk: Harness) -> None:
    h = desk
    ticket = await h.open_ticket(OMAR, "ar", "وصلتني رسالة من الدائرة")
    await h.group_say("Antwort", reply_to=ticket.group_message_id)
    h.req.fail_chat(OMAR.id, blocked_by_user())
    await h.deliver()
    await make_all_due(h)
    await h.deliver()
    assert len(sent_to(h.req, GROUP)) == 2  # the ticket post and one notice
