"""`wegweiser kb export --format hsds`: every exported object validates against the vendored HSDS 3.0 schema."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from dirkit import add_directory
from jsonschema import Draft202012Validator
from kbkit import REAL_KNOWLEDGE
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from bot.cli import main
from bot.knowledge.hsds import TABLES, stable_id

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "hsds"
BASE = "https://hsds.test/schema/"
SCHEMA_OF = {
    "organizations": "organization", "services": "service", "locations": "location",
    "service_at_locations": "service_at_location", "phones": "phone", "schedules": "schedule",
    "languages": "language", "service_areas": "service_area",
}  # fmt: skip


def _registry() -> Registry:
    resources = [
        (BASE + path.name, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012))
        for path in SCHEMAS.glob("*.json")
    ]
    return Registry().with_resources(resources)


REGISTRY = _registry()
VALIDATORS = {
    table: Draft202012Validator(
        {"$ref": f"{BASE}{name}.json"}, registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    for table, name in SCHEMA_OF.items()
}


def export(kdir: Path, tmp_path: Path) -> dict[str, list[dict[str, Any]]]:
    out = tmp_path / "hsds.json"
    assert main(["kb", "export", str(kdir), "--format", "hsds", "--out", str(out)]) == 0
    data: dict[str, list[dict[str, Any]]] = json.loads(out.read_text(encoding="utf-8"))
    return data


def assert_valid(data: dict[str, list[dict[str, Any]]]) -> None:
    assert set(data) == set(TABLES)
    for table, rows in data.items():
        for row in rows:
            errors = VALIDATORS[table].iter_errors(row)
            problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]
            assert not problems, f"{table} {row.get('name') or row['id']}: {problems}"
    ids = [row["id"] for rows in data.values() for row in rows]
    assert len(ids) == len(set(ids)), "every HSDS id is unique"
    known = {table: {row["id"] for row in rows} for table, rows in data.items()}
    for rows in data.values():
        for row in rows:
            for key, table in (("organization_id", "organizations"), ("service_id", "services"),
                               ("location_id", "locations")):  # fmt: skip
                if key in row:
                    assert row[key] in known[table], f"{key} {row[key]} points nowhere"


def test_the_schema_files_are_vendored_with_their_licence() -> None:
    assert "Creative Commons Attribution-ShareAlike 4.0" in (SCHEMAS / "LICENSE").read_text()
    assert "279fd2eb3552c349bf698c07c00cc25f5fc8249b" in (SCHEMAS / "README.md").read_text()
    for name in SCHEMA_OF.values():
        Draft202012Validator.check_schema(json.loads((SCHEMAS / f"{name}.json").read_text()))


def test_the_validation_is_real() -> None:
    errors = list(VALIDATORS["services"].iter_errors({"id": "not-a-uuid", "name": "x", "status": "open"}))
    assert {e.validator for e in errors} == {"format", "enum"}
    assert list(VALIDATORS["locations"].iter_errors({"id": str(uuid.uuid4())}))  # location_type is required


def test_directory_export_validates_and_links(kdir: Path, tmp_path: Path) -> None:
    data = export(add_directory(kdir), tmp_path)
    assert_valid(data)
    orgs = {row["name"]: row for row in data["organizations"]}
    afghan = orgs["Beispiel Afghanischer Kulturverein"]
    assert afghan["id"] == stable_id("organisation", "beispiel-afghanischer-kulturverein")
    assert afghan["alternate_name"] == "BAK" and afghan["email"] == "kontakt@example.org"
    assert afghan["legal_status"] == "eingetragener Verein (e.V.)"
    service = next(s for s in data["services"] if s["organization_id"] == afghan["id"])
    assert service["status"] == "active"
    assert {lang["code"] for lang in data["languages"] if lang["service_id"] == service["id"]} == {"fa", "ps", "de"}
    assert [a["name"] for a in data["service_areas"] if a["service_id"] == service["id"]] == ["Berlin-Mitte"]
    location = next(loc for loc in data["locations"] if loc["organization_id"] == afghan["id"])
    address = location["addresses"][0]
    assert (address["address_1"], address["postal_code"], address["country"]) == ("Beispielstraße 12", "10115", "DE")
    phone = next(p for p in data["phones"] if p.get("organization_id") == afghan["id"])
    assert phone["number"] == "030 23125 101"
    entry_service = next(s for s in data["services"] if s["id"] == stable_id("service", "anmeldung-wohnung-berlin"))
    provider = next(o for o in data["organizations"] if o["id"] == entry_service["organization_id"])
    assert provider["name"] == "Bürgeramt (any citizens' office in Berlin)"


def test_uuids_are_stable_across_exports(kdir: Path, tmp_path: Path) -> None:
    add_directory(kdir)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert export(kdir, tmp_path / "a") == export(kdir, tmp_path / "b")


@pytest.fixture(scope="module")
def real_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return export(REAL_KNOWLEDGE, tmp_path_factory.mktemp("hsds"))


def test_the_real_knowledge_base_validates(real_export: dict[str, list[dict[str, Any]]]) -> None:
    assert_valid(real_export)
    assert len(real_export["services"]) >= 60
    assert real_export["schedules"] and real_export["phones"] and real_export["locations"]
    assert all(s["description"] for s in real_export["schedules"])  # the opening_hours expression


def test_json_export_keeps_its_entries_and_adds_the_directory(kdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "export", str(kdir), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [e["id"] for e in data["entries"]] == ["anmeldung-wohnung-berlin"]
    assert data["organisations"] == [] and data["events"] == []
    add_directory(kdir)
    assert main(["kb", "export", str(kdir), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["organisations"]) == 4
    assert {e["id"]: e["start"] for e in data["events"]}["beispiel-dialog"] == "2027-03-28T11:00:00"
