"""Opening hours in Europe/Berlin with Berlin's public holidays, on frozen naive Berlin times."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.hours import Status, is_holiday, status

D = dt.datetime
OFFICE = "Mo-Fr 09:00-16:00"
EVENINGS = "Mo-Su 16:00-24:00"  # Berliner Krisendienst
NIGHT = "Fr 22:00-02:00"


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (D(2026, 3, 10, 10, 0), Status(True, D(2026, 3, 10, 16, 0))),  # Tuesday morning
        (D(2026, 3, 10, 9, 0), Status(True, D(2026, 3, 10, 16, 0))),  # opening minute
        (D(2026, 3, 10, 8, 59), Status(False, D(2026, 3, 10, 9, 0))),
        (D(2026, 3, 10, 16, 0), Status(False, D(2026, 3, 11, 9, 0))),  # closing minute
        (D(2026, 3, 10, 17, 0), Status(False, D(2026, 3, 11, 9, 0))),
        (D(2026, 3, 13, 17, 0), Status(False, D(2026, 3, 16, 9, 0))),  # Friday evening: Monday
        (D(2026, 3, 14, 12, 0), Status(False, D(2026, 3, 16, 9, 0))),  # Saturday
    ],
)
def test_an_office_on_working_days(now: D, expected: Status) -> None:
    assert status(OFFICE, now) == expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (D(2026, 5, 1, 10, 0), Status(False, D(2026, 5, 4, 9, 0))),  # Tag der Arbeit, a Friday
        (D(2026, 4, 30, 17, 0), Status(False, D(2026, 5, 4, 9, 0))),  # the evening before skips it
        (D(2026, 12, 25, 10, 0), Status(False, D(2026, 12, 28, 9, 0))),  # Christmas Day, then the weekend
        (D(2026, 12, 24, 10, 0), Status(True, D(2026, 12, 24, 16, 0))),  # Christmas Eve is a working day
        (D(2027, 3, 8, 10, 0), Status(False, D(2027, 3, 9, 9, 0))),  # Frauentag: a holiday in Berlin only
        (D(2026, 12, 31, 17, 0), Status(False, D(2027, 1, 4, 9, 0))),  # over New Year into the next year
        (D(2026, 4, 2, 17, 0), Status(False, D(2026, 4, 7, 9, 0))),  # Good Friday to Easter Monday
    ],
)
def test_a_berlin_public_holiday_closes_an_office(now: D, expected: Status) -> None:
    assert status(OFFICE, now) == expected


def test_the_holiday_calendar_is_berlins() -> None:
    assert is_holiday(dt.date(2027, 3, 8))  # Internationaler Frauentag: Berlin, not Germany-wide
    assert is_holiday(dt.date(2026, 10, 3)) and is_holiday(dt.date(2026, 12, 26))
    assert not is_holiday(dt.date(2026, 12, 24)) and not is_holiday(dt.date(2026, 1, 6))  # Epiphany: not Berlin


def test_an_expression_that_mentions_ph_decides_itself() -> None:
    assert status("Mo-Fr 09:00-16:00; PH 09:00-16:00", D(2026, 5, 1, 10, 0)) == Status(True, D(2026, 5, 1, 16, 0))


@pytest.mark.parametrize(
    ("expression", "now", "expected"),
    [
        ("Mo-Fr 09:00-16:00; PH off", D(2026, 5, 1, 10, 0), Status(False, D(2026, 5, 4, 9, 0))),
        ("Mo-Fr 09:00-16:00; PH 10:00-12:00", D(2026, 5, 1, 9, 30), Status(False, D(2026, 5, 1, 10, 0))),
    ],
)
def test_ph_rules_are_applied_on_berlin_holidays(expression: str, now: D, expected: Status) -> None:
    assert status(expression, now) == expected


def test_round_the_clock_is_open_in_the_middle_of_the_night() -> None:
    assert status("Mo-Su 00:00-24:00", D(2026, 3, 10, 2, 30)) == Status(True, None)
    assert status("24/7", D(2026, 3, 10, 2, 30)) == Status(True, None)


def test_round_the_clock_stays_open_on_a_holiday() -> None:
    assert status("24/7", D(2026, 12, 25, 10, 0)).is_open


@pytest.mark.parametrize(
    ("expression", "now", "expected"),
    [
        (EVENINGS, D(2026, 3, 10, 23, 0), Status(True, D(2026, 3, 11, 0, 0))),
        (EVENINGS, D(2026, 3, 10, 10, 0), Status(False, D(2026, 3, 10, 16, 0))),
        (EVENINGS, D(2026, 3, 11, 0, 0), Status(False, D(2026, 3, 11, 16, 0))),
        (EVENINGS, D(2026, 12, 24, 23, 0), Status(True, D(2026, 12, 25, 0, 0))),
        (EVENINGS, D(2026, 12, 25, 10, 0), Status(False, D(2026, 12, 27, 16, 0))),  # both Christmas days
        (NIGHT, D(2026, 3, 13, 23, 0), Status(True, D(2026, 3, 14, 2, 0))),  # Friday night into Saturday
        (NIGHT, D(2026, 3, 14, 1, 0), Status(True, D(2026, 3, 14, 2, 0))),
        (NIGHT, D(2026, 3, 14, 3, 0), Status(False, D(2026, 3, 20, 22, 0))),
        (NIGHT, D(2026, 3, 13, 21, 0), Status(False, D(2026, 3, 13, 22, 0))),
        (NIGHT, D(2026, 10, 2, 23, 0), Status(True, D(2026, 10, 3, 0, 0))),  # Saturday is a holiday: ends at 0:00
        (NIGHT, D(2026, 10, 3, 1, 0), Status(False, D(2026, 10, 9, 22, 0))),
    ],
)
def test_hours_past_midnight(expression: str, now: D, expected: Status) -> None:
    assert status(expression, now) == expected


@pytest.mark.parametrize(
    ("expression", "now", "expected"),
    [
        (OFFICE, D(2026, 3, 27, 17, 0), Status(False, D(2026, 3, 30, 9, 0))),  # clocks go forward on Sunday
        (OFFICE, D(2026, 10, 23, 17, 0), Status(False, D(2026, 10, 26, 9, 0))),  # clocks go back on Sunday
        (EVENINGS, D(2026, 3, 29, 1, 30), Status(False, D(2026, 3, 29, 16, 0))),
        (EVENINGS, D(2026, 3, 29, 2, 30), Status(False, D(2026, 3, 29, 16, 0))),  # a wall time that never happens
        (EVENINGS, D(2026, 10, 25, 2, 30), Status(False, D(2026, 10, 25, 16, 0))),  # a wall time that happens twice
        ("Sa 22:00-04:00", D(2026, 3, 28, 23, 0), Status(True, D(2026, 3, 29, 4, 0))),
        ("Sa 22:00-04:00", D(2026, 10, 24, 23, 0), Status(True, D(2026, 10, 25, 4, 0))),
    ],
)
def test_daylight_saving_changes(expression: str, now: D, expected: Status) -> None:
    assert status(expression, now) == expected


@pytest.mark.parametrize("expression", [OFFICE, EVENINGS, NIGHT, "Sa 22:00-04:00", "Mo-Fr 08:00-12:00,13:00-15:00"])
@pytest.mark.parametrize("weekend", [D(2026, 3, 27), D(2026, 10, 23)], ids=["spring", "autumn"])
def test_the_next_change_is_consistent_across_daylight_saving_weekends(expression: str, weekend: D) -> None:
    """From Friday to Monday every half hour: the next change lies ahead and really changes the state."""
    for step in range(4 * 48):
        now = weekend + dt.timedelta(minutes=30 * step)
        state = status(expression, now)
        assert state.next_change is not None and now < state.next_change < now + dt.timedelta(days=15), (now, state)
        assert status(expression, state.next_change).is_open is not state.is_open, (now, state)
        just_before = state.next_change - dt.timedelta(minutes=1)
        assert status(expression, just_before).is_open is state.is_open, (now, state)


def test_no_opening_is_skipped_before_the_announced_next_opening() -> None:
    """A night that began on a holiday stays closed after midnight: after Good Friday "Fr 22:00-02:00" is announced
    closed until the next Friday, and no moment before that is open."""
    now = D(2026, 4, 3, 21, 0)  # Good Friday evening
    state = status(NIGHT, now)
    assert state.next_change is not None
    moments = (now + dt.timedelta(minutes=30 * k) for k in range(1, 48 * 8))
    assert [m for m in moments if m < state.next_change and status(NIGHT, m).is_open] == []


def test_a_night_that_began_on_a_holiday_is_closed_after_midnight_too() -> None:
    assert status(NIGHT, D(2026, 4, 4, 1, 0)).is_open is False  # Saturday 01:00, the night from Good Friday
    assert status(NIGHT, D(2026, 4, 11, 1, 0)).is_open is True  # the Saturday after, an ordinary night


def test_an_opening_through_the_whole_holiday_opens_again_the_day_after() -> None:
    assert status("Mo-Sa 00:00-24:00", D(2026, 4, 3, 10, 0)).is_open is False  # Good Friday
    assert status("Mo-Sa 00:00-24:00", D(2026, 4, 4, 10, 0)).is_open is True  # the Saturday after
