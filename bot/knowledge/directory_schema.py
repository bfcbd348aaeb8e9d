"""The shape of an organisation (knowledge/organisations/) and an event (knowledge/events/).

Field names follow Open Referral HSDS 3.0 where one exists (`name`, `alternate_name`, `description`,
`email`, `website`, `legal_status`, locations, phones, languages, service areas), so the HSDS export is
a renaming-free mapping. Facts are sourced like services: every source has `as_of`, and every phone,
e-mail and street must appear in a source's note (`kb check`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .schema import Address, District, Phone, Source, _Frozen

# The small theme vocabulary of the directory (knowledge/organisations/README.md explains each).
Theme = Literal[
    "culture", "education", "youth", "women", "religion", "sport", "counselling",
    "development-policy", "anti-discrimination", "family", "lgbtiq", "arts", "language", "work",
    "health", "participation", "refugees", "seniors",
]
Slug = str  # lowercase words joined by "-", e.g. "mada-ev"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Location(_Frozen):
    """A place where the organisation meets people (HSDS `location`)."""

    name: str | None = None
    address: Address
    districts: tuple[District, ...] = ()  # the district the address lies in


class OrganisationTexts(_Frozen):
    """What one language says about an organisation: shown on its card and used for search."""

    translation: Literal["reviewed", "machine"]
    description: str = Field(min_length=1, max_length=500)
    keywords: tuple[str, ...] = ()  # extra search words in this language (community names, themes)


class Speakers(_Frozen):
    """The organisation brokers or offers speakers/experts (only where a source says so)."""

    topics: tuple[str, ...] = Field(min_length=1)  # plain German or English topic phrases from the source
    languages: tuple[str, ...] = ()  # ISO 639-1 codes


class Organisation(_Frozen):
    id: str = Field(pattern=SLUG_PATTERN)
    status: Literal["active", "inactive"]
    name: str = Field(min_length=1)
    alternate_name: str | None = None
    legal_status: str | None = None  # e.g. "eingetragener Verein (e.V.)", as the source says
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    website: str | None = None
    themes: tuple[Theme, ...] = Field(min_length=1)
    communities: tuple[str, ...] = ()  # communities served, lowercase English, e.g. "afghan", "ukrainian"
    languages: tuple[str, ...] = ()  # ISO 639-1 codes of the languages spoken there
    service_areas: tuple[District, ...] = Field(min_length=1)  # "berlin" = the whole city
    locations: tuple[Location, ...] = ()
    phones: tuple[Phone, ...] = ()
    speakers: Speakers | None = None
    sources: tuple[Source, ...] = Field(min_length=1)
    translations: dict[str, OrganisationTexts]

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def districts(self) -> tuple[District, ...]:
        """Where it can be found: its locations' districts, else its service areas."""
        located = tuple(d for loc in self.locations for d in loc.districts)
        return located or self.service_areas

    def texts(self, lang: str) -> OrganisationTexts:
        return self.translations.get(lang) or self.translations.get("en") or self.translations["de"]


class EventPlace(_Frozen):
    """Where an event happens: exactly one of an organisation's location, a service, or an address."""

    organisation: str | None = Field(default=None, pattern=SLUG_PATTERN)  # an organisation id
    service: str | None = Field(default=None, pattern=SLUG_PATTERN)  # a knowledge entry id
    name: str | None = None
    address: Address | None = None


class EventTexts(_Frozen):
    translation: Literal["reviewed", "machine"]
    title: str = Field(min_length=1, max_length=120)
    summary: str = Field(min_length=1, max_length=500)


class Event(_Frozen):
    id: str = Field(pattern=SLUG_PATTERN)
    status: Literal["active", "inactive"]
    start: dt.datetime  # local time in Europe/Berlin, without offset
    end: dt.datetime | None = None
    rrule: str | None = None  # RFC 5545 RRULE without the "RRULE:" prefix, e.g. "FREQ=WEEKLY;BYDAY=TU"
    districts: tuple[District, ...] = Field(min_length=1)
    languages: tuple[str, ...] = ()  # ISO 639-1 codes of the languages spoken at the event
    themes: tuple[Theme, ...] = ()
    place: EventPlace
    organiser: str = Field(min_length=1)  # an organisation id, a service id, or a name as the source gives it
    website: str | None = None
    sources: tuple[Source, ...] = Field(min_length=1)
    translations: dict[str, EventTexts]

    @property
    def active(self) -> bool:
        return self.status == "active"

    def texts(self, lang: str) -> EventTexts:
        return self.translations.get(lang) or self.translations.get("en") or self.translations["de"]
