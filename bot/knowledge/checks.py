"""Checks a schema cannot express: references, formats of phones/URLs/hours, freshness."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from urllib.parse import urlparse

import opening_hours
import phonenumbers
from phonenumbers import shortnumberinfo

from bot.languages import SUPPORTED

from .schema import Entry, Source
from .sources import check_facts_in_sources, check_sources

SUMMARY_LIMIT = 500  # characters, as knowledge/README.md promises editors
STALE_AFTER_DAYS = 365
_EU_HARMONISED = re.compile(r"^116\d{3}$")  # EU-wide helplines such as 116 016

Finding = tuple[tuple[str | int, ...], str, str]  # (location, message, severity)


def phone_is_valid(number: str) -> bool:
    digits = re.sub(r"[\s\-/()]", "", number)
    if _EU_HARMONISED.match(digits):
        return True
    try:
        parsed = phonenumbers.parse(number, "DE")
    except phonenumbers.NumberParseException:
        return False
    return bool(
        phonenumbers.is_valid_number(parsed)
        or shortnumberinfo.is_valid_short_number_for_region(parsed, "DE")
    )


def url_is_valid(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and "." in parsed.netloc and " " not in url


def opening_hours_problem(expression: str) -> str | None:
    """None if the OpenStreetMap expression parses, else the parser's first line."""
    try:
        opening_hours.OpeningHours(expression)
    except Exception as exc:  # the parser raises its own ParserError (not in its type stubs)
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "cannot be parsed"
        return f"opening hours {expression!r} are not valid OpenStreetMap opening_hours syntax ({first})"
    return None


def check_entry(entry: Entry, stem: str, topics: Mapping[str, str], today: dt.date) -> Iterator[Finding]:
    if entry.id != stem:
        yield ("id",), f"id {entry.id!r} must equal the file name {stem!r}", "error"
    for index, topic in enumerate(entry.topics):
        if topic not in topics:
            yield ("topics", index), f"unknown topic {topic!r} (see topics.yaml)", "error"
    yield from _check_scope(entry)
    for index, phone in enumerate(entry.phones):
        if not phone_is_valid(phone.number):
            yield ("phones", index, "number"), f"malformed phone number {phone.number!r}", "error"
        if phone.hours and (problem := opening_hours_problem(phone.hours)):
            yield ("phones", index, "hours"), problem, "error"
    if entry.appointment and entry.appointment.phone and not phone_is_valid(entry.appointment.phone):
        yield ("appointment", "phone"), f"malformed phone number {entry.appointment.phone!r}", "error"
    yield from malformed_urls(_urls(entry))
    for index, schedule in enumerate(entry.schedules):
        if problem := opening_hours_problem(schedule.opening_hours):
            yield ("schedules", index, "opening_hours"), problem, "error"
    if entry.assured_date > today:
        yield ("assured_date",), f"assured_date {entry.assured_date} lies in the future", "error"
    elif (today - entry.assured_date).days > STALE_AFTER_DAYS:
        yield ("assured_date",), f"facts last checked {entry.assured_date}, over 12 months ago", "warning"
    if entry.verified and entry.verified.on > today:
        yield ("verified", "on"), f"verified on {entry.verified.on}, a date in the future", "error"
    yield from check_sources(entry, today)
    yield from check_facts_in_sources(entry)
    yield from _check_translations(entry)


def _check_scope(entry: Entry) -> Iterator[Finding]:
    if entry.scope == "residents" and not entry.service_area:
        yield ("scope",), "scope 'residents' needs service_area (whose residents it serves)", "error"
    if entry.scope != "residents" and entry.service_area:
        yield ("service_area",), "service_area only makes sense with scope 'residents'", "error"
    if entry.scope == "residents" and "berlin" in entry.service_area:
        yield ("service_area",), "a residents-only service must name districts, not 'berlin'", "error"


def malformed_urls(urls: Iterable[tuple[tuple[str | int, ...], str]]) -> Iterator[Finding]:
    """One error per URL (website, booking page, source) that is not an http(s) address."""
    for loc, url in urls:
        if not url_is_valid(url):
            yield loc, f"malformed URL {url!r} (must start with http:// or https://)", "error"


def linked_urls(website: str | None, sources: Sequence[Source]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """The website and every source URL, with where they stand in the file."""
    if website:
        yield ("website",), website
    for index, source in enumerate(sources):
        yield ("sources", index, "url"), source.url


def _urls(entry: Entry) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if entry.appointment and entry.appointment.url:
        yield ("appointment", "url"), entry.appointment.url
    yield from linked_urls(entry.website, entry.sources)


def _check_translations(entry: Entry) -> Iterator[Finding]:
    for lang in SUPPORTED:
        if lang not in entry.translations:
            yield ("translations",), f"missing translation for language {lang!r}", "error"
    for lang in entry.translations:
        if lang not in SUPPORTED:
            yield ("translations", lang), f"unsupported language {lang!r} (use {', '.join(SUPPORTED)})", "error"
    reference = entry.translations.get("de")
    for lang, texts in entry.translations.items():
        base = ("translations", lang)
        for field in ("title", "summary"):
            if not getattr(texts, field).strip():
                yield (*base, field), f"empty {field} in {lang!r}", "error"
        for field in ("questions", "keywords"):
            for index, item in enumerate(getattr(texts, field)):
                if not str(item).strip():
                    yield (*base, field, index), f"empty item in {field} ({lang!r})", "error"
        length = len(texts.summary)
        if length > SUMMARY_LIMIT:
            yield (*base, "summary"), f"summary in {lang!r} has {length} characters (max {SUMMARY_LIMIT})", "error"
        if reference and len(texts.required_documents) != len(reference.required_documents):
            yield (
                (*base, "required_documents"),
                f"required_documents in {lang!r} has {len(texts.required_documents)} items, "
                f"'de' has {len(reference.required_documents)}",
                "error",
            )
