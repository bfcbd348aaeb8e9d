"""`load_knowledge` and `wegweiser kb check`: every problem as `path:line: message`, nothing ever raises."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from kbkit import (
    ENTRY_ID,
    LOCALE_TEST_BLOCK,
    TODAY,
    entry_path,
    line_of,
    reported,
    run_check,
    template,
    write_entry,
)
from pydantic import ValidationError

from bot.cli import main
from bot.knowledge.loader import load_knowledge
from bot.knowledge.problems import errors

# ---------------------------------------------------------------- a valid folder


def test_valid_folder_exits_zero_and_prints_no_problem(
    kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["kb", "check", str(kdir), "--locales", str(ldir)])
    captured = capsys.readouterr()
    assert code == 0, captured.out
    assert captured.out.strip() == ""
    assert "ok: 1 active entries" in captured.err


def test_valid_folder_loads_into_an_immutable_knowledge_base(kdir: Path) -> None:
    result = load_knowledge(kdir)
    assert result.problems == []
    kb = result.knowledge
    assert kb is not None
    assert [e.id for e in kb.entries] == [ENTRY_ID]
    entry = kb.by_id[ENTRY_ID]
    assert entry.active and entry.topics == ("registration",)
    with pytest.raises(ValidationError):
        entry.status = "inactive"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        entry.translations["en"].title = "changed"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        entry.phones[0].number = "110"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        kb.entries = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        kb.by_id["other"] = entry  # type: ignore[index]
    assert isinstance(entry.topics, tuple)
    assert entry.status == "active"


# ---------------------------------------------------------------- one problem each


def test_bad_yaml_syntax_reports_the_line_of_the_error(
    kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = entry_path(kdir)
    lines = path.read_text(encoding="utf-8").splitlines()
    bad = line_of(path, "organization:")
    lines[bad - 1] = "organization: Bürgeramt: Mitte"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    hint = "a colon inside the text: put the text in quotes (invalid YAML: mapping values are not allowed"
    reported(out, path, bad, hint, prefix=True)


def test_unknown_topic(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = template()
    data["topics"] = ["registration", "space-travel"]
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, path, line_of(path, "- space-travel"), "unknown topic 'space-travel' (see topics.yaml)")


def test_duplicate_id_across_two_files(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = entry_path(kdir)
    data = template()
    data["districts"] = ["mitte"]
    second = write_entry(kdir, data, folder="mitte")
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    assert line_of(second, "id:") == 1
    reported(out, second, 1, f"duplicate id '{ENTRY_ID}', also in {first}")


def test_missing_translation_for_a_language(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = template()
    del data["translations"]["fa"]
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, path, line_of(path, "translations:"), "missing translation for language 'fa'")


def test_bad_opening_hours_in_schedules(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = template()
    data["schedules"] = [{"opening_hours": "Mo-Fr 08:00-16:00"}, {"opening_hours": "Mo-Fr 8 bis 16 Uhr"}]
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(
        out,
        path,
        line_of(path, "- opening_hours: Mo-Fr 8 bis 16 Uhr"),
        "opening hours 'Mo-Fr 8 bis 16 Uhr' are not valid OpenStreetMap opening_hours syntax (",
        prefix=True,
    )
    assert sum("opening hours" in line for line in out) == 1


def test_malformed_phone_number(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = template()
    data["phones"] = [{"number": "115", "purpose": "appointments"}, {"number": "030 12ab", "purpose": "general"}]
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, path, line_of(path, "- number: 030 12ab"), "malformed phone number '030 12ab'")


def test_malformed_url(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = template()
    data["website"] = "www.berlin.de/buergeramt"
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(
        out,
        path,
        line_of(path, "website:"),
        "malformed URL 'www.berlin.de/buergeramt' (must start with http:// or https://)",
    )


def test_unknown_field_is_reported_as_a_typo(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = template()
    data["adress"] = {"address_1": "Karl-Marx-Allee 31"}
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, path, line_of(path, "adress:"), "unknown field 'adress' (a typo?)")


def test_id_must_equal_the_file_name(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entry_path(kdir).unlink()
    path = write_entry(kdir, template(), name="anmeldung")
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, path, line_of(path, "id:"), f"id '{ENTRY_ID}' must equal the file name 'anmeldung'")


def test_stale_assured_date_is_a_warning_only(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = template()
    old = TODAY - dt.timedelta(days=400)
    data["assured_date"] = old
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 0
    reported(out, path, line_of(path, "assured_date:"), f"warning: facts last checked {old}, over 12 months ago")
    assert len(out) == 1


def test_future_assured_date_is_an_error(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = template()
    future = TODAY + dt.timedelta(days=10)
    data["assured_date"] = future
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, path, line_of(path, "assured_date:"), f"assured_date {future} lies in the future")


def test_scope_residents_needs_service_area(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = template()
    data["scope"] = "residents"
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, path, line_of(path, "scope:"), "scope 'residents' needs service_area (whose residents it serves)")


# ---------------------------------------------------------------- locales


def test_placeholder_mismatch_between_locales(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = ldir / "de.yaml"
    text = path.read_text(encoding="utf-8").replace('"Welcome, {name}!"', '"Willkommen, {nmae}!"')
    path.write_text(text, encoding="utf-8")
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    line = len(text.splitlines())  # the test block is the end of the file
    assert text.splitlines()[line - 1].strip().startswith("welcome:")
    reported(out, path, line, "placeholders of 'kbtest.welcome' are ['nmae'], en.yaml has ['name']")


def test_missing_locale_key(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = ldir / "tr.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.endswith(LOCALE_TEST_BLOCK)
    path.write_text(text[: -len(LOCALE_TEST_BLOCK)], encoding="utf-8")
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, path, 1, "missing key 'kbtest.welcome' (present in en.yaml)")


def test_wrong_text_direction(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = ldir / "fa.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = line_of(path, "direction:", after=line_of(path, "meta:") - 1)
    indent = lines[number - 1][: len(lines[number - 1]) - len(lines[number - 1].lstrip())]
    lines[number - 1] = f"{indent}direction: ltr"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, path, number, "meta.direction must be 'rtl' for 'fa'")


# ---------------------------------------------------------------- all at once, exit codes, bad input


def test_all_problems_are_reported_at_once(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = template()
    first["topics"] = ["registration", "space-travel"]
    first_path = write_entry(kdir, first)
    second = template()
    second["id"] = "anmeldung-mitte"
    second["districts"] = ["mitte"]
    second["website"] = "ftp://berlin.de/anmeldung"
    second_path = write_entry(kdir, second, folder="mitte")
    (ldir / "ar.yaml").write_text('meta:\n  name: "العربية"\n  direction: ltr\n' + LOCALE_TEST_BLOCK, encoding="utf-8")
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, first_path, line_of(first_path, "- space-travel"), "unknown topic 'space-travel' (see topics.yaml)")
    reported(
        out,
        second_path,
        line_of(second_path, "website:"),
        "malformed URL 'ftp://berlin.de/anmeldung' (must start with http:// or https://)",
    )
    reported(out, ldir / "ar.yaml", 3, "meta.direction must be 'rtl' for 'ar'")
    result = load_knowledge(kdir)
    assert result.knowledge is None
    assert len(errors(result.problems)) == 2


def test_exit_code_one_on_errors_and_zero_when_valid(
    kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_check(kdir, ldir, capsys)[0] == 0
    data = template()
    data["topics"] = ["nope"]
    write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    assert out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"- id: a-list\n- status: active\n", "an entry must be a mapping of fields (id:, status:, ...)"),
        (b"", "an entry must be a mapping of fields (id:, status:, ...)"),
        (b"# only a comment\n", "an entry must be a mapping of fields (id:, status:, ...)"),
        (b"just a string\n", "an entry must be a mapping of fields (id:, status:, ...)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe binary", "cannot read file: "),
        ("id: caf\xe9\n".encode("latin-1"), "cannot read file: "),
    ],
    ids=["list", "empty", "comment-only", "scalar", "binary", "latin-1"],
)
def test_bad_input_never_raises(
    kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = kdir / "mitte" / "broken.yaml"
    path.write_bytes(content)
    result = load_knowledge(kdir)
    assert result.knowledge is None
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    reported(out, path, 1, message, prefix=True)


@pytest.mark.parametrize(
    "content",
    [b"", b"- a\n- b\n", b"\xff\xfe\x00garbage", b"topics: [unclosed\n", b"topics: just text\n"],
    ids=["empty", "list", "binary", "syntax", "not-a-mapping"],
)
def test_bad_topics_file_never_raises(
    kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = kdir / "topics.yaml"
    path.write_bytes(content)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    assert any(line.startswith(f"{path}:") for line in out), out


@pytest.mark.parametrize(
    "content",
    [b"", b"- a\n- b\n", b"\xff\xfe\x00garbage", b"meta: [unclosed\n", b"meta:\n  name: 3\n  direction: ltr\n"],
    ids=["empty", "list", "binary", "syntax", "not-a-string"],
)
def test_bad_locale_file_never_raises(
    kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = ldir / "uk.yaml"
    path.write_bytes(content)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    assert any(line.startswith(f"{path}:") for line in out), out


def test_missing_folders_never_raise(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_check(tmp_path / "nowhere", tmp_path / "no-locales", capsys)
    assert code == 1
    reported(out, tmp_path / "nowhere", 1, "knowledge folder not found")
