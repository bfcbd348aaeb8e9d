"""Telegram's limits for the whole cluster: may one more message go now, given the shared counters?

Several workers (PostgreSQL) each send the replies of the updates they process, and one of them sends the
outbox. Each keeps its own SendPolicy, which alone would let every worker send 30 messages a second. The
shared counters (rows of `send_budget`, bot/storage/send_budget.py) hold what all of them sent: the bot's
messages in the current second, each group's in the current minute, and each chat's last message. This is the
arithmetic on those rows, no database and no Telegram here, so it is tested with plain numbers.

Each counter is a sliding log like SendPolicy's windows (the times of the last N messages, one row each), so
"30 a second" holds in every second, not only in whole seconds, and a wait is exact: until the oldest of the
N leaves the window.
"""

from __future__ import annotations

from dataclasses import dataclass

from .send_policy import CHAT_INTERVAL, GROUP_PER_MINUTE, OVERALL_PER_SECOND, is_group

OVERALL = "all"  # the key of the bot's own counter
GROUP_WINDOW = 60.0  # seconds: Telegram's group limit is per minute
EDGE_MARGIN = 0.25  # seconds added to the bot's and groups' windows: one admitted at the edge may arrive before
# an earlier one (seen in bench/scale_bench.py --telegram-limits: 21 in a minute without it)
STALE = 120.0  # seconds after which a chat's or group's counter says nothing any more and may be deleted


@dataclass(frozen=True)
class Limits:
    """The same figures as SendPolicy's (bench/scale_worker.py lifts both together)."""

    overall_per_second: int = OVERALL_PER_SECOND
    chat_interval: float = CHAT_INTERVAL
    group_per_minute: int = GROUP_PER_MINUTE


@dataclass(frozen=True)
class Counter:
    """One shared row: the times of the latest messages it counts (for a chat: its last message)."""

    times: tuple[float, ...] = ()

    def encode(self) -> str:
        return ",".join(repr(t) for t in self.times)

    @classmethod
    def decode(cls, text: str) -> Counter:
        return cls(tuple(float(t) for t in text.split(",") if t))


def keys(chat_id: int, chat_key: str) -> tuple[str, ...]:
    """The counters one message to this chat touches, in the order their rows are locked (no deadlocks)."""
    found = [OVERALL, f"chat:{chat_key}"]
    if is_group(chat_id):
        found.append(f"group:{chat_key}")
    return tuple(sorted(found))


def _recent(counter: Counter | None, window: float, now: float) -> list[float]:
    """The counter's times still inside the window."""
    return [t for t in (counter.times if counter else ()) if t > now - window]


def _free_at(counter: Counter | None, count: int, window: float, now: float) -> float:
    """When one more may go: now, or when the oldest of the last `count` leaves the window."""
    recent = _recent(counter, window, now)
    return now if len(recent) < count else min(recent[-count:]) + window


def _taken(counter: Counter | None, count: int, window: float, now: float) -> Counter:
    return Counter((*_recent(counter, window, now), now)[-count:])


def admit(limits: Limits, now: float, counters: dict[str, Counter], chat_id: int, chat_key: str,
          pace_chat: bool) -> tuple[float, dict[str, Counter]]:
    """(0, the counters to write) when one more message to this chat may go now; otherwise (seconds to wait,
    nothing to write). `pace_chat`: also keep a second between messages to this chat (the outbox does; a
    direct reply, the answer to what the person just wrote, only counts)."""
    chat_name, group_name = f"chat:{chat_key}", f"group:{chat_key}"
    rules = [(OVERALL, limits.overall_per_second, 1.0 + EDGE_MARGIN)]
    if pace_chat:
        rules.append((chat_name, 1, limits.chat_interval))
    if is_group(chat_id):
        rules.append((group_name, limits.group_per_minute, GROUP_WINDOW + EDGE_MARGIN))
    ready = max(_free_at(counters.get(name), count, window, now) for name, count, window in rules)
    if ready > now:
        return max(ready - now, 1e-3), {}
    writes = {name: _taken(counters.get(name), count, window, now) for name, count, window in rules}
    writes.setdefault(chat_name, Counter((now,)))
    return 0.0, writes
