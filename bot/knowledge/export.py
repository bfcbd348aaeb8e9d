"""Editors' views of a validated knowledge base: JSON export and a coverage table."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from bot.languages import DISTRICTS, SUPPORTED

from .model import KnowledgeBase
from .schema import Entry


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    data = entry.model_dump(mode="json", exclude={"translations"}, exclude_none=True)
    data["translations"] = {
        lang: entry.translations[lang].model_dump(mode="json", exclude_none=True)
        for lang in SUPPORTED
        if lang in entry.translations
    }
    data["texts"] = {
        lang: list(entry.translations[lang].match_texts()) for lang in SUPPORTED if lang in entry.translations
    }
    return data


def export_json(kb: KnowledgeBase) -> str:
    data = {
        "entries": [entry_to_dict(e) for e in kb.entries],
        "organisations": [o.model_dump(mode="json", exclude_none=True) for o in kb.organisations],
        "events": [e.model_dump(mode="json", exclude_none=True) for e in kb.events],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def _table(title: str, rows: Sequence[tuple[str, ...]], header: tuple[str, ...]) -> list[str]:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [title, fmt.format(*header), fmt.format(*("-" * w for w in widths))]
    lines += [fmt.format(*row) for row in rows]
    return [*lines, ""]


def stats_table(kb: KnowledgeBase) -> str:
    active = kb.active
    topics = Counter(t for e in active for t in e.topics)
    districts = Counter(d for e in active for d in e.districts)
    out = [f"{len(active)} active entries, {len(kb.entries) - len(active)} inactive", ""]
    out += _table(
        "Entries per topic",
        [(t, str(topics.get(t, 0)), "" if topics.get(t) else "NOT COVERED") for t in kb.topics],
        ("topic", "entries", ""),
    )
    out += _table(
        "Entries per district",
        [(d, str(districts.get(d, 0))) for d in ("berlin", *DISTRICTS)],
        ("district", "entries"),
    )
    rows: list[tuple[str, ...]] = []
    for lang in SUPPORTED:
        status = Counter(e.translations[lang].translation for e in active if lang in e.translations)
        rows.append((lang, str(sum(status.values())), str(status["reviewed"]), str(status["machine"])))
    out += _table("Translations per language", rows, ("language", "entries", "reviewed", "machine"))
    out += directory_stats(kb)
    return "\n".join(out)


def directory_stats(kb: KnowledgeBase) -> list[str]:
    """Organisations per district and theme, and events: the directory's part of `kb stats`."""
    orgs = [o for o in kb.organisations if o.active]
    events = [e for e in kb.events if e.active]
    out = [
        f"{len(orgs)} active organisations ({sum(o.speakers is not None for o in orgs)} with speakers), "
        f"{len(kb.organisations) - len(orgs)} inactive",
        "",
    ]
    districts = Counter(d for o in orgs for d in o.districts)
    out += _table(
        "Organisations per district", [(d, str(districts.get(d, 0))) for d in ("berlin", *DISTRICTS)],
        ("district", "organisations"),
    )
    themes = Counter(t for o in orgs for t in o.themes)
    out += _table("Organisations per theme", sorted((t, str(n)) for t, n in themes.items()), ("theme", "organisations"))
    recurring = sum(e.rrule is not None for e in events)
    out += [f"{len(events)} active events ({recurring} recurring), {len(kb.events) - len(events)} inactive", ""]
    per_district = Counter(d for e in events for d in e.districts)
    out += _table(
        "Events per district", [(d, str(per_district.get(d, 0))) for d in ("berlin", *DISTRICTS)],
        ("district", "events"),
    )
    return out
