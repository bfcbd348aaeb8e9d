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
from collections.abc import Iterator

from .schema import Entry

SOURCES_OLD_AFTER_DAYS = 2 * 365 + 1  # "older than two years", leap day included

Finding = tuple[tuple[str | int, ...], str, str]  # (location, message, severity)

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


def check_sources(entry: Entry, today: dt.date) -> Iterator[Finding]:
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
    notes = "\n".join(source.note or "" for source in entry.sources)
    numbers = _numbers_in(notes)
    lowered = notes.lower()
    streets = street_form(notes)

    def missing(kind: str, value: str) -> str:
        return f"{kind} {value} appears in no source note"

    for index, phone in enumerate(entry.phones):
        if phone_digits(phone.number) not in numbers:
            yield ("phones", index, "number"), missing("phone", phone.number), "error"
    if entry.appointment and entry.appointment.phone and phone_digits(entry.appointment.phone) not in numbers:
        yield ("appointment", "phone"), missing("phone", entry.appointment.phone), "error"
    if entry.email and entry.email.lower() not in lowered:
        yield ("email",), missing("e-mail", entry.email), "error"
    if entry.address is None:
        return
    code = entry.address.postal_code
    if code and not re.search(rf"(?<!\d){code}(?!\d)", notes):
        yield ("address", "postal_code"), missing("postcode", code), "error"
    for part in address_parts(entry.address.address_1):
        if not re.search(rf"(?<![\w-]){re.escape(part)}(?![\w-])", streets):
            yield ("address", "address_1"), missing("address", entry.address.address_1), "error"
            break
