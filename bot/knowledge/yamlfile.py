"""Read one editor's YAML file and turn pydantic errors into `path:line: message` problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .problems import Problem
from .yamlpos import Positions, YamlSyntaxError, parse


def read_yaml(path: Path, problems: list[Problem]) -> tuple[Any, Positions] | None:
    """The document and its key positions, or None after recording why it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(str(path), 1, f"cannot read file: {exc}"))
        return None
    try:
        return parse(text)
    except YamlSyntaxError as exc:
        problems.append(Problem(str(path), exc.line, exc.message))
        return None


def pydantic_message(err: Any) -> str:
    loc = ".".join(str(part) for part in err["loc"])
    kind = err["type"]
    if kind == "missing":
        return f"missing required field '{loc}'"
    if kind == "extra_forbidden":
        return f"unknown field '{loc}' (a typo?)"
    if kind == "too_short":
        wanted = err.get("ctx", {}).get("min_length")
        return f"'{loc}' needs at least {wanted} item(s)" if wanted else f"'{loc}': {err['msg']}"
    return f"'{loc}': {err['msg']}" if loc else err["msg"]


def validation_problems(path: Path, exc: ValidationError, positions: Positions) -> list[Problem]:
    return [Problem(str(path), positions.line_of(tuple(err["loc"])), pydantic_message(err)) for err in exc.errors()]
