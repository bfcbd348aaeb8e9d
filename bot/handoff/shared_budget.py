"""Telegram's limits for the whole cluster: may one more message go now, given the shared counters?

Several workers (PostgreSQL) each send the replies of the updates they process, and one of them sends the
outbox. Each keeps its own SendPolicy, which alone would let every worker send 30 messages a second. The
shared counters (rows of `send_budget`, bot/storage/send_budget.py) hold what all of them sent: the bot's
messages in the current second, each group's in the current minute, and each chat's last message. This is the
arithmetic on those rows, no database and no Telegram here, so it is tested with plain numbers.

Fixed windows (this second, this minute) rather than the sliding logs of SendPolicy: one row per counter,
updated in place under a row lock, instead of a row per message. A burst across a window's edge may reach
twice the figure for a moment; Telegram's published limits are approximate ("about 30 a second") and a 429
that follows is handled as always (the chat waits, the message goes through the outbox).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .send_policy import CHAT_INTERVAL, GROUP_PER_MINUTE, OVERALL_PER_SECOND, is_group

OVERALL = "all"  # the key of the bot's own counter
GROUP_WINDOW = 60.0  # seconds: Telegram's group limit is per minute
STALE = 120.0  # seconds after which a chat's or group's counter says nothing any more and may be deleted


@dataclass(frozen=True)
class Limits:
    """The same figures as SendPolicy's (bench/scale_worker.py lifts both together)."""

    overall_per_second: int = OVERALL_PER_SECOND
    chat_interval: float = CHAT_INTERVAL
    group_per_minute: int = GROUP_PER_MINUTE


@dataclass(frozen=True)
class Counter:
    """One shared row: a window's start and how many messages went in it; for a chat, its last message."""

    start: float
    used: int


def keys(chat_id: int, chat_key: str) -> tuple[str, ...]:
    """The counters one message to this chat touches, in the order their rows are locked (no deadlocks)."""
    found = [OVERALL, f"chat:{chat_key}"]
    if is_group(chat_id):
        found.append(f"group:{chat_key}")
    return tuple(sorted(found))


def admit(limits: Limits, now: float, counters: dict[str, Counter], chat_id: int, chat_key: str,
          pace_chat: bool) -> tuple[float, dict[str, Counter]]:
    """(0, the counters to write) when one more message to this chat may go now; otherwise (seconds to wait,
    nothing to write). `pace_chat`: also keep a second between messages to this chat (the outbox does; a
    direct reply, the answer to what the person just wrote, only counts)."""
    second = float(math.floor(now))
    minute = math.floor(now / GROUP_WINDOW) * GROUP_WINDOW
    waits: list[float] = []
    overall = counters.get(OVERALL)
    overall_used = overall.used if overall is not None and overall.start == second else 0
    if overall_used >= limits.overall_per_second:
        waits.append(second + 1.0 - now)
    chat_name = f"chat:{chat_key}"
    chat = counters.get(chat_name)
    if pace_chat and chat is not None and chat.start + limits.chat_interval > now:
        waits.append(chat.start + limits.chat_interval - now)
    group_name = f"group:{chat_key}"
    group_used = 0
    if is_group(chat_id):
        group = counters.get(group_name)
        group_used = group.used if group is not None and group.start == minute else 0
        if group_used >= limits.group_per_minute:
            waits.append(minute + GROUP_WINDOW - now)
    if waits:
        return max(max(waits), 1e-3), {}
    writes = {OVERALL: Counter(second, overall_used + 1), chat_name: Counter(now, 1)}
    if is_group(chat_id):
        writes[group_name] = Counter(minute, group_used + 1)
    return 0.0, writes
