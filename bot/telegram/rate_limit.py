"""The bot's one rate limiter: direct replies and the outbox share send_policy's windows and flood waits.

PTB's AIORateLimiter pauses every request of the bot while any chat waits out a 429; here a flood wait
holds back only its own chat. The outbox worker paces its own calls (they carry `rate_limit_args`) and
passes straight through. A direct reply is counted in the windows (so the outbox spaces its messages after
it), waits at most a moment for the overall budget, and is refused at once, without a request, while its
chat is in a known flood wait: the caller then queues it in the outbox instead of waiting (render.py).

Several workers (PostgreSQL): each worker's SendPolicy sees only its own messages, so every counted message,
direct or from the outbox, also takes its place in the cluster's shared counters (ClusterBudget, on a
connection of its own). A direct reply waits up to MAX_CLUSTER_WAIT for the cluster's budget; when there is
still none (or the group's minute is used up) it is refused like a flood wait and goes through the outbox.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.handoff.send_policy import SendPolicy
from bot.handoff.shared_budget import EDGE_MARGIN, Limits
from bot.storage import send_budget
from bot.storage.db import Database

log = logging.getLogger(__name__)

MAX_OVERALL_WAIT = 1.0  # a direct reply waits at most this long for the bot's overall budget
MAX_CLUSTER_WAIT = MAX_OVERALL_WAIT + EDGE_MARGIN  # ... and for the cluster's (whose window has a margin)
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


class ClusterBudget:
    """The cluster's shared counters, on the database connection given (its own, not the flows' one)."""

    def __init__(self, db: Database, limits: Limits) -> None:
        self.db, self.limits = db, limits
        self._failing = False

    @classmethod
    def of(cls, db: Database, policy: SendPolicy) -> ClusterBudget:
        return cls(db, Limits(policy.overall_per_second, policy.chat_interval, policy.group_per_minute))

    async def reserve(self, chat_id: int, pace_chat: bool = False) -> float:
        """0 when one more message to this chat may go now (counted for the cluster); else seconds to wait.
        When the database cannot be asked, 0: this worker's own SendPolicy still paces it, and a reply is
        never held back because the counters are out of reach (one WARNING when that starts)."""
        try:
            async with self.db.unit_of_work():
                wait = await send_budget.reserve(self.db, chat_id, self.limits, pace_chat)
        except Exception as exc:
            if not self._failing:
                log.warning("shared send counters unavailable (%s): pacing by this worker's own count",
                            type(exc).__name__)
            self._failing = True
            return 0.0
        self._failing = False
        return wait

    async def close(self) -> None:
        await self.db.close()


class SharedLimiter(BaseRateLimiter[dict[str, Any]]):
    def __init__(self, policy: SendPolicy, clock: Callable[[], float] = time.time, wait: bool = True,
                 budget: ClusterBudget | None = None) -> None:
        self.policy, self.clock, self.wait = policy, clock, wait
        self.budget = budget  # several workers: set at start-up (telegram/app.py)

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
        if self.budget is not None:
            await self._cluster_turn(self.budget, chat_id)
        self.policy.record(chat_id, self.clock())
        try:
            return await callback(*args, **kwargs)
        except RetryAfter as exc:
            retry = exc.retry_after
            seconds = float(retry if isinstance(retry, int | float) else retry.total_seconds())
            self.policy.flood(chat_id, seconds, self.clock())
            raise

    async def _cluster_turn(self, budget: ClusterBudget, chat_id: int) -> None:
        """Wait up to MAX_CLUSTER_WAIT for the cluster's budget; RetryAfter (the reply goes to the outbox) when
        it does not come, or when the wait is longer (a group's minute used up)."""
        waited = 0.0
        while True:
            pause = await budget.reserve(chat_id)
            if pause <= 0:
                return
            if not self.wait or waited + pause > MAX_CLUSTER_WAIT:
                raise RetryAfter(max(1, math.ceil(pause)))
            await asyncio.sleep(pause)
            waited += pause
