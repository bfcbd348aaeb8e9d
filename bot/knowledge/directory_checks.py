"""`kb check` for organisations and events: sources, "invent nothing", languages, dates, references."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping

from bot.languages import SUPPORTED

from .checks import linked_urls, malformed_urls, phone_is_valid
from .directory_schema import SLUG_PATTERN, Event, Organisation
from .recurrence import exists_locally, last_occurrence, rule_problem
from .schema import Address, Entry
from .sources import Finding, Loc, check_facts, check_sources

_SLUG = re.compile(SLUG_PATTERN)
_LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")  # ISO 639-1, as `languages` everywhere else


def check_organisation(org: Organisation, stem: str, today: dt.date) -> Iterator[Finding]:
    if org.id != stem:
        yield ("id",), f"id {org.id!r} must equal the file name {stem!r}", "error"
    for index, phone in enumerate(org.phones):
        if not phone_is_valid(phone.number):
            yield ("phones", index, "number"), f"malformed phone number {phone.number!r}", "error"
    yield from malformed_urls(linked_urls(org.website, org.sources))
    yield from _language_codes(("languages",), org.languages)
    if org.speakers:
        yield from _language_codes(("speakers", "languages"), org.speakers.languages)
    yield from check_sources(org, today)
    phones: list[tuple[Loc, str]] = [(("phones", i, "number"), p.number) for i, p in enumerate(org.phones)]
    emails: list[tuple[Loc, str]] = [(("email",), org.email)] if org.email else []
    addresses: list[tuple[Loc, Address]] = [
        (("locations", index, "address"), location.address) for index, location in enumerate(org.locations)
    ]
    yield from check_facts(org.sources, phones, emails, addresses)
    yield from _translations(org.translations, ("description",))


def check_event(event: Event, stem: str, today: dt.date) -> Iterator[Finding]:
    """What an event says about itself: times, recurrence, place shape, sources, languages."""
    if event.id != stem:
        yield ("id",), f"id {event.id!r} must equal the file name {stem!r}", "error"
    yield from _times(event, today)
    place = event.place
    given = [name for name in ("organisation", "service", "address") if getattr(place, name) is not None]
    if len(given) != 1:
        found = ", ".join(given) or "none"
        message = f"place needs exactly one of organisation, service or address (found: {found})"
        yield ("place",), message, "error"
    if place.name is not None and place.address is None:
        yield ("place", "name"), "place name goes with an address (an organisation or service has its own)", "error"
    yield from malformed_urls(linked_urls(event.website, event.sources))
    yield from _language_codes(("languages",), event.languages)
    yield from check_sources(event, today)
    addresses: list[tuple[Loc, Address]] = [(("place", "address"), place.address)] if place.address else []
    yield from check_facts(event.sources, [], [], addresses)
    yield from _translations(event.translations, ("title", "summary"))


def _times(event: Event, today: dt.date) -> Iterator[Finding]:
    for name in ("start", "end"):
        value = getattr(event, name)
        if value is None:
            continue
        if value.tzinfo is not None:
            yield (name,), f"{name} must be a local Berlin time without offset, e.g. 2027-03-28T18:00", "error"
            return
        if not exists_locally(value):
            yield (name,), f"{name} {value:%Y-%m-%d %H:%M} does not exist in Berlin (clocks go forward)", "error"
    if event.end is not None and event.end <= event.start:
        yield ("end",), f"end {event.end:%Y-%m-%d %H:%M} must be after start {event.start:%Y-%m-%d %H:%M}", "error"
    if event.rrule is not None and (problem := rule_problem(event.rrule, event.start)):
        yield ("rrule",), problem, "error"
        return
    last = last_occurrence(event.rrule, event.start) if event.active else None
    if last is not None and (last + ((event.end - event.start) if event.end else dt.timedelta())).date() < today:
        what = "its last date" if event.rrule else "it"
        message = f"event is over ({what} was {last:%Y-%m-%d}): set status inactive or remove the file"
        yield (("rrule",) if event.rrule else ("start",)), message, "warning"


def check_references(
    event: Event, organisations: Mapping[str, Organisation], entries: Mapping[str, Entry]
) -> Iterator[Finding]:
    """The place's organisation or service exists, is active and has an address; the organiser too."""
    place = event.place
    if place.organisation is not None:
        org = organisations.get(place.organisation)
        if org is None:
            yield ("place", "organisation"), f"unknown organisation {place.organisation!r}", "error"
        elif not org.active:
            yield ("place", "organisation"), f"organisation {place.organisation!r} is inactive", "error"
        elif not org.locations:
            message = f"organisation {place.organisation!r} has no location: give the place an address"
            yield ("place", "organisation"), message, "error"
    if place.service is not None:
        entry = entries.get(place.service)
        if entry is None:
            yield ("place", "service"), f"unknown service {place.service!r}", "error"
        elif not entry.active:
            yield ("place", "service"), f"service {place.service!r} is inactive", "error"
        elif entry.address is None:
            yield ("place", "service"), f"service {place.service!r} has no address: give the place one", "error"
    organiser = event.organiser.strip()
    if organiser in organisations or organiser in entries:
        known = organisations.get(organiser) or entries.get(organiser)
        if known is not None and not known.active:
            yield ("organiser",), f"organiser {organiser!r} is inactive", "error"
    elif _SLUG.match(organiser) and "-" in organiser:
        message = (
            f"organiser {organiser!r} looks like an id, but no organisation or service has it "
            "(use an existing id, or the organiser's name as the source gives it)"
        )
        yield ("organiser",), message, "error"


def _language_codes(loc: Loc, codes: tuple[str, ...]) -> Iterator[Finding]:
    for index, code in enumerate(codes):
        if not _LANGUAGE_CODE.match(code):
            yield (*loc, index), f"language {code!r} is not a two-letter ISO 639-1 code (e.g. de, ar)", "error"


def _translations(translations: Mapping[str, object], fields: tuple[str, ...]) -> Iterator[Finding]:
    for lang in SUPPORTED:
        if lang not in translations:
            yield ("translations",), f"missing translation for language {lang!r}", "error"
    for lang, texts in translations.items():
        if lang not in SUPPORTED:
            yield ("translations", lang), f"unsupported language {lang!r} (use {', '.join(SUPPORTED)})", "error"
            continue
        for name in fields:
            if not str(getattr(texts, name)).strip():
                yield ("translations", lang, name), f"empty {name} in {lang!r}", "error"
