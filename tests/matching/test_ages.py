"""Ages a message tells rule out services for other ages (bot/matching/ages.py, `ages` in the entries).
Sentences written for this test, not taken from any measured set."""

from __future__ import annotations

from pathlib import Path

import pytest
from kbkit import line_of, run_check, template, write_entry

from bot.knowledge.schema import Ages
from bot.matching import Matcher
from bot.matching.ages import ruled_out, stated_ages


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("meine tochter ist 2 jahre alt und braucht einen platz", (2,)),
        ("ich bin 19 und neu hier", (19,)),
        ("I'm 52 and cannot find any job", (52,)),
        ("мне 45, дочке 7", (45, 7)),
        ("мені 24, приїхала сама", (24,)),
        ("oglum 3 yasinda", (3,)),
        ("عمري ١٩ وما بعرف شي", (19,)),
        ("3omri 20 w jdid hon", (20,)),
        ("پسرم ۲ سالشه", (2,)),
        ("پسرم دو سالشه و من کلاس دارم", (2,)),
        ("dokhtaram se salashe", (3,)),
        ("dokhtaram 4 salashe", (4,)),
        ("my baby is 5 months old", (0,)),
    ],
)
def test_the_forms_that_tell_an_age(text: str, ages: tuple[int, ...]) -> None:
    assert sorted(stated_ages(text)) == sorted(ages)


@pytest.mark.parametrize(
    "text",
    [
        "ich bin 3 jahre hier und suche arbeit",  # a duration
        "25 років стажу бухгалтером",  # years of experience
        "2 sal ast inja astim",  # "we have been here 2 years"
        "ich bin 2024 gekommen",  # a year
        "wir wohnen im 2 stock",  # a floor
    ],
)
def test_durations_years_and_floors_are_no_ages(text: str) -> None:
    assert stated_ages(text) == ()


def test_an_entry_is_ruled_out_only_when_no_told_age_fits(real_matcher: Matcher) -> None:
    active = real_matcher.kb.active
    assert "jugendberufsagentur-berlin" in ruled_out(active, (52,))
    assert "jugendberufsagentur-berlin" not in ruled_out(active, (52, 19))  # "I'm 52, my son is 19"
    assert ruled_out(active, ()) == set()
    assert "willkommensklassen-berlin" in ruled_out(active, (2,))


@pytest.mark.parametrize(
    ("lang", "text", "not_first"),
    [
        ("en", "i'm 52, worked 25 years as an accountant, now no job here, where do i start",
         "jugendberufsagentur-berlin"),
        ("fa", "pesaram 3 salashe, mikham bere pish bache haye dige ta man boram kelas", "willkommensklassen-berlin"),
    ],
)
def test_the_decision_leaves_out_services_for_other_ages(
    real_matcher: Matcher, lang: str, text: str, not_first: str
) -> None:
    decision = real_matcher.match(text, lang)
    assert not_first not in {c.entry.id for c in decision.candidates}, (text, decision.best)


def test_ages_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="above max"):
        Ages(min=30, max=20)
    assert Ages(max=24).admits(0) and not Ages(max=24).admits(25)


def test_unordered_ages_are_reported_with_their_line(
    kdir: Path, ldir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = template()
    data["ages"] = {"min": 30, "max": 20}
    path = write_entry(kdir, data)
    code, out = run_check(kdir, ldir, capsys)
    assert code == 1
    assert any(line.startswith(f"{path}:{line_of(path, 'ages:')}:") and "above max" in line for line in out), out
