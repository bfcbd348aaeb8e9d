"""Locale strings per language, with placeholder checks and text direction."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bot.knowledge.problems import Problem, errors
from bot.knowledge.yamlpos import Positions, YamlSyntaxError, parse
from bot.languages import DEFAULT, RTL, SUPPORTED

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
REFERENCE = "en"

# Unicode directional isolates: keep Latin addresses, numbers and URLs intact inside RTL text.
LRI, PDI = "\u2066", "\u2069"


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


class _Keep(dict[str, Any]):
    """format_map helper: an unknown placeholder stays visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Locales:
    strings: Mapping[str, Mapping[str, str]]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang in SUPPORTED if lang in self.strings)

    def t(self, lang: str, key: str, **values: object) -> str:
        table = self.strings.get(lang) or self.strings[DEFAULT]
        text = table.get(key)
        if text is None:
            text = self.strings[DEFAULT].get(key, key)
        return text.format_map(_Keep(values)) if values else text

    def name(self, lang: str) -> str:
        return self.t(lang, "meta.name")

    def is_rtl(self, lang: str) -> bool:
        return self.t(lang, "meta.direction") == "rtl"


def isolate(text: str, lang: str) -> str:
    """Wrap left-to-right fragments so they render correctly inside Arabic or Persian text."""
    return f"{LRI}{text}{PDI}" if lang in RTL else text


def _locale_file(directory: Path, lang: str) -> Path:
    return directory / f"{lang}.yaml"


def load_locales(directory: Path) -> tuple[Locales | None, list[Problem]]:
    problems: list[Problem] = []
    tables: dict[str, dict[str, str]] = {}
    lines: dict[str, Positions] = {}
    for lang in SUPPORTED:
        path = _locale_file(directory, lang)
        if not path.exists():
            problems.append(Problem(str(path), 1, f"missing locale file for language {lang!r}"))
            continue
        try:
            data, positions = parse(path.read_text(encoding="utf-8"))
        except YamlSyntaxError as exc:
            problems.append(Problem(str(path), exc.line, exc.message))
            continue
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(str(path), 1, f"cannot read file: {exc}"))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(str(path), 1, "a locale file must be a mapping of keys to strings"))
            continue
        flat = _flatten(data)
        for key, value in flat.items():
            if not isinstance(value, str) or not value.strip():
                line = positions.line_of(tuple(key.split(".")))
                problems.append(Problem(str(path), line, f"'{key}' must be a non-empty string"))
        tables[lang] = {k: v for k, v in flat.items() if isinstance(v, str)}
        lines[lang] = positions
        direction = tables[lang].get("meta.direction")
        expected = "rtl" if lang in RTL else "ltr"
        if direction != expected:
            line = positions.line_of(("meta", "direction"))
            problems.append(Problem(str(path), line, f"meta.direction must be '{expected}' for {lang!r}"))
    problems.extend(_compare(directory, tables, lines))
    if errors(problems) or REFERENCE not in tables:
        return None, problems
    frozen = {lang: MappingProxyType(table) for lang, table in tables.items()}
    return Locales(MappingProxyType(frozen)), problems


def _compare(directory: Path, tables: dict[str, dict[str, str]], lines: dict[str, Positions]) -> list[Problem]:
    reference = tables.get(REFERENCE)
    if reference is None:
        return []
    found: list[Problem] = []
    for lang, table in tables.items():
        if lang == REFERENCE:
            continue
        path = str(_locale_file(directory, lang))
        for key in sorted(set(reference) - set(table)):
            found.append(Problem(path, 1, f"missing key '{key}' (present in {REFERENCE}.yaml)"))
        for key in sorted(set(table) - set(reference)):
            line = lines[lang].line_of(tuple(key.split(".")))
            found.append(Problem(path, line, f"unknown key '{key}' (not in {REFERENCE}.yaml)"))
        for key in sorted(set(table) & set(reference)):
            want, got = placeholders(reference[key]), placeholders(table[key])
            if want != got:
                line = lines[lang].line_of(tuple(key.split(".")))
                found.append(
                    Problem(path, line, f"placeholders of '{key}' are {got}, {REFERENCE}.yaml has {want}")
                )
    return found
