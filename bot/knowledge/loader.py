"""Read knowledge/ into a KnowledgeBase, collecting every problem as `path:line: message`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from bot.matching.normalize import normalise

from . import checks
from .coverage import coverage_warnings
from .directory_loader import ORGANISATIONS_FOLDER, load_directory
from .model import KnowledgeBase
from .problems import Problem, errors
from .schema import Entry, Intents, Postcodes
from .vocabulary_loader import VOCABULARY_FILE, load_vocabulary
from .yamlfile import pydantic_message as _pydantic_message
from .yamlfile import read_yaml as _read
from .yamlpos import Positions

ENTRY_FOLDERS = ("berlin", "charlottenburg-wilmersdorf", "mitte")


@dataclass(frozen=True)
class LoadResult:
    knowledge: KnowledgeBase | None  # None when there is any error
    problems: list[Problem]


def _load_mapping(path: Path, key: str, problems: list[Problem]) -> dict[str, str]:
    parsed = _read(path, problems)
    if parsed is None:
        return {}
    data, _ = parsed
    if not isinstance(data, dict) or not isinstance(data.get(key), dict):
        problems.append(Problem(str(path), 1, f"expected a mapping under '{key}:'"))
        return {}
    return {str(k): str(v) for k, v in data[key].items()}


def load_entry(path: Path, topics: dict[str, str], today: dt.date, problems: list[Problem]) -> Entry | None:
    parsed = _read(path, problems)
    if parsed is None:
        return None
    data, positions = parsed
    if not isinstance(data, dict):
        problems.append(Problem(str(path), 1, "an entry must be a mapping of fields (id:, status:, ...)"))
        return None
    try:
        entry = Entry.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            problems.append(Problem(str(path), positions.line_of(loc), _pydantic_message(err)))
        return None
    found = list(checks.check_entry(entry, path.stem, topics, today))
    for loc, message, severity in found:
        problems.append(Problem(str(path), positions.line_of(loc), message, severity))  # type: ignore[arg-type]
    return entry if not any(sev == "error" for _, _, sev in found) else None


def entry_files(directory: Path) -> list[Path]:
    files: list[Path] = []
    for folder in ENTRY_FOLDERS:
        files.extend(sorted((directory / folder).glob("*.yaml")))
        files.extend(sorted((directory / folder).glob("*.yml")))
    return files


def load_knowledge(directory: Path, today: dt.date | None = None) -> LoadResult:
    today = today or dt.date.today()
    problems: list[Problem] = []
    if not directory.is_dir():
        return LoadResult(None, [Problem(str(directory), 1, "knowledge folder not found")])
    topics = _load_mapping(directory / "topics.yaml", "topics", problems)
    names = _load_mapping(directory / "languages.yaml", "languages", problems)
    entries: list[Entry] = []
    first_seen: dict[str, str] = {}
    for path in entry_files(directory):
        entry = load_entry(path, topics, today, problems)
        if entry is None:
            continue
        if entry.id in first_seen:
            problems.append(Problem(str(path), 1, f"duplicate id {entry.id!r}, also in {first_seen[entry.id]}"))
            continue
        first_seen[entry.id] = str(path)
        entries.append(entry)
    if not entries and not errors(problems):
        problems.append(Problem(str(directory), 1, "no entries found (expected <folder>/<id>.yaml)"))
    intents = _load_intents(directory / "intents.yaml", first_seen, problems)
    postcodes = _load_postcodes(directory / "postcodes.yaml", problems)
    problems.extend(coverage_warnings(entries, first_seen, directory))
    vocabulary = load_vocabulary(directory / ORGANISATIONS_FOLDER / VOCABULARY_FILE, problems)
    organisations, events = load_directory(directory, {e.id: e for e in entries}, today, problems, vocabulary)
    problems.sort(key=lambda p: (p.path, p.line))
    if errors(problems) or vocabulary is None:
        return LoadResult(None, problems)
    kb = KnowledgeBase(tuple(entries), topics, names, intents, postcodes, organisations, events, vocabulary)
    return LoadResult(kb, problems)


M = TypeVar("M", bound=BaseModel)


def _optional_file(path: Path, model: type[M], problems: list[Problem]) -> tuple[M, Positions] | None:
    """An optional side file (intents, postcodes) validated against its model; None if absent or broken."""
    if not path.exists():
        return None
    parsed = _read(path, problems)
    if parsed is None:
        return None
    data, positions = parsed
    try:
        return model.model_validate(data or {}), positions
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(Problem(str(path), positions.line_of(tuple(err["loc"])), _pydantic_message(err)))
        return None


def _load_postcodes(path: Path, problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    loaded = _optional_file(path, Postcodes, problems)
    if loaded is None:
        return {}
    table, positions = loaded
    for code in table.postcodes:
        if not (code.isdigit() and len(code) == 5 and code[:2] in ("10", "12", "13", "14")):
            line = positions.line_of(("postcodes", code))
            problems.append(Problem(str(path), line, f"{code!r} is not a Berlin postcode"))
    return {code: tuple(districts) for code, districts in table.postcodes.items()}


def _check_domains(intents: Intents, positions: Positions, path: str, problems: list[Problem]) -> None:
    """Each `complex.domains` phrase says something and belongs to one domain: a phrase in two domains
    would count one problem twice toward the domains that make a case complex."""
    owner: dict[str, str] = {}
    for name, phrases in intents.complex.domains.items():
        for index, phrase in enumerate(phrases):
            key = normalise(phrase.rstrip("*"))
            line = positions.line_of(("complex", "domains", name, index))
            if not key:
                problems.append(Problem(path, line, f"phrase {phrase!r} in domain {name!r} has no words"))
            elif owner.setdefault(key, name) != name:
                problems.append(Problem(path, line, f"phrase {phrase!r} is in domains {owner[key]!r} and {name!r}"))
    for index, phrase in enumerate(intents.complex.overwhelmed):
        if not normalise(phrase):
            line = positions.line_of(("complex", "overwhelmed", index))
            problems.append(Problem(path, line, f"phrase {phrase!r} in overwhelmed has no words"))


def _load_intents(path: Path, known_ids: dict[str, str], problems: list[Problem]) -> Intents:
    loaded = _optional_file(path, Intents, problems)
    if loaded is None:
        return Intents()
    intents, positions = loaded
    for name, intent in intents.emergency.items():
        for index, entry_id in enumerate(intent.prefer):
            if entry_id not in known_ids:
                line = positions.line_of(("emergency", name, "prefer", index))
                problems.append(Problem(str(path), line, f"unknown entry id {entry_id!r} in prefer"))
    _check_domains(intents, positions, str(path), problems)
    for name, situation in intents.situations.items():
        for index, entry_id in enumerate(situation.answer):
            if entry_id not in known_ids:
                line = positions.line_of(("situations", name, "answer", index))
                problems.append(Problem(str(path), line, f"unknown entry id {entry_id!r} in answer"))
    for field in ("urgent_legal_help", "speaker_office"):
        for index, entry_id in enumerate(getattr(intents, field)):
            if entry_id not in known_ids:
                line = positions.line_of((field, index))
                problems.append(Problem(str(path), line, f"unknown entry id {entry_id!r} in {field}"))
    return intents
