"""`wegweiser events export --format ics`, parsed back with the icalendar library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr
from dirkit import SERVICE_ID, add_directory, fixture, write

from bot.cli import main

BERLIN = ZoneInfo("Europe/Berlin")


def export(kdir: Path, tmp_path: Path, *args: str) -> icalendar.Calendar:
    out = tmp_path / "events.ics"
    assert main(["events", "export", str(kdir), "--format", "ics", "--out", str(out), *args]) == 0
    raw = out.read_bytes()
    assert b"\r\n" in raw  # RFC 5545 line ends
    return icalendar.Calendar.from_ical(raw)


def vevents(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_calendar_has_prodid_a_berlin_timezone_and_one_vevent_per_event(kdir: Path, tmp_path: Path) -> None:
    calendar = export(add_directory(kdir), tmp_path)
    assert str(calendar["PRODID"]).startswith("-//Wegweiser//")
    assert str(calendar["VERSION"]) == "2.0"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert set(vevents(calendar)) == {
        "beispiel-sprachcafe@wegweiser", "beispiel-dialog@wegweiser", "beispiel-berlinweit@wegweiser",
    }  # fmt: skip


def test_weekly_event_fields(kdir: Path, tmp_path: Path) -> None:
    event = vevents(export(add_directory(kdir), tmp_path))["beispiel-sprachcafe@wegweiser"]
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART") == dt.datetime(2027, 3, 7, 18, tzinfo=BERLIN)
    assert event.decoded("DTEND") == dt.datetime(2027, 3, 7, 20, tzinfo=BERLIN)
    assert event["DTEND"].params["TZID"] == "Europe/Berlin"
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=SU"
    assert str(event["SUMMARY"]) == "Sprachcafé Deutsch–Dari"
    description = str(event["DESCRIPTION"])
    assert description.startswith("Jeden Sonntag Deutsch und Dari üben, mit Tee.")
    assert "https://example.org/bak/termine" in description  # the source link
    assert "Beispiel Afghanischer Kulturverein" in description  # the organiser, resolved from its id
    location = "Beispiel Afghanischer Kulturverein, Vereinsraum, Beispielstraße 12, 10115 Berlin"
    assert str(event["LOCATION"]) == location
    assert str(event["URL"]) == "https://example.org/bak/sprachcafe"
    assert isinstance(event.decoded("DTSTAMP"), dt.datetime)


def test_recurring_event_expands_to_the_right_local_dates_across_dst(kdir: Path, tmp_path: Path) -> None:
    event = vevents(export(add_directory(kdir), tmp_path))["beispiel-sprachcafe@wegweiser"]
    start = event.decoded("DTSTART")
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    dates = rule.between(dt.datetime(2027, 3, 20, tzinfo=BERLIN), dt.datetime(2027, 4, 5, tzinfo=BERLIN))
    assert [d.strftime("%Y-%m-%d %H:%M %z") for d in dates] == [
        "2027-03-21 18:00 +0100", "2027-03-28 18:00 +0200", "2027-04-04 18:00 +0200",
    ]  # fmt: skip


def test_single_event_in_another_language_with_an_address(kdir: Path, tmp_path: Path) -> None:
    event = vevents(export(add_directory(kdir), tmp_path, "--lang", "ar"))["beispiel-dialog@wegweiser"]
    assert "RRULE" not in event
    assert str(event["SUMMARY"]) == "حوار بين الأديان"
    assert event["SUMMARY"].params["LANGUAGE"] == "ar"
    assert str(event["DESCRIPTION"]).startswith("حوار بين الجماعات الدينية في الحي.")
    assert str(event["LOCATION"]) == "Beispielsaal, Probeallee 7, 10627 Berlin"
    assert str(event["URL"]) == "https://example.org/dialog"  # no website: the source


def test_until_is_written_in_utc_and_a_service_gives_the_location(kdir: Path, tmp_path: Path) -> None:
    add_directory(kdir)
    data = fixture("events", "beispiel-sprachcafe")
    data.update(rrule="FREQ=WEEKLY;BYDAY=SU;UNTIL=20270404T180000", place={"service": SERVICE_ID})
    write(kdir, "events", data)
    event = vevents(export(kdir, tmp_path))["beispiel-sprachcafe@wegweiser"]
    assert event["RRULE"]["UNTIL"] == [dt.datetime(2027, 4, 4, 16, tzinfo=dt.UTC)]
    assert str(event["LOCATION"]) == "Beispiel Beratungsstelle, Teststraße 9, 10559 Berlin"
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=event.decoded("DTSTART"))
    assert [d.day for d in rule] == [7, 14, 21, 28, 4]


def test_district_filter_keeps_berlin_wide_events(kdir: Path, tmp_path: Path) -> None:
    calendar = export(add_directory(kdir), tmp_path, "--district", "charlottenburg-wilmersdorf")
    assert set(vevents(calendar)) == {"beispiel-dialog@wegweiser", "beispiel-berlinweit@wegweiser"}


def test_inactive_events_are_left_out(kdir: Path, tmp_path: Path) -> None:
    add_directory(kdir)
    data = fixture("events", "beispiel-dialog")
    data["status"] = "inactive"
    write(kdir, "events", data)
    assert "beispiel-dialog@wegweiser" not in vevents(export(kdir, tmp_path))


def test_stdout_is_the_default_and_no_events_is_an_empty_calendar(
    kdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["events", "export", str(kdir)]) == 0
    calendar = icalendar.Calendar.from_ical(capsys.readouterr().out)
    assert calendar.walk("VEVENT") == []


def test_a_broken_knowledge_base_or_unwritable_file_exits_1(
    kdir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["events", "export", str(kdir), "--out", str(tmp_path / "missing" / "x.ics")]) == 1
    assert "cannot write" in capsys.readouterr().err
    (kdir / "events").mkdir()
    (kdir / "events" / "bad.yaml").write_text("id: [", encoding="utf-8")
    assert main(["events", "export", str(kdir)]) == 1
    assert "knowledge base has errors" in capsys.readouterr().err


def test_the_real_calendar_parses(tmp_path: Path) -> None:
    from kbkit import REAL_KNOWLEDGE

    calendar = export(REAL_KNOWLEDGE, tmp_path, "--lang", "fa")
    for event in calendar.walk("VEVENT"):
        assert str(event["UID"]).endswith("@wegweiser")
        assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
        assert str(event["SUMMARY"]) and str(event["DESCRIPTION"]) and str(event["URL"]).startswith("http")
