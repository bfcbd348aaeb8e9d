"""Checks that tie an entry's facts to its sources: dated sources, and "invent nothing".

Every phone number, e-mail, postcode and street address of an entry must appear in the note of
one of its sources, so an editor can see where it came from. Numbers are compared as digits only
(spaces, dashes, slashes and a leading +49 / 0049 / 0 ignored), e-mails case-insensitively,
streets in a normalised form (Straße = Str. = strasse; each comma-separated part of the address
line must appear, remarks in brackets need not).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import Protocol

from .schema import Address, Entry, Source

SOURCES_OLD_AFTER_DAYS = 2 * 365 + 1  # "older than two years", leap day included

Loc = tuple[str | int, ...]
Finding = tuple[Loc, str, str]  # (location, message, severity)


class Sourced(Protocol):
    """Anything with sources: a service entry, an organisation, an event."""

    @property
    def sources(self) -> tuple[Source, ...]: ...

# A run of digits joined by the separators people write inside phone numbers.
_NUMBER_RUN = re.compile(r"\+?\d[\d \t\-/()]*\d|\d")
_TOKEN = re.compile(r"\+?\d+")
_STREET_WORD = re.compile(r"stra(?:ss|ß)e\b|str\.", re.IGNORECASE)


def phone_digits(number: str) -> str:
    """The digits that identify a number: no separators, no +49 / 0049 / leading 0."""
    text = number.strip()
    digits = re.sub(r"\D", "", text)
    if digits.startswith("0049"):
        digits = digits[4:]
    elif text.startswith("+49"):
        digits = digits[2:]
    return digits[1:] if digits.startswith("0") else digits


def _numbers_in(text: str) -> set[str]:
    """Every number a note could be citing: each contiguous group of digit tokens in a run, normalised."""
    found: set[str] = set()
    for run in _NUMBER_RUN.findall(text):
        tokens = _TOKEN.findall(run)
        for start in range(len(tokens)):
            for end in range(start + 1, len(tokens) + 1):
                found.add(phone_digits("".join(tokens[start:end])))
    return found


def street_form(text: str) -> str:
    """Lower case, 'Straße'/'Str.'/'strasse' as 'str', single spaces: how streets are compared."""
    text = _STREET_WORD.sub("str ", text.replace("ß", "ss").replace("ẞ", "SS"))
    text = re.sub(r"\s*-\s*", "-", text.lower())
    text = re.sub(r"([^\W\d_])(\d)", r"\1 \2", text)  # "Str.12" == "Str. 12"
    return " ".join(re.sub(r"[,;:()]", " ", text).split())


def address_parts(address_1: str) -> list[str]:
    """The parts of an address line a note must contain: comma-separated, remarks in brackets dropped."""
    without_remarks = re.sub(r"\([^)]*\)", " ", address_1)
    return [form for part in without_remarks.split(",") if (form := street_form(part))]


def check_sources(entry: Sourced, today: dt.date) -> Iterator[Finding]:
    """Every source dated; none dated in the future; a warning when even the newest is old."""
    dates = []
    for index, source in enumerate(entry.sources):
        if source.as_of is None:
            message = f"source {source.url} has no as_of (the date the page states, or the date it was stored)"
            yield ("sources", index), message, "error"
        elif source.as_of > today:
            yield ("sources", index, "as_of"), f"source as_of {source.as_of} lies in the future", "error"
        else:
            dates.append(source.as_of)
    if dates and len(dates) == len(entry.sources):
        newest = max(dates)
        if (today - newest).days > SOURCES_OLD_AFTER_DAYS:
            message = f"newest source is as of {newest}, over two years ago: look for a current page"
            yield ("sources",), message, "warning"


def check_facts_in_sources(entry: Entry) -> Iterator[Finding]:
    """Invent nothing: each contact fact must appear in a source's note."""
    phones: list[tuple[Loc, str]] = [
        (("phones", index, "number"), phone.number) for index, phone in enumerate(entry.phones)
    ]
    if entry.appointment and entry.appointment.phone:
        phones.append((("appointment", "phone"), entry.appointment.phone))
    emails: list[tuple[Loc, str]] = [(("email",), entry.email)] if entry.email else []
    addresses: list[tuple[Loc, Address]] = [(("address",), entry.address)] if entry.address else []
    yield from check_facts(entry.sources, phones, emails, addresses)


def check_facts(
    sources: Sequence[Source],
    phones: Sequence[tuple[Loc, str]],
    emails: Sequence[tuple[Loc, str]],
    addresses: Sequence[tuple[Loc, Address]],
) -> Iterator[Finding]:
    """Each phone, e-mail, postcode and street (with where it stands in the file) must be in a note."""
    notes = "\n".join(source.note or "" for source in sources)
    numbers = _numbers_in(notes)
    lowered = notes.lower()
    streets = street_form(notes)

    def missing(kind: str, value: str) -> str:
        return f"{kind} {value} appears in no source note"

    for loc, number in phones:
        if phone_digits(number) not in numbers:
            yield loc, missing("phone", number), "error"
    for loc, email in emails:
        if email.lower() not in lowered:
            yield loc, missing("e-mail", email), "error"
    for loc, address in addresses:
        code = address.postal_code
        if code and not re.search(rf"(?<!\d){code}(?!\d)", notes):
            yield (*loc, "postal_code"), missing("postcode", code), "error"
        for part in address_parts(address.address_1):
            if not re.search(rf"(?<![\w-]){re.escape(part)}(?![\w-])", streets):
                yield (*loc, "address_1"), missing("address", address.address_1), "error"
                break
