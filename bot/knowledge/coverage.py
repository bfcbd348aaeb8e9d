"""Coverage warnings: district-bound services and topics that leave one district without an office."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from bot.languages import DISTRICTS

from .problems import Problem
from .schema import Entry


def coverage_warnings(entries: list[Entry], paths: dict[str, str], directory: Path) -> list[Problem]:
    """A district-bound service in one district but not the other leaves newcomers without an office."""
    by_service: dict[str, set[str]] = defaultdict(set)
    example: dict[str, str] = {}
    for entry in entries:
        if entry.active and entry.scope == "residents" and entry.service:
            by_service[entry.service].update(entry.service_area)
            example.setdefault(entry.service, entry.id)
    found = []
    by_topic: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        if entry.active and entry.scope == "residents":
            for topic in entry.topics:
                by_topic[topic].update(entry.service_area)
    for topic, areas in sorted(by_topic.items()):
        missing = [d for d in DISTRICTS if d not in areas]
        if missing:
            found.append(
                Problem(
                    str(directory / "topics.yaml"),
                    1,
                    f"topic {topic!r} has a district-bound service for {', '.join(sorted(areas))} "
                    f"but none for residents of {', '.join(missing)}",
                    "warning",
                )
            )
    for service, areas in sorted(by_service.items()):
        missing = [d for d in DISTRICTS if d not in areas]
        if missing:
            found.append(
                Problem(
                    paths[example[service]],
                    1,
                    f"service {service!r} has no office for residents of {', '.join(missing)}",
                    "warning",
                )
            )
    return found
