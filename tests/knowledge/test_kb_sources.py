"""`kb check` ties facts to sources: dated sources, "invent nothing", YAML hints, the summary limit;
and the card shows how current its information is and who checked it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from kbkit import (
    REAL_LOCALES,
    TODAY,
    entry_path,
    line_of,
    reported,
    run_check,
    template,
    write_entry,
)

from bot.conversation.card import render_card
from bot.i18n import LRI, PDI, load_locales
from bot.knowledge.loader import load_knowledge
from bot.knowledge.sources import phone_digits
from bot.localdates import format_date

NOW = dt.datetime(2026, 12, 2, 10, 0)




def with_note(data: dict[str, Any], note: str) -> dict[str, Any]:
    data["sources"][0]["note"] = note
    return data


# ---------------------------------------------------------------- dated sources


def test_source_without_as_of_is_an_error_at_its_line(
    kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = template()
    del data["sources"][1]["as_of"]
    url = data["sources"][1]["url"]
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    message = f"source {url} has no as_of (the date the page states, or the date it was stored)"
    reported(out, path, line_of(path, f"- url: {url}"), message)


def test_newest_source_over_two_years_old_is_a_warning(
    kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = template()
    old = TODAY - dt.timedelta(days=800)
    for source in data["sources"]:
        source["as_of"] = old
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 0
    message = f"warning: newest source is as of {old}, over two years ago: look for a current page"
    reported(out, path, line_of(path, "sources:"), message)
    assert len(out) == 1


def test_one_recent_source_is_enough(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = template()
    data["sources"][0]["as_of"] = TODAY - dt.timedelta(days=3000)
    write_entry(kdir, data)
    assert run_check(kdir, ldir, capsys) == (0, [])


def test_source_dated_in_the_future_is_an_error(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = template()
    future = TODAY + dt.timedelta(days=5)
    data["sources"][0]["as_of"] = future
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, path, line_of(path, "as_of:"), f"source as_of {future} lies in the future")


# ---------------------------------------------------------------- invent nothing


@pytest.mark.parametrize(
    ("number", "note"),
    [
        ("+49 30 9029-15036", "hotline (030) 9029-15036, 10-13 h"),
        ("030 902915036", "hotline +49 30 9029 15036"),
        ("+49 30 90269-4000", "Tel. 0049/30/90269-4000"),
        ("116 016", "the helpline 116016 is free"),
        ("115", "appointments via (030) 115 or online"),
    ],
)
def test_phone_written_differently_in_the_note_passes(
    kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str], number: str, note: str
) -> None:
    data = with_note(template(), note)
    data["phones"] = [{"number": number, "purpose": "general"}]
    data["appointment"].pop("phone", None)
    write_entry(kdir, data)
    assert run_check(kdir, ldir, capsys) == (0, [])


def test_phone_in_no_note_is_an_error_at_its_line(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = template()
    data["phones"].append({"number": "+49 30 1234567", "purpose": "hotline"})
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, path, line_of(path, "- number: +49 30 1234567"), "phone +49 30 1234567 appears in no source note")


def test_a_longer_number_does_not_cover_a_part_of_it(
    kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = with_note(template(), "fax 030 9029-16211; appointments 115")
    data["phones"].append({"number": "+49 30 9029-1621", "purpose": "general"})
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, path, line_of(path, "- number: +49 30 9029-1621"), "phone +49 30 9029-1621 appears in no source note")


def test_appointment_phone_is_checked_too(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = template()
    data["appointment"]["phone"] = "+49 30 7654321"
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    line = line_of(path, "phone: +49 30 7654321")
    reported(out, path, line, "phone +49 30 7654321 appears in no source note")


def test_email_is_compared_ignoring_case(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = with_note(template(), "phone 115, e-mail Buergeramt@BA-Mitte.Berlin.de")
    data["email"] = "buergeramt@ba-mitte.berlin.de"
    write_entry(kdir, data)
    assert run_check(kdir, ldir, capsys) == (0, [])
    data["email"] = "info@ba-mitte.berlin.de"
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, path, line_of(path, "email:"), "e-mail info@ba-mitte.berlin.de appears in no source note")


def test_street_and_postcode_must_be_in_a_note(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = with_note(template(), "phone 115; address Karl-Marx-Allee 31, 10178 Berlin (Rathaus Mitte)")
    data["address"] = {"address_1": "Rathaus Mitte, Karl-Marx-Allee 31", "postal_code": "10178"}
    write_entry(kdir, data)
    assert run_check(kdir, ldir, capsys) == (0, [])
    data["address"] = {"address_1": "Karl-Marx-Allee 33 (8. Etage)", "postal_code": "10179"}
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, path, line_of(path, "address_1:"), "address Karl-Marx-Allee 33 (8. Etage) appears in no source note")
    reported(out, path, line_of(path, "postal_code:"), "postcode 10179 appears in no source note")


@pytest.mark.parametrize("written", ["Wilmersdorfer Str. 46", "wilmersdorfer strasse 46", "Wilmersdorfer Straße  46"])
def test_street_forms_are_normalised(
    kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    data = with_note(template(), f"phone 115; the office is at {written}.")
    data["address"] = {"address_1": "Wilmersdorfer Straße 46"}
    write_entry(kdir, data)
    assert run_check(kdir, ldir, capsys) == (0, [])


def test_phone_digits_ignore_formatting_and_prefixes() -> None:
    assert phone_digits("+49 (0)30 / 9029-15036") == phone_digits("030 902915036") == "30902915036"
    assert phone_digits("0049 30 115") == phone_digits("(030) 115") == "30115"
    assert phone_digits("115") == "115"


# ---------------------------------------------------------------- summary limit and YAML hints


def test_summary_over_500_characters_is_an_error(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = template()
    data["translations"]["en"]["summary"] = "x" * 500
    write_entry(kdir, data)
    assert run_check(kdir, ldir, capsys) == (0, [])
    data["translations"]["en"]["summary"] = "x" * 501
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    line = line_of(path, "summary:", after=line_of(path, "en:"))
    reported(out, path, line, "summary in 'en' has 501 characters (max 500)")


@pytest.mark.parametrize(
    ("after", "bad_line", "hint"),
    [
        ("organization:", "organization: Bürgeramt: Mitte", "a colon inside the text: put the text in quotes"),
        ("address:", "\taddress_1: Karl-Marx-Allee 31", "indent with spaces, not tabs"),
        ("address:", "   postal_code: '10178'", "indent nested lines by two spaces"),
        ("address:", " postal_code: '10178'", "indent nested lines by two spaces"),
        ("organization:", 'organization: "Bürgeramt Mitte', "the quote opened on line"),
    ],
    ids=["colon", "tab", "too-deep", "too-shallow", "unclosed-quote"],
)
def test_yaml_syntax_errors_come_with_a_plain_hint(
    kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str], after: str, bad_line: str, hint: str
) -> None:
    data = template()
    data["address"] = {"address_1": "Karl-Marx-Allee 31", "postal_code": "10178"}
    path = write_entry(kdir, data)
    lines = path.read_text(encoding="utf-8").splitlines()
    number = line_of(path, after)
    if after == "address:":
        number += 1 if bad_line.strip().startswith("address_1") else 2
    lines[number - 1] = bad_line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    problem = next(line for line in out if line.startswith(f"{path}:"))
    assert problem.split(": ", 1)[1].startswith(hint), problem
    assert "(invalid YAML: " in problem


# ---------------------------------------------------------------- the card


def _card(kdir: Path, lang: str) -> str:
    result = load_knowledge(kdir)
    assert result.knowledge is not None, result.problems
    locales, _ = load_locales(REAL_LOCALES)
    assert locales is not None
    entry = result.knowledge.active[0]
    return render_card(entry, result.knowledge, locales, lang, NOW)


def test_card_shows_information_date_and_no_checker_without_verified(kdir: Path) -> None:
    data = template()
    data["sources"][0]["as_of"] = dt.date(2025, 3, 1)
    data["sources"][1]["as_of"] = dt.date(2026, 1, 15)
    write_entry(kdir, data)
    card = _card(kdir, "en")
    assert "Information as of 15 January 2026" in card  # in words, never an ISO date
    assert "Checked by" not in card and "Last checked" not in card


def test_card_shows_who_checked_it_when_verified(kdir: Path) -> None:
    data = template()
    data["verified"] = {"by": "Integrationsbüro Mitte", "on": TODAY - dt.timedelta(days=2)}
    write_entry(kdir, data)
    day = TODAY - dt.timedelta(days=2)
    locales, _ = load_locales(REAL_LOCALES)
    assert locales is not None
    assert f"Checked by Integrationsbüro Mitte on {format_date(day, 'en', locales)}" in _card(kdir, "en")
    assert f"Geprüft von Integrationsbüro Mitte am {format_date(day, 'de', locales)}" in _card(kdir, "de")
    arabic = _card(kdir, "ar")
    assert f"{LRI}Integrationsbüro Mitte{PDI}" in arabic and day.isoformat() not in arabic


def test_checked_lines_exist_in_every_locale() -> None:
    locales, _ = load_locales(REAL_LOCALES)
    assert locales is not None
    for lang in locales.languages:
        assert "{date}" in locales.strings[lang]["card.as_of"]
        assert "{by}" in locales.strings[lang]["card.verified"] and "{date}" in locales.strings[lang]["card.verified"]


def test_verified_in_the_future_is_an_error(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = template()
    future = TODAY + dt.timedelta(days=3)
    data["verified"] = {"by": "Integrationsbüro Mitte", "on": future}
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, path, line_of(path, "'on':"), f"verified on {future}, a date in the future")


def test_template_is_clean(kdir: Path) -> None:
    assert load_knowledge(kdir).problems == []
    assert entry_path(kdir).exists()
