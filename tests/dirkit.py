"""Directory test kit: a knowledge folder (`kdir` from kbkit) with the made-up organisations and events of
tests/data/directory/, plus a service entry with an address that events can take place at."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import yaml
from kbkit import dump, template, write_entry

from bot.knowledge.loader import load_knowledge
from bot.knowledge.model import KnowledgeBase

FIXTURES = Path(__file__).resolve().parent / "data" / "directory"
VOCABULARY = Path(__file__).resolve().parents[1] / "knowledge" / "organisations" / "communities.yaml"
# The fixtures' events start in March 2027; sources are dated 2026.
FIXTURE_TODAY = dt.date(2027, 3, 1)
SERVICE_ID = "beispiel-beratungsstelle"


def service_with_address() -> dict[str, Any]:
    data = template()
    data["id"] = SERVICE_ID
    data["service"] = None
    data["organization"] = "Beispiel Beratungsstelle"
    data["address"] = {"address_1": "Teststraße 9", "postal_code": "10559"}
    data["sources"][0]["note"] = data["sources"][0]["note"] + "; Teststraße 9, 10559 Berlin"
    return {k: v for k, v in data.items() if v is not None}


def add_directory(kdir: Path) -> Path:
    """Copy the fixture organisations and events (and their README) into `kdir`, with the repository's community
    vocabulary (the words are what the search tests test); add the service entry."""
    for folder in ("organisations", "events"):
        shutil.copytree(FIXTURES / folder, kdir / folder)
    shutil.copy(VOCABULARY, kdir / "organisations" / VOCABULARY.name)
    write_entry(kdir, service_with_address())
    return kdir


def load(kdir: Path, today: dt.date = FIXTURE_TODAY) -> KnowledgeBase:
    result = load_knowledge(kdir, today=today)
    assert result.knowledge is not None, "\n".join(map(str, result.problems))
    return result.knowledge


def fixture(kind: str, name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FIXTURES / kind / f"{name}.yaml").read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def write(kdir: Path, kind: str, data: dict[str, Any], name: str | None = None) -> Path:
    path = kdir / kind / f"{name or data['id']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(data), encoding="utf-8")
    return path
