"""The bot's one rate limiter: direct replies and the outbox share send_policy's windows and flood waits.

PTB's AIORateLimiter pauses every request of the bot while any chat waits out a 429; here a flood wait
holds back only its own chat. The outbox worker paces its own calls (they carry `rate_limit_args`) and
passes straight through. A direct reply is counted in the windows (so the outbox spaces its messages after
it), waits at most a moment for the overall budget, and is refused at once, without a request, while its
chat is in a known flood wait: the caller then queues it in the outbox instead of waiting (render.py).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.handoff.send_policy import SendPolicy

MAX_OVERALL_WAIT = 1.0  # a direct reply waits at most this long for the bot's overall budget
# endpoints that put a message on a screen: they count towards Telegram's limits
COUNTED = frozenset({
    "sendMessage", "sendPhoto", "sendDocument", "sendVenue", "sendLocation", "sendMediaGroup", "copyMessage",
    "forwardMessage", "editMessageText", "editMessageCaption",
})  # fmt: skip


def chat_of(data: dict[str, Any]) -> int | None:
    value = data.get("chat_id")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return None


class SharedLimiter(BaseRateLimiter[dict[str, Any]]):
    def __init__(self, policy: SendPolicy, clock: Callable[[], float] = time.time, wait: bool = True) -> None:
        self.policy, self.clock, self.wait = policy, clock, wait

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, Any] | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        chat_id = chat_of(data)
        if rate_limit_args or chat_id is None or endpoint not in COUNTED:
            return await callback(*args, **kwargs)
        now = self.clock()
        flood = self.policy.flooded_until(chat_id, now)
        if flood is not None:  # Telegram would refuse it: do not ask, do not wait
            raise RetryAfter(max(1, math.ceil(flood - now)))
        if self.wait:
            pause = self.policy.overall_free_at(now) - now
            if pause > 0:
                await asyncio.sleep(min(pause, MAX_OVERALL_WAIT))
        self.policy.record(chat_id, self.clock())
        try:
            return await callback(*args, **kwargs)
        except RetryAfter as exc:
            retry = exc.retry_after
            seconds = float(retry if isinstance(retry, int | float) else retry.total_seconds())
            self.policy.flood(chat_id, seconds, self.clock())
            raise
