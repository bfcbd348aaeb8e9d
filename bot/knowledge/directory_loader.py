"""Read knowledge/organisations/*.yaml and knowledge/events/*.yaml beside the service entries.

A missing or empty folder means no organisations or events, not an error. README.md and other
files that are not YAML are skipped. Problems are `path:line: message`, like service entries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .directory_checks import check_event, check_organisation, check_references
from .directory_schema import Event, Organisation
from .problems import Problem
from .schema import Entry
from .sources import Finding
from .vocabulary import Vocabulary
from .vocabulary_loader import VOCABULARY_FILE, unknown_communities
from .yamlfile import read_yaml, validation_problems
from .yamlpos import Positions

ORGANISATIONS_FOLDER = "organisations"
EVENTS_FOLDER = "events"

M = TypeVar("M", bound=BaseModel)


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files of a folder in name order; none when the folder does not exist."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml") and p.name != VOCABULARY_FILE
    )


def _load(
    path: Path,
    model: type[M],
    check: Callable[[M, str, dt.date], Iterator[Finding]],
    today: dt.date,
    problems: list[Problem],
) -> tuple[M, Positions] | None:
    parsed = read_yaml(path, problems)
    if parsed is None:
        return None
    data, positions = parsed
    if not isinstance(data, dict):
        problems.append(Problem(str(path), 1, "expected a mapping of fields (id:, status:, ...)"))
        return None
    try:
        item = model.model_validate(data)
    except ValidationError as exc:
        problems.extend(validation_problems(path, exc, positions))
        return None
    found = list(check(item, path.stem, today))
    _record(path, positions, found, problems)
    return None if any(severity == "error" for _, _, severity in found) else (item, positions)


def _record(path: Path, positions: Positions, found: list[Finding], problems: list[Problem]) -> None:
    for loc, message, severity in found:
        problems.append(Problem(str(path), positions.line_of(loc), message, severity))  # type: ignore[arg-type]


def load_directory(
    directory: Path,
    entries: Mapping[str, Entry],
    today: dt.date,
    problems: list[Problem],
    vocabulary: Vocabulary | None = None,
) -> tuple[tuple[Organisation, ...], tuple[Event, ...]]:
    """Organisations and events of `directory` (knowledge/), checked against each other and `entries`;
    an organisation's communities against the community vocabulary (unless that could not be read)."""
    seen: dict[str, str] = {entry_id: "a service entry" for entry_id in entries}

    def unique(path: Path, item_id: str) -> bool:
        if item_id in seen:
            problems.append(Problem(str(path), 1, f"duplicate id {item_id!r}, also used by {seen[item_id]}"))
            return False
        seen[item_id] = str(path)
        return True

    organisations: list[Organisation] = []
    for path in yaml_files(directory / ORGANISATIONS_FOLDER):
        org = _load(path, Organisation, check_organisation, today, problems)
        if org is None:
            continue
        if vocabulary is not None:
            unknown: list[Finding] = [
                (("communities", i), message, "error")
                for i, message in unknown_communities(org[0].communities, vocabulary)
            ]
            _record(path, org[1], unknown, problems)
            if unknown:
                continue
        if unique(path, org[0].id):
            organisations.append(org[0])
    by_id = {org.id: org for org in organisations}
    events: list[Event] = []
    for path in yaml_files(directory / EVENTS_FOLDER):
        loaded = _load(path, Event, check_event, today, problems)
        if loaded is None:
            continue
        event, positions = loaded
        found = list(check_references(event, by_id, entries))
        _record(path, positions, found, problems)
        if not any(severity == "error" for _, _, severity in found) and unique(path, event.id):
            events.append(event)
    return tuple(organisations), tuple(events)
