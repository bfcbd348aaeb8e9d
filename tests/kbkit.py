"""Knowledge-check test kit: a valid knowledge folder with one entry (`kdir`), test locales (`ldir`), and
helpers to write entries and read `kb check` output. A pytest plugin (tests/conftest.py), so both
knowledge test modules get the fixtures."""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.cli import main
from bot.i18n import load_locales
from bot.knowledge.problems import errors
from bot.languages import RTL, SUPPORTED

REPO = Path(__file__).resolve().parent.parent
REAL_KNOWLEDGE = REPO / "knowledge"
REAL_LOCALES = REPO / "locales"
TEMPLATE = REAL_KNOWLEDGE / "berlin" / "anmeldung-wohnung-berlin.yaml"
ENTRY_ID = "anmeldung-wohnung-berlin"
TODAY = dt.date.today()
PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<message>.*)$")

# Appended to every locale file, so the locale tests know one key with a placeholder and its line.
LOCALE_TEST_BLOCK = 'kbtest:\n  welcome: "Welcome, {name}!"\n'
LOCALE_NAMES = {
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "uk": "Українська",
    "ru": "Русский",
    "tr": "Türkçe",
    "fa": "فارسی",
}


# ---------------------------------------------------------------- helpers


def template() -> dict[str, Any]:
    """A valid entry derived from the real Anmeldung entry, checked recently."""
    data: dict[str, Any] = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["assured_date"] = TODAY - dt.timedelta(days=30)
    for source in data["sources"]:
        source["as_of"] = TODAY - dt.timedelta(days=30)
    return data


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)


def write_entry(kdir: Path, data: dict[str, Any], folder: str = "berlin", name: str | None = None) -> Path:
    path = kdir / folder / f"{name or data['id']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(data), encoding="utf-8")
    return path


def line_of(path: Path, startswith: str, after: int = 0) -> int:
    """1-based number of the first line (after line `after`) whose stripped text starts with `startswith`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if number > after and line.strip().startswith(startswith):
            return number
    raise AssertionError(f"{startswith!r} not found in {path}")


def run_check(kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["kb", "check", str(kdir), "--locales", str(ldir)])
    out = capsys.readouterr().out
    return code, [line for line in out.splitlines() if line.strip()]


def reported(lines: list[str], path: Path, line: int, message: str, *, prefix: bool = False) -> None:
    """Assert that `path:line: message` was printed: the path ends with the file, the line and text match."""
    suffix = f"{path.parent.name}/{path.name}"
    candidates = []
    for text in lines:
        match = PROBLEM_LINE.match(text)
        assert match, f"not a `path:line: message` line: {text!r}"
        if not match["path"].endswith(suffix):
            continue
        candidates.append(text)
        got = match["message"]
        if (got.startswith(message) if prefix else got == message) and int(match["line"]) == line:
            assert match["path"] == str(path)
            return
    raise AssertionError(f"expected {suffix}:{line}: {message!r}; lines for that file: {candidates or lines}")


def _real_locales_usable() -> bool:
    if not all((REAL_LOCALES / f"{lang}.yaml").exists() for lang in SUPPORTED):
        return False
    locales, problems = load_locales(REAL_LOCALES)
    return locales is not None and not errors(problems)


def write_locales(ldir: Path) -> None:
    """The real locales if all seven exist and are valid, else minimal ones; plus the `kbtest` block."""
    ldir.mkdir(parents=True, exist_ok=True)
    real = _real_locales_usable()
    for lang in SUPPORTED:
        target = ldir / f"{lang}.yaml"
        if real:
            text = (REAL_LOCALES / f"{lang}.yaml").read_text(encoding="utf-8")
            text = text if text.endswith("\n") else text + "\n"
        else:
            direction = "rtl" if lang in RTL else "ltr"
            text = f'meta:\n  name: "{LOCALE_NAMES[lang]}"\n  direction: {direction}\n'
        target.write_text(text + LOCALE_TEST_BLOCK, encoding="utf-8")


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    """A valid knowledge folder: real topics.yaml and languages.yaml, one entry (no intents.yaml)."""
    directory = tmp_path / "knowledge"
    directory.mkdir()
    for name in ("topics.yaml", "languages.yaml"):
        shutil.copy(REAL_KNOWLEDGE / name, directory / name)
    for folder in ("berlin", "charlottenburg-wilmersdorf", "mitte"):
        (directory / folder).mkdir()
    write_entry(directory, template())
    return directory


@pytest.fixture
def ldir(tmp_path: Path) -> Path:
    directory = tmp_path / "locales"
    write_locales(directory)
    return directory


def entry_path(kdir: Path) -> Path:
    return kdir / "berlin" / f"{ENTRY_ID}.yaml"


