"""The community vocabulary (knowledge/organisations/communities.yaml): loading, `path:line` problems, lookups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from dirkit import FIXTURE_TODAY, add_directory, fixture, load, write
from kbkit import REAL_KNOWLEDGE, dump

from bot.knowledge.loader import load_knowledge
from bot.knowledge.vocabulary import Vocabulary, VocabularyFile
from bot.matching.normalize import tokens

SEVEN = ("de", "en", "ar", "uk", "ru", "tr", "fa")


def words(*forms: str) -> dict[str, list[str]]:
    return {lang: list(forms) for lang in SEVEN}


def vocabulary_file(kdir: Path, data: dict[str, Any]) -> Path:
    path = kdir / "organisations" / "communities.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return path


def small() -> dict[str, Any]:
    return {
        "communities": {
            "afghan": words("afghan*"),
            "arab": words("arab*"),
            "syrian": {**words("syrisch*", "سوري*"), "broader": ["arab"]},
            "ukrainian": words("ukrain*"),
        },
        "themes": {"women": words("frau*")},
        "everyday": {"en": ["help"]},
    }


def check(kdir: Path) -> list[str]:
    return [str(p) for p in load_knowledge(kdir, today=FIXTURE_TODAY).problems]


def line_with(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


# ---------------------------------------------------------------- loading and kb check


def test_the_real_vocabulary_loads_and_covers_every_community_of_the_directory() -> None:
    kb = load(REAL_KNOWLEDGE, dt.date.today())
    used = {c for org in kb.organisations for c in org.communities}
    assert used and used <= set(kb.vocabulary.communities)
    for community in ("vietnamese", "eritrean", "ghanaian", "georgian", "crimean-tatar", "roma", "alevi", "yazidi"):
        assert community in kb.vocabulary.communities, community
    assert kb.vocabulary.broader("syrian") == {"arab"} and kb.vocabulary.broader("hazara") == {"afghan"}
    assert "syrian" in kb.vocabulary.narrower("arab")


def test_a_community_an_organisation_uses_must_be_in_the_vocabulary(kdir: Path) -> None:
    add_directory(kdir)
    data = fixture("organisations", "beispiel-syrischer-verein")
    data["communities"] = ["syrian", "syrain"]
    path = write(kdir, "organisations", data)
    line = line_with(path, "- syrain")  # the item itself
    message = "unknown community 'syrain': add it to organisations/communities.yaml (or fix the spelling)"
    assert f"{path}:{line}: {message}" in check(kdir)


def test_without_the_vocabulary_file_every_community_is_unknown(kdir: Path) -> None:
    add_directory(kdir)
    (kdir / "organisations" / "communities.yaml").unlink()
    assert any("unknown community 'afghan'" in p for p in check(kdir))


def test_the_vocabulary_file_is_not_read_as_an_organisation(kdir: Path) -> None:
    add_directory(kdir)
    vocabulary_file(kdir, small())
    kb = load(kdir)
    assert "communities" not in {o.id for o in kb.organisations}
    assert set(kb.vocabulary.communities) == {"afghan", "arab", "syrian", "ukrainian"}


@pytest.mark.parametrize(
    ("change", "marker", "message"),
    [
        (lambda d: d["communities"]["syrian"].update(broader=["levantine"]), "- levantine",
         "broader community 'levantine' is not in this file"),
        (lambda d: d["communities"]["ukrainian"]["de"].append("arab*"), "- arab*",
         "'arab*' also names community 'arab': one word, one community"),
        (lambda d: d["communities"]["afghan"]["en"].append("af*"), "- af*",
         "'af*': a stem with '*' needs at least 3 letters, or it matches unrelated words"),
        (lambda d: d["communities"]["afghan"]["en"].append("af*gh"), "- af*gh",
         "'af*gh': '*' only at the end of a word"),
        (lambda d: d["themes"]["women"]["tr"].append("?!"), "- ?!", "'?!' has no letters"),
        (lambda d: d["communities"]["afghan"].pop("fa"), "afghan:", "missing required field 'communities.afghan.fa'"),
        (lambda d: d["communities"].update(Kurdish=words("kurd*")), "Kurdish:",
         "community id 'Kurdish' must be lowercase English words joined by '-'"),
        (lambda d: d["communities"]["afghan"].update(languages=["Dari"]), "- Dari",
         "'Dari' is not an ISO 639-1 language code"),
        (lambda d: d["communities"]["arab"].update(broader=["syrian"]), "arab:",
         "broader communities of 'arab' lead back to it"),
    ],
)
def test_vocabulary_problems_name_file_and_line(kdir: Path, change: Any, marker: str, message: str) -> None:
    add_directory(kdir)
    data = small()
    change(data)
    path = vocabulary_file(kdir, data)
    lines = path.read_text(encoding="utf-8").splitlines()
    if marker == "- arab*":  # the second one, under ukrainian
        line = max(n for n, text in enumerate(lines, 1) if text.strip() == marker)
    else:
        line = next(n for n, text in enumerate(lines, 1) if text.strip() == marker or text.strip().startswith(marker))
    found = check(kdir)
    assert any(p.endswith(message) and p.startswith(f"{path}:") for p in found), found
    assert f"{path}:{line}: {message}" in found or marker in ("afghan:", "arab:"), found
    assert load_knowledge(kdir, today=FIXTURE_TODAY).knowledge is None


# ---------------------------------------------------------------- lookups


@pytest.fixture(scope="module")
def real() -> Vocabulary:
    data = yaml.safe_load((REAL_KNOWLEDGE / "organisations" / "communities.yaml").read_text(encoding="utf-8"))
    return Vocabulary.from_file(VocabularyFile.model_validate(data))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("syrische Vereine", {"syrian"}),
        ("هل توجد جمعيات للسوريين", {"syrian"}),  # a joined particle: لل + سوريين
        ("jam3iya souriya", {"syrian"}),
        ("fi jam3iya 3ira2iya", {"iraqi"}),
        ("anjoman afghanestani", {"afghan"}),
        ("انجمن افغان‌ها", {"afghan"}),
        ("українська громада", {"ukrainian"}),
        ("ukrainskaya obshchina", {"ukrainian"}),
        ("gruzinskaya diaspora", {"georgian"}),
        ("Türkmen derneği", {"turkmen"}),  # the longer stem wins over "türk*"
        ("Türk derneği", {"turkish"}),
        ("крымские татары", {"crimean-tatar"}),
        ("afro-deutsche Community", {"afro-german"}),
        ("Russian-speaking queer group", {"russian-speaking", "lgbtiq"}),
        ("serbest zaman grubu", set()),  # Turkish "free": not Serbian
        ("Schwarzarbeit Verein", set()),
        ("Verein für Kultur", set()),
    ],
)
def test_communities_named_in_any_script(real: Vocabulary, text: str, expected: set[str]) -> None:
    assert real.communities_in(tokens(text)).labels == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Frauengruppe", {"women"}),
        ("جمعية للنساء", {"women"}),
        ("molodezhnaya organizaciya", {"youth"}),
        ("група для мам", {"women"}),
        ("Muttersprache", {"language"}),  # the longer stem: not "mutter*" (women)
        ("football club", {"sport"}),
        ("کلاس زبان", {"language"}),
    ],
)
def test_theme_words(real: Vocabulary, text: str, expected: set[str]) -> None:
    assert real.themes_in(tokens(text)).labels == expected


def test_everyday_words_in_seven_languages(real: Vocabulary) -> None:
    for text in ("children learn", "Kinder lernen", "اطفال نتعلم", "діти вчаться", "дети учатся", "çocuklar öğrenmek",
                 "بچه‌ها یاد بگیرند"):
        words_ = tokens(text)
        assert real.everyday_in(words_) == frozenset(range(len(words_))), text
