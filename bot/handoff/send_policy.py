"""Which chat may send next: Telegram's rate limits, flood waits and retries, as pure logic.

No Telegram and no database here: the outbox worker asks `SendPolicy.plan` which queued heads (the oldest
pending message of each chat) may go now, tells it what was sent (`record`) and what Telegram answered
(`flood`), and asks `verdict` what a failure means. Time is passed in (seconds, any clock), so the tests
drive it with a fake clock.

Telegram's published limits (core.telegram.org/bots/faq, "My bot is hitting limits"): about 30 messages a
second overall, about one a second in one chat, at most 20 a minute in one group. Each chat has its own
windows and its own flood wait: a 429 in one chat holds back that chat only.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

OVERALL_PER_SECOND = 30  # Telegram: "no more than 30 messages per second" for one bot
CHAT_INTERVAL = 1.0  # Telegram: "avoid sending more than one message per second" in one chat
GROUP_PER_MINUTE = 20  # Telegram: "no more than 20 messages per minute in the same group"
FLOOD_MARGIN = 0.2  # seconds added to Telegram's retry_after, so the retry does not land a hair too early
BACKOFF_BASE = 2.0  # a failing chat's n-th retry waits 2**n seconds ...
BACKOFF_MAX = 600.0  # ... but never more than 10 minutes
MAX_ATTEMPTS = 12  # about 37 minutes of retries (2+4+...+600 s) before a delivery is given up and reported
IDLE_CHAT = 120.0  # a chat's windows are forgotten after this long without a send (memory stays bounded)

# Lower goes first when the overall budget is short: newcomers waiting for an answer before group traffic,
# forwarded follow-ups and photos last. Within one chat the order of queueing always holds.
PRIORITY: dict[str, int] = {
    "answer": 0, "reply": 0, "status": 1, "confirm": 2, "notice": 2, "post": 3, "delete": 3,
    "followup": 4, "attachment": 4,
}  # fmt: skip
DEFAULT_PRIORITY = 3


class Failure(StrEnum):
    """What went wrong with one send, as far as the bot can tell."""

    FLOOD = "flood"  # 429: Telegram refused it for now and said how long to wait
    SERVER = "server"  # Telegram answered with an error (5xx): not delivered, try again
    NOT_SENT = "not_sent"  # the request never reached Telegram (connection refused, pool timeout)
    UNKNOWN = "unknown"  # sent, but no answer came back (timeout, reset): it may have arrived
    BLOCKED = "blocked"  # 403: the person blocked the bot (or never started it)
    DEACTIVATED = "deactivated"  # 403: the person's account is gone
    KICKED = "kicked"  # 403: the bot is no longer a member of the group
    NOT_FOUND = "not_found"  # 400: chat not found
    REFUSED = "refused"  # 400 or another refusal of this very message: sending it again cannot help
    GAVE_UP = "gave_up"  # transient failures until MAX_ATTEMPTS


TRANSIENT = frozenset({Failure.FLOOD, Failure.SERVER, Failure.NOT_SENT, Failure.UNKNOWN})


@dataclass(frozen=True)
class Verdict:
    retry: bool
    delay: float = 0.0  # seconds until the next attempt, when retried
    failure: Failure = Failure.SERVER  # the reason recorded (GAVE_UP once retries are exhausted)


def verdict(failure: Failure, attempts: int, retry_after: float = 0.0) -> Verdict:
    """What to do after the `attempts`-th attempt failed this way."""
    if failure is Failure.FLOOD:  # Telegram said when: wait exactly that long, never give up on a flood wait
        return Verdict(True, max(0.0, retry_after) + FLOOD_MARGIN, failure)
    if failure not in TRANSIENT:
        return Verdict(False, 0.0, failure)
    if attempts >= MAX_ATTEMPTS:
        return Verdict(False, 0.0, Failure.GAVE_UP)
    return Verdict(True, min(BACKOFF_MAX, BACKOFF_BASE**attempts), failure)


@dataclass(frozen=True)
class Head:
    """The oldest undelivered message of one chat: only it may go (per-chat order)."""

    item_id: int
    chat_id: int
    purpose: str
    due_at: float  # not before (a retry's backoff or a flood wait, as stored)

    @property
    def priority(self) -> int:
        return PRIORITY.get(self.purpose, DEFAULT_PRIORITY)


class Window:
    """At most `count` events in any `period` seconds (a sliding log of the last `count` events)."""

    def __init__(self, count: int, period: float) -> None:
        self.count, self.period = count, period
        self._times: deque[float] = deque(maxlen=count)

    def free_at(self, now: float) -> float:
        """When the next event may happen (now, or when the oldest event leaves the window)."""
        if len(self._times) < self.count:
            return now
        return max(now, self._times[0] + self.period)

    def take(self, now: float) -> None:
        self._times.append(now)

    def last(self) -> float | None:
        return self._times[-1] if self._times else None


@dataclass
class _Chat:
    windows: tuple[Window, ...]
    flood_until: float = 0.0
    held_until: float = 0.0  # the cluster's shared budget said wait (several workers); no flood wait


def is_group(chat_id: int) -> bool:
    """Groups, supergroups and channels have negative ids on Telegram; private chats positive ones."""
    return chat_id < 0


@dataclass
class SendPolicy:
    """Token windows for the whole bot and per chat, and each chat's flood wait."""

    overall_per_second: int = OVERALL_PER_SECOND
    chat_interval: float = CHAT_INTERVAL
    group_per_minute: int = GROUP_PER_MINUTE
    _overall: Window = field(init=False)
    _chats: dict[int, _Chat] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._overall = Window(self.overall_per_second, 1.0)

    def _chat(self, chat_id: int) -> _Chat:
        chat = self._chats.get(chat_id)
        if chat is None:
            windows = [Window(1, self.chat_interval)]
            if is_group(chat_id):
                windows.append(Window(self.group_per_minute, 60.0))
            chat = self._chats[chat_id] = _Chat(tuple(windows))
        return chat

    def chat_free_at(self, chat_id: int, now: float) -> float:
        """When this chat may get its next message: its windows and its flood wait."""
        chat = self._chats.get(chat_id)
        if chat is None:
            return now
        return max([now, chat.flood_until, chat.held_until, *(w.free_at(now) for w in chat.windows)])

    def overall_free_at(self, now: float) -> float:
        """When the bot as a whole may send its next message."""
        return self._overall.free_at(now)

    def flooded_until(self, chat_id: int, now: float) -> float | None:
        chat = self._chats.get(chat_id)
        return chat.flood_until if chat is not None and chat.flood_until > now else None

    def record(self, chat_id: int, now: float) -> None:
        """A message goes to this chat now (from the outbox, or a direct reply)."""
        self._overall.take(now)
        for window in self._chat(chat_id).windows:
            window.take(now)

    def flood(self, chat_id: int, retry_after: float, now: float) -> None:
        """Telegram answered 429 for this chat: nothing more goes there until the wait is over."""
        chat = self._chat(chat_id)
        chat.flood_until = max(chat.flood_until, now + max(0.0, retry_after) + FLOOD_MARGIN)

    def hold(self, chat_id: int, until: float) -> None:
        """The cluster's budget (other workers' messages) says this chat's next message must wait until then."""
        chat = self._chat(chat_id)
        chat.held_until = max(chat.held_until, until)

    def plan(
        self, heads: Sequence[Head], now: float, busy: Iterable[int] = (), paced: bool = True
    ) -> tuple[list[Head], float | None]:
        """The heads that may be sent now (recorded as sent), most urgent first, and when to look again
        (None: nothing waits). `busy`: chats with a send under way. `paced=False` ignores the windows
        (an explicit flush), never a flood wait or a stored retry time."""
        taken = set(busy)
        waiting = [h for h in heads if h.chat_id not in taken]
        ready: list[Head] = []
        later: list[float] = []
        for head in waiting:
            at = max(head.due_at, self.chat_free_at(head.chat_id, now) if paced else self._flood_at(head, now))
            if at <= now:
                ready.append(head)
            else:
                later.append(at)
        chosen: list[Head] = []
        for head in sorted(ready, key=lambda h: (h.priority, h.item_id)):
            if head.chat_id in taken:
                continue
            if paced and self._overall.free_at(now) > now:
                later.append(self._overall.free_at(now))
                break
            taken.add(head.chat_id)
            self.record(head.chat_id, now)
            chosen.append(head)
        return chosen, min(later) if later else None

    def _flood_at(self, head: Head, now: float) -> float:
        chat = self._chats.get(head.chat_id)
        return max(now, chat.flood_until) if chat is not None else now

    def forget_idle(self, now: float) -> None:
        """Drop chats with nothing in their windows and no flood wait."""
        for chat_id, chat in list(self._chats.items()):
            last = max((w.last() or 0.0 for w in chat.windows), default=0.0)
            if max(chat.flood_until, chat.held_until) <= now and now - last > IDLE_CHAT:
                del self._chats[chat_id]
