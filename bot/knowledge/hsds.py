"""The knowledge base as Open Referral HSDS 3.0 JSON, for `wegweiser kb export --format hsds`.

Flat tables as HSDS names them (`organizations`, `services`, `locations` with their `addresses`,
`service_at_locations`, `phones`, `schedules`, `languages`, `service_areas`), linked by UUIDs that
are stable across exports (uuid5 of the knowledge ids). Service entries name their provider as a
text, so each distinct provider becomes one organization. A directory organisation becomes an
organization and one service describing what it offers, because HSDS attaches languages and
service areas to services, not to organizations. Texts are the German ones (the reviewed source
language of the knowledge base). Opening hours stay in OpenStreetMap syntax in the schedule's
`description`. Events are not part of HSDS; they are exported as iCalendar.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from .directory_schema import Organisation
from .model import KnowledgeBase
from .schema import Address, Entry

TEXT_LANGUAGE = "de"
# The namespace of every exported UUID; changing it would give every object a new id.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/wegweiser/hsds")
AREA_NAMES = {
    "berlin": "Berlin",
    "mitte": "Berlin-Mitte",
    "charlottenburg-wilmersdorf": "Berlin-Charlottenburg-Wilmersdorf",
}
TABLES = (
    "organizations",
    "services",
    "locations",
    "service_at_locations",
    "phones",
    "schedules",
    "languages",
    "service_areas",
)


def stable_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


def _address(address: Address, location_id: str) -> dict[str, Any]:
    return {
        "id": stable_id("address", location_id),
        "location_id": location_id,
        "address_1": address.address_1,
        "city": address.city,
        "state_province": "Berlin",
        "postal_code": address.postal_code or "",
        "country": "DE",
        "address_type": "physical",
    }


class _Tables:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows[table].append(_clean(row))

    def languages(self, codes: tuple[str, ...], service_id: str) -> None:
        for code in codes:
            name = self.kb.language_names.get(code)
            self.add(
                "languages",
                {
                    "id": stable_id("language", f"{service_id}/{code}"),
                    "service_id": service_id,
                    "code": code,
                    "name": name,
                },
            )

    def areas(self, districts: tuple[str, ...], service_id: str) -> None:
        for district in districts:
            self.add(
                "service_areas",
                {
                    "id": stable_id("service_area", f"{service_id}/{district}"),
                    "service_id": service_id,
                    "name": AREA_NAMES.get(district, district),
                },
            )

    def providers(self, entries: tuple[Entry, ...]) -> None:
        offered: dict[str, list[str]] = {}
        for entry in entries:
            offered.setdefault(entry.organization, []).append(entry.texts(TEXT_LANGUAGE).title)
        for name, titles in offered.items():
            self.add(
                "organizations", {"id": stable_id("provider", name), "name": name, "description": "; ".join(titles)}
            )

    def entry(self, entry: Entry) -> None:
        texts = entry.texts(TEXT_LANGUAGE)
        service_id = stable_id("service", entry.id)
        organization_id = stable_id("provider", entry.organization)
        self.add(
            "services",
            {
                "id": service_id,
                "organization_id": organization_id,
                "name": texts.title,
                "description": texts.summary,
                "url": entry.website,
                "email": entry.email,
                "status": entry.status,
                "application_process": texts.how_to_book,
                "eligibility_description": texts.eligibility,
                "fees_description": texts.cost,
                "assured_date": entry.assured_date.isoformat(),
            },
        )
        if entry.address is not None:
            location_id = stable_id("location", entry.id)
            self.add(
                "locations",
                {
                    "id": location_id,
                    "location_type": "physical",
                    "organization_id": organization_id,
                    "name": entry.organization,
                    "latitude": entry.geo.lat if entry.geo else None,
                    "longitude": entry.geo.lon if entry.geo else None,
                    "addresses": [_address(entry.address, location_id)],
                },
            )
            self.add(
                "service_at_locations",
                {
                    "id": stable_id("service_at_location", entry.id),
                    "service_id": service_id,
                    "location_id": location_id,
                },
            )
        for index, phone in enumerate(entry.phones):
            self.add(
                "phones",
                {
                    "id": stable_id("phone", f"{entry.id}/{index}"),
                    "service_id": service_id,
                    "number": phone.number,
                    "type": "voice",
                    "description": phone.purpose,
                },
            )
        for index, schedule in enumerate(entry.schedules):
            notes = "OpenStreetMap opening_hours" + ("; appointment only" if schedule.appointment_only else "")
            self.add(
                "schedules",
                {
                    "id": stable_id("schedule", f"{entry.id}/{index}"),
                    "service_id": service_id,
                    "description": schedule.opening_hours,
                    "notes": notes,
                },
            )
        self.languages(entry.languages, service_id)
        scope_area = entry.service_area if entry.scope == "residents" else ("berlin",)
        self.areas(scope_area, service_id)

    def organisation(self, org: Organisation) -> None:
        organization_id = stable_id("organisation", org.id)
        description = org.texts(TEXT_LANGUAGE).description
        self.add(
            "organizations",
            {
                "id": organization_id,
                "name": org.name,
                "alternate_name": org.alternate_name,
                "description": description,
                "email": org.email,
                "website": org.website,
                "legal_status": org.legal_status,
            },
        )
        service_id = stable_id("organisation-service", org.id)
        self.add(
            "services",
            {
                "id": service_id,
                "organization_id": organization_id,
                "name": org.name,
                "description": description,
                "url": org.website,
                "email": org.email,
                "status": org.status,
            },
        )
        for index, location in enumerate(org.locations):
            location_id = stable_id("organisation-location", f"{org.id}/{index}")
            self.add(
                "locations",
                {
                    "id": location_id,
                    "location_type": "physical",
                    "organization_id": organization_id,
                    "name": location.name or org.name,
                    "addresses": [_address(location.address, location_id)],
                },
            )
            self.add(
                "service_at_locations",
                {
                    "id": stable_id("organisation-service-at", f"{org.id}/{index}"),
                    "service_id": service_id,
                    "location_id": location_id,
                },
            )
        for index, phone in enumerate(org.phones):
            self.add(
                "phones",
                {
                    "id": stable_id("organisation-phone", f"{org.id}/{index}"),
                    "organization_id": organization_id,
                    "number": phone.number,
                    "type": "voice",
                    "description": phone.purpose,
                },
            )
        self.languages(org.languages, service_id)
        self.areas(org.service_areas, service_id)


def hsds_tables(kb: KnowledgeBase) -> dict[str, list[dict[str, Any]]]:
    tables = _Tables(kb)
    tables.providers(kb.entries)
    for entry in kb.entries:
        tables.entry(entry)
    for org in kb.organisations:
        tables.organisation(org)
    return tables.rows


def export_hsds(kb: KnowledgeBase) -> str:
    return json.dumps(hsds_tables(kb), ensure_ascii=False, indent=1)
