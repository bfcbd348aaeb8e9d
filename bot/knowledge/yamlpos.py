"""Parse YAML and remember the line of every key, so editors get `file:line` messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is ~10x faster; the pure-Python loader is the fallback.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):
    """YAML 1.2 booleans: only true/false. Under YAML 1.1 a key `on:` (as in `verified: on:`) or a
    value `no` would silently become a boolean."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _Loader.yaml_implicit_resolvers.setdefault(_first, []).insert(
        0, ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))
    )

Loc = tuple[str | int, ...]


class YamlSyntaxError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Positions:
    """Line (1-based) of each key path; lookups fall back to the nearest parent."""

    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int:
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def _walk(node: yaml.Node, loc: Loc, out: dict[Loc, int]) -> None:
    out.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            child = (*loc, key)
            out[child] = key_node.start_mark.line + 1
            _walk(value_node, child, out)
            out[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), out)


_RESERVED_START = "@`%&*!|>"


def syntax_hint(text: str, line: int, column: int, reason: str) -> str | None:
    """The likely mistake behind a YAML syntax error and its fix, in plain words for editors."""
    lines = text.splitlines()
    raw = lines[line - 1] if 0 < line <= len(lines) else ""
    char = raw[column] if 0 <= column < len(raw) else ""
    content = raw.strip()
    if content.startswith("- "):
        content = content[2:]
    indent = raw[: len(raw) - len(raw.lstrip())]
    if "\t" in indent or char == "\t" or "tab" in reason:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in reason:
        if content.count(": ") + content.endswith(":") >= 2:
            return "a colon inside the text: put the text in quotes"
        return "indent nested lines by two spaces (a field here is indented more than the one above it)"
    if "found unexpected end of stream" in reason and "quoted scalar" in reason:
        return "a quote is never closed: end the text with the same quote mark it starts with"
    if "flow sequence" in reason or "flow mapping" in reason or "flow node" in reason:
        return "a list in [ ] is not closed or has a comma inside a text: close it with ], quote texts with commas"
    if "block sequence entries are not allowed" in reason:
        return "a text cannot start with '- ': put the text in quotes, or start the list on the next line"
    if "cannot start any token" in reason and char and char in _RESERVED_START:
        return f"a text cannot start with {char!r}: put the text in quotes"
    if "did not find expected key" in reason and re.search(r"""^[\w-]+:\s*(["'])[^"']*\1\s*[^\s#]""", content):
        return "the quotes end before the text does: put the whole text in quotes"
    if (open_line := _unclosed_quote(lines[:line])) is not None and open_line < line:
        return f"the quote opened on line {open_line} is never closed: end the text with the same quote mark"
    if "expected key" in reason or "expected '-' indicator" in reason or "expected <block end>" in reason:
        return "indent nested lines by two spaces, and fields of the same level equally"
    return None


def _unclosed_quote(lines: list[str]) -> int | None:
    """The last line whose value opens a quote it does not close (a quoted text runs on to the next line)."""
    found = None
    for number, raw in enumerate(lines, start=1):
        match = re.match(r"""^\s*(?:- )?[\w-]+:\s+(["'])(.*)$""", raw)
        if match and match.group(1) not in match.group(2).replace("''", "").replace('\\"', ""):
            found = number
    return found


def parse(text: str) -> tuple[Any, Positions]:
    """Return the document and the positions of its keys; raise YamlSyntaxError with a line."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Positions({(): 1})
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        reason = exc.problem or str(exc)
        if exc.context:
            reason = f"{exc.context}, {reason}"
        column = mark.column if mark else 0
        hint = syntax_hint(text, line, column, reason)
        message = f"{hint} (invalid YAML: {reason})" if hint else f"invalid YAML: {reason}"
        raise YamlSyntaxError(line, message) from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, f"invalid YAML: {exc}") from exc
    finally:
        loader.dispose()
    positions: dict[Loc, int] = {}
    _walk(node, (), positions)
    return data, Positions(positions)
