"""`kb check` for events: times, RRULE, place, references, organiser, events that are over."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from dirkit import FIXTURE_TODAY, SERVICE_ID, add_directory, fixture, load, write
from kbkit import line_of

from bot.knowledge.loader import load_knowledge

ORG = "beispiel-afghanischer-kulturverein"


def problems(kdir: Path, today: dt.date = FIXTURE_TODAY) -> list[str]:
    return [str(p) for p in load_knowledge(kdir, today=today).problems]


def event_with(kdir: Path, name: str = "beispiel-sprachcafe", **changes: Any) -> tuple[Path, dict[str, Any]]:
    add_directory(kdir)
    data = fixture("events", name)
    data.update(changes)
    return write(kdir, "events", data), data


def assert_reported(kdir: Path, path: Path, startswith: str, message: str, today: dt.date = FIXTURE_TODAY) -> None:
    expected = f"{path}:{line_of(path, startswith)}: {message}"
    found = problems(kdir, today)
    assert expected in found, f"expected {expected!r}, got {found}"


def test_end_must_be_after_start(kdir: Path) -> None:
    path, _ = event_with(kdir, end="2027-03-07T17:00")
    assert_reported(kdir, path, "end:", "end 2027-03-07 17:00 must be after start 2027-03-07 18:00")


def test_start_in_the_spring_gap_does_not_exist(kdir: Path) -> None:
    path, _ = event_with(kdir, "beispiel-dialog", start="2027-03-28T02:30", end="2027-03-28T04:00")
    assert_reported(kdir, path, "start:", "start 2027-03-28 02:30 does not exist in Berlin (clocks go forward)")


def test_start_with_an_offset_is_refused(kdir: Path) -> None:
    path, _ = event_with(kdir, "beispiel-dialog", start="2027-03-28T11:00+02:00", end=None)
    message = "start must be a local Berlin time without offset, e.g. 2027-03-28T18:00"
    assert_reported(kdir, path, "start:", message)


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("FREQ=SOMETIMES", "FREQ must be one of DAILY, WEEKLY, MONTHLY, YEARLY"),
        ("FREQ=HOURLY", "FREQ must be one of DAILY, WEEKLY, MONTHLY, YEARLY"),
        ("FREQ=WEEKLY;BYDAY=XX", "invalid 'BYDAY': XX"),
        ("RRULE:FREQ=WEEKLY", "write only the rule, without 'RRULE:' or DTSTART, e.g. FREQ=WEEKLY;BYDAY=TU"),
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20270401T000000", "COUNT and UNTIL cannot be used together (RFC 5545)"),
    ],
)
def test_rrule_must_parse(kdir: Path, rule: str, reason: str) -> None:
    path, _ = event_with(kdir, rrule=rule)
    assert_reported(kdir, path, "rrule:", f"rrule {rule!r} is not a valid RFC 5545 RRULE: {reason}")


def test_rrule_needs_an_occurrence(kdir: Path) -> None:
    rule = "FREQ=WEEKLY;UNTIL=20270101T000000"
    path, _ = event_with(kdir, rrule=rule)
    assert_reported(kdir, path, "rrule:", f"rrule {rule!r} has no occurrence from start 2027-03-07 18:00 on")


def test_place_needs_exactly_one_of_organisation_service_or_address(kdir: Path) -> None:
    add_directory(kdir)
    both = fixture("events", "beispiel-dialog")
    both["place"]["organisation"] = ORG
    path = write(kdir, "events", both)
    assert_reported(kdir, path, "place:", "place needs exactly one of organisation, service or address "
                    "(found: organisation, address)")  # fmt: skip
    both["place"] = {"name": "Irgendwo"}
    path = write(kdir, "events", both)
    assert_reported(kdir, path, "place:", "place needs exactly one of organisation, service or address (found: none)")


def test_place_refers_to_an_existing_active_organisation_with_a_location(kdir: Path) -> None:
    path, data = event_with(kdir, place={"organisation": "beispiel-unbekannt"})
    assert_reported(kdir, path, "organisation:", "unknown organisation 'beispiel-unbekannt'")
    data["place"] = {"organisation": "beispiel-alter-verein"}
    write(kdir, "events", data)
    assert_reported(kdir, path, "organisation:", "organisation 'beispiel-alter-verein' is inactive")
    data["place"] = {"organisation": "beispiel-syrischer-verein"}
    write(kdir, "events", data)
    message = "organisation 'beispiel-syrischer-verein' has no location: give the place an address"
    assert_reported(kdir, path, "organisation:", message)


def test_place_can_be_a_service_with_an_address(kdir: Path) -> None:
    path, data = event_with(kdir, place={"service": SERVICE_ID})
    assert problems(kdir) == []
    data["place"] = {"service": "anmeldung-wohnung-berlin"}  # the template entry has no address
    write(kdir, "events", data)
    message = "service 'anmeldung-wohnung-berlin' has no address: give the place one"
    assert_reported(kdir, path, "service:", message)
    data["place"] = {"service": "gibt-es-nicht"}
    write(kdir, "events", data)
    assert_reported(kdir, path, "service:", "unknown service 'gibt-es-nicht'")


def test_organiser_id_must_exist_but_a_plain_name_is_fine(kdir: Path) -> None:
    path, data = event_with(kdir, organiser="afghan-verein-berlin")
    message = (
        "organiser 'afghan-verein-berlin' looks like an id, but no organisation or service has it "
        "(use an existing id, or the organiser's name as the source gives it)"
    )
    assert_reported(kdir, path, "organiser:", message)
    for fine in ("Afghanischer Verein Berlin e.V.", SERVICE_ID, ORG):
        data["organiser"] = fine
        write(kdir, "events", data)
        assert problems(kdir) == [], fine


def test_an_event_that_is_over_is_a_warning(kdir: Path) -> None:
    path = add_directory(kdir) / "events" / "beispiel-dialog.yaml"
    later = dt.date(2027, 4, 1)
    message = "warning: event is over (it was 2027-03-28): set status inactive or remove the file"
    assert_reported(kdir, path, "start:", message, later)
    assert load(kdir, later).events  # a warning only: still loaded


def test_a_recurring_event_is_over_after_its_last_date(kdir: Path) -> None:
    path = add_directory(kdir) / "events" / "beispiel-berlinweit.yaml"
    assert not [p for p in problems(kdir, dt.date(2027, 8, 10)) if str(path) in p]  # COUNT=6: last is 11 Aug
    message = "warning: event is over (its last date was 2027-08-11): set status inactive or remove the file"
    assert_reported(kdir, path, "rrule:", message, dt.date(2027, 8, 12))
    weekly = kdir / "events" / "beispiel-sprachcafe.yaml"
    assert not [p for p in problems(kdir, dt.date(2030, 1, 1)) if str(weekly) in p and "event is over" in p]
