"""`wegweiser report gaps`: unanswered questions grouped by similarity, per language and topic."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path

import pytest
from dbkit import Places

from bot.cli import main
from bot.matching import Matcher
from bot.reports import as_csv, group_gaps
from bot.storage import questions
from bot.storage.db import Database

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def matcher(real_matcher: Matcher) -> Matcher:
    return real_matcher


def test_similar_messages_form_one_group_most_frequent_first(matcher: Matcher) -> None:
    rows = [
        ("wo kann ich einen Hund anmelden", "de", "handoff", None),
        ("wo kann ich meinen Hund anmelden?", "de", "clarify", "none-of-these"),
        ("Hund anmelden wo", "de", "handoff", None),
        ("Fahrrad kaufen gebraucht", "de", "handoff", None),
        ("where can I register my dog", "en", "handoff", None),
    ]
    groups = group_gaps(rows, matcher)
    assert groups[0].count == 3
    assert groups[0].lang == "de"
    assert groups[0].reasons == {"handoff": 2, "none-of-these": 1}
    assert sorted(g.count for g in groups) == [1, 1, 3]
    assert {g.lang for g in groups} == {"de", "en"}


def test_csv_has_one_row_per_group(matcher: Matcher) -> None:
    rows = [("a, \"quoted\" text", "en", "handoff", None)]
    parsed = list(csv.reader(io.StringIO(as_csv(group_gaps(rows, matcher)))))
    assert parsed[0][:4] == ["count", "lang", "topic_guess", "reasons"]
    assert parsed[1][0] == "1" and parsed[1][4] == 'a, "quoted" text'


def test_cli_reads_only_unanswered_questions(where: Places, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    db_path = where("w.db")

    async def fill() -> None:
        db = await Database.open(db_path)
        await questions.log(db, 1, "de", "Hund anmelden wo", "handoff", "unknown", None)
        await questions.log(db, 2, "de", "Kindergeld beantragen", "answer", "service", "familienkasse")
        await questions.log(db, 3, "en", "hello", "handoff", "smalltalk", None)
        await db.close()

    asyncio.run(fill())
    monkeypatch.setenv("DATABASE_URL" if isinstance(db_path, str) else "DATABASE_PATH", str(db_path))
    monkeypatch.setenv("KNOWLEDGE_DIR", str(ROOT / "knowledge"))
    assert main(["report", "gaps", "--days", "7"]) == 0
    out = capsys.readouterr().out
    assert "Hund anmelden wo" in out
    assert "Kindergeld" not in out
    assert "hello" not in out
    assert "1 messages in 1 groups" in out
