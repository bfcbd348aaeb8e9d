"""The outbox's scheduling policy on a fake clock: Telegram's limits, flood waits per chat, priorities."""

from __future__ import annotations

import itertools

from bot.handoff import send_policy
from bot.handoff.send_policy import FLOOD_MARGIN, Failure, Head, SendPolicy, Window, verdict

GROUP = -100123
A, B, C = 101, 102, 103


def heads(*rows: tuple[int, int, str]) -> list[Head]:
    return [Head(item, chat, purpose, 0.0) for item, chat, purpose in rows]


def ids(chosen: list[Head]) -> list[int]:
    return [h.item_id for h in chosen]


def test_a_window_allows_count_events_per_period() -> None:
    window = Window(3, 10.0)
    for t in (0.0, 1.0, 2.0):
        assert window.free_at(t) == t
        window.take(t)
    assert window.free_at(3.0) == 10.0  # the oldest leaves the window at 0 + 10
    window.take(10.0)
    assert window.free_at(10.5) == 11.0


def test_a_flood_wait_in_one_chat_holds_back_that_chat_only() -> None:
    policy = SendPolicy()
    policy.flood(A, 30.0, now=0.0)
    chosen, later = policy.plan(heads((1, A, "answer"), (2, B, "answer")), now=0.0)
    assert ids(chosen) == [2]
    assert later == 30.0 + FLOOD_MARGIN
    chosen, _ = policy.plan(heads((1, A, "answer"), (3, C, "status")), now=0.5)
    assert ids(chosen) == [3]  # another chat, half a second later: not held back by A's wait
    chosen, _ = policy.plan(heads((1, A, "answer")), now=30.0 + FLOOD_MARGIN)
    assert ids(chosen) == [1]


def test_one_message_a_second_per_private_chat() -> None:
    policy = SendPolicy()
    assert ids(policy.plan(heads((1, A, "answer")), now=0.0)[0]) == [1]
    chosen, later = policy.plan(heads((2, A, "answer")), now=0.4)
    assert chosen == [] and later == 1.0
    assert ids(policy.plan(heads((2, A, "answer")), now=1.0)[0]) == [2]


def test_a_group_gets_at_most_20_messages_in_any_minute() -> None:
    policy = SendPolicy()
    sent: list[float] = []
    t, item = 0.0, 0
    while t < 180.0:
        item += 1
        chosen, later = policy.plan(heads((item, GROUP, "followup")), now=t)
        if chosen:
            sent.append(t)
            t += 0.1
        else:
            assert later is not None and later > t
            t = later
    for start in sent:
        assert sum(1 for s in sent if start <= s < start + 60.0) <= 20
    assert len(sent) >= 3 * 20  # and it does use the budget: 20 a minute, one a second
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(sent))


def test_at_most_30_messages_a_second_overall_answers_first() -> None:
    policy = SendPolicy()
    rows = [(i, 1000 + i, "followup") for i in range(1, 31)] + [(100 + i, 2000 + i, "answer") for i in range(10)]
    chosen, later = policy.plan(heads(*rows), now=0.0)
    assert len(chosen) == 30
    assert ids(chosen)[:10] == [100 + i for i in range(10)]  # the newcomers' answers go first
    assert later == 1.0
    chosen, _ = policy.plan(heads((999, 9999, "answer")), now=0.5)
    assert chosen == []  # the bot's budget for this second is spent


def test_busy_chats_and_stored_retry_times_are_respected() -> None:
    policy = SendPolicy()
    rows = [Head(1, A, "answer", 0.0), Head(2, B, "answer", 50.0)]
    chosen, later = policy.plan(rows, now=10.0, busy={A})
    assert chosen == [] and later == 50.0


def test_unpaced_plans_ignore_windows_but_not_flood_waits() -> None:
    policy = SendPolicy()
    policy.plan(heads((1, A, "answer")), now=0.0)
    policy.flood(B, 5.0, now=0.0)
    chosen, _ = policy.plan(heads((2, A, "answer"), (3, B, "answer")), now=0.1, paced=False)
    assert ids(chosen) == [2]


def test_direct_replies_count_in_the_chat_window() -> None:
    policy = SendPolicy()
    policy.record(A, 0.0)
    chosen, later = policy.plan(heads((1, A, "answer")), now=0.2)
    assert chosen == [] and later == 1.0


def test_verdicts() -> None:
    assert verdict(Failure.FLOOD, 50, retry_after=7) == send_policy.Verdict(True, 7 + FLOOD_MARGIN, Failure.FLOOD)
    assert verdict(Failure.SERVER, 1) == send_policy.Verdict(True, 2.0, Failure.SERVER)
    assert verdict(Failure.UNKNOWN, 3).delay == 8.0
    assert verdict(Failure.NOT_SENT, 11).delay == send_policy.BACKOFF_MAX
    assert verdict(Failure.SERVER, send_policy.MAX_ATTEMPTS) == send_policy.Verdict(False, 0.0, Failure.GAVE_UP)
    for terminal in (Failure.BLOCKED, Failure.KICKED, Failure.NOT_FOUND, Failure.REFUSED, Failure.DEACTIVATED):
        assert verdict(terminal, 1) == send_policy.Verdict(False, 0.0, terminal)


def test_idle_chats_are_forgotten() -> None:
    policy = SendPolicy()
    policy.record(A, 0.0)
    policy.flood(B, 1000.0, 0.0)
    policy.forget_idle(500.0)
    assert policy.chat_free_at(A, 500.0) == 500.0 and policy.flooded_until(B, 500.0) is not None
    assert set(policy._chats) == {B}
