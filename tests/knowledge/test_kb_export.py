"""`wegweiser kb export` and `kb stats` on the real knowledge/ folder (never skipped: errors there fail here)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.cli import main
from bot.languages import SUPPORTED

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO / "knowledge"
MIN_ACTIVE = 60
TEXT_FIELDS = ("translation", "title", "summary", "questions", "keywords")
FACT_FIELDS = ("id", "status", "topics", "districts", "sources", "assured_date", "translations", "texts")


@pytest.fixture(scope="module")
def exported() -> dict[str, Any]:
    # capsys is function-scoped; a module fixture redirects by hand so the export runs once.
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["kb", "export", str(KNOWLEDGE), "--format", "json"])
    assert code == 0, f"kb export failed:\n{err.getvalue()}"
    data = json.loads(out.getvalue())
    assert isinstance(data, dict)
    return data


def _active(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in data["entries"] if e["status"] == "active"]


def test_export_is_json_with_entries(exported: dict[str, Any]) -> None:
    assert isinstance(exported["entries"], list)
    assert exported["entries"]
    ids = [e["id"] for e in exported["entries"]]
    assert len(ids) == len(set(ids)), "ids must be unique"


def test_every_entry_has_its_facts(exported: dict[str, Any]) -> None:
    for entry in exported["entries"]:
        missing = [field for field in FACT_FIELDS if field not in entry]
        assert not missing, f"{entry.get('id')}: missing {missing}"
        assert entry["status"] in ("active", "inactive")
        assert entry["topics"] and entry["districts"]
        assert isinstance(entry["assured_date"], str) and len(entry["assured_date"]) == 10


def test_every_entry_has_all_seven_translations(exported: dict[str, Any]) -> None:
    for entry in exported["entries"]:
        assert set(entry["translations"]) == set(SUPPORTED), entry["id"]
        for lang in SUPPORTED:
            texts = entry["translations"][lang]
            missing = [field for field in TEXT_FIELDS if field not in texts]
            assert not missing, f"{entry['id']} [{lang}]: missing {missing}"
            assert texts["translation"] in ("reviewed", "machine")
            assert texts["title"].strip() and texts["summary"].strip()
            assert len(texts["questions"]) >= 4, f"{entry['id']} [{lang}]"
            assert texts["keywords"], f"{entry['id']} [{lang}]"


def test_every_entry_has_match_texts_per_language(exported: dict[str, Any]) -> None:
    for entry in exported["entries"]:
        assert set(entry["texts"]) == set(SUPPORTED), entry["id"]
        for lang in SUPPORTED:
            texts = entry["texts"][lang]
            assert isinstance(texts, list) and all(isinstance(t, str) for t in texts)
            assert entry["translations"][lang]["title"] in texts


def test_at_least_sixty_active_entries(exported: dict[str, Any]) -> None:
    active = _active(exported)
    assert len(active) >= MIN_ACTIVE, f"only {len(active)} active entries, need {MIN_ACTIVE}"


def test_every_topic_is_covered_by_an_active_entry(exported: dict[str, Any]) -> None:
    topics = yaml.safe_load((KNOWLEDGE / "topics.yaml").read_text(encoding="utf-8"))["topics"]
    covered = {t for e in _active(exported) for t in e["topics"]}
    uncovered = sorted(set(topics) - covered)
    assert not uncovered, f"topics without an active entry: {uncovered}"


def test_every_entry_has_a_source(exported: dict[str, Any]) -> None:
    for entry in exported["entries"]:
        assert entry["sources"], entry["id"]
        for source in entry["sources"]:
            assert source["url"].startswith(("http://", "https://")), entry["id"]


def test_stats_prints_every_language(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["kb", "stats", str(KNOWLEDGE)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    table = captured.out
    assert "active entries" in table
    rows = {line.split()[0] for line in table.splitlines() if line.strip()}
    for lang in SUPPORTED:
        assert lang in rows, f"no row for {lang!r} in:\n{table}"
