"""Loading and `kb check` of knowledge/organisations and knowledge/events: `path:line: message` like services."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from dirkit import FIXTURE_TODAY, SERVICE_ID, add_directory, fixture, load, write
from kbkit import REAL_KNOWLEDGE, line_of, reported, run_check

from bot.knowledge.loader import load_knowledge
from bot.knowledge.problems import errors

ORG = "beispiel-afghanischer-kulturverein"
EVENT = "beispiel-sprachcafe"


def check(kdir: Path, today: dt.date = FIXTURE_TODAY) -> list[str]:
    return [str(p) for p in load_knowledge(kdir, today=today).problems]


def problem(kdir: Path, path: Path, line: int, message: str, today: dt.date = FIXTURE_TODAY) -> None:
    expected = f"{path}:{line}: {message}"
    found = check(kdir, today)
    assert expected in found, f"expected {expected!r}, got {found}"


# ---------------------------------------------------------------- loading


def test_fixtures_load_without_problems(kdir: Path) -> None:
    add_directory(kdir)
    assert check(kdir) == []
    kb = load(kdir)
    assert [o.id for o in kb.organisations] == [
        "beispiel-afghanischer-kulturverein", "beispiel-alter-verein", "beispiel-syrischer-verein",
        "beispiel-ukrainische-elterngruppe",
    ]  # fmt: skip
    assert {e.id for e in kb.events} == {"beispiel-berlinweit", "beispiel-dialog", "beispiel-sprachcafe"}
    assert (kdir / "organisations" / "README.md").exists()  # skipped, like any file that is not YAML


def test_missing_or_empty_folders_mean_no_organisations_and_no_error(kdir: Path) -> None:
    kb = load(kdir)
    assert kb.organisations == () and kb.events == ()
    (kdir / "organisations").mkdir()
    (kdir / "events").mkdir()
    (kdir / "events" / "notes.txt").write_text("not yaml: [", encoding="utf-8")
    assert check(kdir) == []


def test_the_real_knowledge_folder_loads() -> None:
    result = load_knowledge(REAL_KNOWLEDGE)
    assert not errors(result.problems), "\n".join(map(str, errors(result.problems)))


def test_broken_file_is_reported_and_the_cli_exits_1(
    kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_directory(kdir)
    data = fixture("organisations", ORG)
    data["themes"] = ["cooking"]
    path = write(kdir, "organisations", data)
    code, lines = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(lines, path, line_of(path, "- cooking"), "'themes.0': Input should be", prefix=True)


# ---------------------------------------------------------------- sources and facts


def test_source_without_as_of_is_an_error(kdir: Path) -> None:
    add_directory(kdir)
    data = fixture("organisations", ORG)
    del data["sources"][0]["as_of"]
    path = write(kdir, "organisations", data)
    url = "https://example.org/bak/impressum"
    message = f"source {url} has no as_of (the date the page states, or the date it was stored)"
    problem(kdir, path, line_of(path, "- url:"), message)


def test_old_sources_are_a_warning(kdir: Path) -> None:
    add_directory(kdir)
    path = kdir / "events" / "beispiel-dialog.yaml"
    today = dt.date(2029, 3, 1)
    message = "warning: newest source is as of 2026-11-20, over two years ago: look for a current page"
    problem(kdir, path, line_of(path, "sources:"), message, today)


@pytest.mark.parametrize(
    ("change", "startswith", "message"),
    [
        (lambda d: d["phones"][0].update(number="030 23125 999"), "- number:", "phone 030 23125 999"),
        (lambda d: d.update(email="info@example.org"), "email:", "e-mail info@example.org"),
        (
            lambda d: d["locations"][0]["address"].update(address_1="Erfundene Straße 1"),
            "address_1:",
            "address Erfundene Straße 1",
        ),
        (lambda d: d["locations"][0]["address"].update(postal_code="10117"), "postal_code:", "postcode 10117"),
    ],
)
def test_invent_nothing_for_organisations(kdir: Path, change: object, startswith: str, message: str) -> None:
    add_directory(kdir)
    data = fixture("organisations", ORG)
    change(data)  # type: ignore[operator]
    path = write(kdir, "organisations", data)
    problem(kdir, path, line_of(path, startswith), f"{message} appears in no source note")


def test_invent_nothing_for_an_event_address(kdir: Path) -> None:
    add_directory(kdir)
    data = fixture("events", "beispiel-dialog")
    data["place"]["address"]["address_1"] = "Probeallee 8"
    path = write(kdir, "events", data)
    problem(kdir, path, line_of(path, "address_1:"), "address Probeallee 8 appears in no source note")


def test_every_language_is_needed(kdir: Path) -> None:
    add_directory(kdir)
    data = fixture("events", EVENT)
    del data["translations"]["fa"]
    path = write(kdir, "events", data)
    problem(kdir, path, line_of(path, "translations:"), "missing translation for language 'fa'")


def test_ids_are_unique_across_organisations_events_and_services(kdir: Path) -> None:
    add_directory(kdir)
    data = fixture("events", "beispiel-dialog")
    data["id"] = ORG
    path = write(kdir, "events", data)
    found = check(kdir)
    assert f"{path}:1: duplicate id {ORG!r}, also used by {kdir / 'organisations' / (ORG + '.yaml')}" in found
    org = fixture("organisations", "beispiel-syrischer-verein")
    org["id"] = SERVICE_ID
    org_path = write(kdir, "organisations", org)
    assert f"{org_path}:1: duplicate id {SERVICE_ID!r}, also used by a service entry" in check(kdir)
