"""Sending with retries: flood waits and network errors, without really waiting."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.conversation.replies import Reply
from bot.telegram import render

SENT = "sent"


@pytest.fixture
def delays(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every delay render asks asyncio.sleep for; nothing really sleeps (only render's asyncio is swapped)."""
    requested: list[float] = []

    async def sleep(delay: float) -> None:
        requested.append(delay)

    monkeypatch.setattr(render, "asyncio", types.SimpleNamespace(sleep=sleep))
    return requested


def calls(*outcomes: BaseException | str) -> tuple[Callable[[], Awaitable[str]], list[int]]:
    """A Bot API call that fails or succeeds as scripted, and the list of its attempts."""
    attempts: list[int] = []

    async def call() -> str:
        attempts.append(len(attempts) + 1)
        outcome = outcomes[len(attempts) - 1]
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    return call, attempts


async def test_too_many_requests_waits_exactly_retry_after_then_retries(delays: list[float]) -> None:
    call, attempts = calls(RetryAfter(1), SENT)
    assert await render._retrying(call) == SENT
    assert delays == [1.0]
    assert attempts == [1, 2]


async def test_retry_after_given_as_a_timedelta(delays: list[float], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # PTB then reports retry_after as a timedelta
    flood = RetryAfter(dt.timedelta(seconds=0.5))
    assert isinstance(flood.retry_after, dt.timedelta)
    call, _ = calls(flood, SENT)
    assert await render._retrying(call) == SENT
    assert delays == [0.5]


async def test_a_long_flood_wait_is_not_waited_out_here(delays: list[float]) -> None:
    """Updates are processed one at a time: waiting 120 s here would hold back every other chat."""
    call, attempts = calls(RetryAfter(120), SENT)
    with pytest.raises(RetryAfter):
        await render._retrying(call)
    assert delays == [] and attempts == [1]


async def test_the_third_flood_error_is_raised_after_two_waits(delays: list[float]) -> None:
    call, attempts = calls(RetryAfter(1), RetryAfter(1), RetryAfter(1), SENT)
    with pytest.raises(RetryAfter):
        await render._retrying(call)
    assert delays == [1.0, 1.0]
    assert attempts == [1, 2, 3]


async def test_network_errors_are_retried_with_a_growing_pause(delays: list[float]) -> None:
    call, attempts = calls(TimedOut(), NetworkError("connection reset"), SENT)
    assert await render._retrying(call) == SENT
    assert delays == [0.5, 1.0]
    assert attempts == [1, 2, 3]


@pytest.mark.parametrize("error", [BadRequest("chat not found"), Forbidden("bot was blocked by the user")])
async def test_refusals_are_raised_at_once_without_waiting(delays: list[float], error: Exception) -> None:
    call, attempts = calls(error, SENT)
    with pytest.raises(type(error)):
        await render._retrying(call)
    assert delays == []
    assert attempts == [1]


class FakeBot:
    """Just enough of telegram.Bot for render.send: records messages, fails as scripted."""

    def __init__(self, *failures: Exception) -> None:
        self.failures = list(failures)
        self.sent: list[tuple[int, str, dict[str, Any]]] = []

    async def send_message(self, chat_id: int, text: str, **kwargs: Any) -> None:
        self.sent.append((chat_id, text, kwargs))
        if self.failures:
            raise self.failures.pop(0)


async def test_send_waits_retry_after_and_delivers_the_message(delays: list[float]) -> None:
    bot = FakeBot(RetryAfter(1))
    await render.send(bot, 42, [Reply("<b>Hallo</b>")])  # type: ignore[arg-type]
    assert delays == [1.0]
    assert [(chat, text) for chat, text, _ in bot.sent] == [(42, "<b>Hallo</b>"), (42, "<b>Hallo</b>")]
    assert bot.sent[-1][2]["parse_mode"] == ParseMode.HTML


async def test_replies_held_back_or_unreachable_are_handed_on_in_order(delays: list[float]) -> None:
    handed: list[list[str]] = []

    async def defer(replies: list[Reply]) -> None:
        handed.append([r.text for r in replies])

    bot = FakeBot(RetryAfter(60))
    await render.send(bot, 42, [Reply("eins"), Reply("zwei")], defer=defer)  # type: ignore[arg-type]
    assert handed == [["eins", "zwei"]] and delays == []  # not waited out: other chats would wait too
    bot = FakeBot(NetworkError("down"), NetworkError("down"), NetworkError("down"))
    await render.send(bot, 42, [Reply("eins"), Reply("zwei")], defer=defer)  # type: ignore[arg-type]
    assert handed[-1] == ["eins", "zwei"]
    bot = FakeBot(BadRequest("can't parse entities"))
    with pytest.raises(BadRequest):  # a refusal is not retried later: it would be refused again
        await render.send(bot, 42, [Reply("eins")], defer=defer)  # type: ignore[arg-type]
