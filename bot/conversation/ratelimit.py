"""Per-user flood protection: N messages a minute, then one notice and silence."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import Literal

Verdict = Literal["ok", "notify", "drop"]


class RateLimiter:
    def __init__(self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._hits: dict[int, deque[float]] = {}
        self._notified: set[int] = set()

    def check(self, user_id: int) -> Verdict:
        now = self.clock()
        hits = self._hits.setdefault(user_id, deque())
        while hits and now - hits[0] > self.window:
            hits.popleft()
        if len(hits) < self.limit:
            hits.append(now)
            self._notified.discard(user_id)
            return "ok"
        if user_id in self._notified:
            return "drop"
        self._notified.add(user_id)
        return "notify"

    def forget_idle(self) -> None:
        """Drop users with no recent messages so memory stays bounded."""
        now = self.clock()
        for user_id in [u for u, h in self._hits.items() if not h or now - h[-1] > self.window]:
            del self._hits[user_id]
            self._notified.discard(user_id)
