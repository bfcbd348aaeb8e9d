"""bot/handoff/shared_budget.py: the cluster's counters decide, with plain numbers for time."""

from __future__ import annotations

from bot.handoff.shared_budget import EDGE_MARGIN, OVERALL, Counter, Limits, admit, keys

LIMITS = Limits(overall_per_second=3, chat_interval=1.0, group_per_minute=2)
PERSON, GROUP = 42, -100


def send(counters: dict[str, Counter], now: float, chat: int = PERSON, pace_chat: bool = False) -> float:
    wait, writes = admit(LIMITS, now, counters, chat, str(chat), pace_chat)
    counters.update(writes)
    return wait


def test_the_bot_gets_its_figure_in_every_second_not_only_in_whole_seconds() -> None:
    counters: dict[str, Counter] = {}
    assert [send(counters, at, chat) for at, chat in ((10.6, 1), (10.7, 2), (10.9, 3))] == [0.0, 0.0, 0.0]
    assert abs(send(counters, 11.1, 4) - (0.5 + EDGE_MARGIN)) < 1e-9  # a new whole second, 10.6 not a second ago
    assert counters[OVERALL] == Counter((10.6, 10.7, 10.9))  # a refused message writes nothing
    assert send(counters, 11.6 + EDGE_MARGIN, 4) == 0.0
    assert counters[OVERALL] == Counter((10.7, 10.9, 11.6 + EDGE_MARGIN))  # only the last three are kept


def test_a_group_gets_its_figure_per_minute() -> None:
    counters: dict[str, Counter] = {}
    assert send(counters, 60.0, GROUP) == 0.0
    assert send(counters, 70.0, GROUP) == 0.0
    assert abs(send(counters, 90.0, GROUP) - (30.0 + EDGE_MARGIN)) < 1e-9  # till the first is a minute old
    assert send(counters, 90.0, PERSON) == 0.0  # a person's chat has no such limit
    assert send(counters, 120.0 + EDGE_MARGIN, GROUP) == 0.0


def test_the_outbox_keeps_a_second_between_messages_to_a_chat_and_a_direct_reply_only_counts() -> None:
    counters: dict[str, Counter] = {}
    assert send(counters, 5.0) == 0.0  # a direct reply on some worker
    assert abs(send(counters, 5.25, pace_chat=True) - 0.75) < 1e-9  # the outbox waits for the rest of the second
    assert send(counters, 5.5) == 0.0  # another direct reply is not held back ...
    assert abs(send(counters, 5.75, pace_chat=True) - 0.75) < 1e-9  # ... but the outbox counts from it
    assert send(counters, 6.5, pace_chat=True) == 0.0


def test_the_longest_wait_wins_and_keys_are_locked_in_one_order() -> None:
    counters = {OVERALL: Counter((10.1, 10.2, 10.3)), f"group:{GROUP}": Counter((0.0, 1.0))}
    wait, writes = admit(LIMITS, 10.5, counters, GROUP, str(GROUP), False)
    assert abs(wait - (49.5 + EDGE_MARGIN)) < 1e-9 and writes == {}
    assert keys(GROUP, "x") == tuple(sorted(keys(GROUP, "x"))) == ("all", "chat:x", "group:x")
    assert keys(PERSON, "x") == ("all", "chat:x")


def test_counters_survive_the_trip_through_their_text_column() -> None:
    counter = Counter((1733370000.123456, 1733370000.5))
    assert Counter.decode(counter.encode()) == counter
    assert Counter.decode("") == Counter()
