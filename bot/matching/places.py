"""District names in a message: they say where, not what.

"Sozialamt Mitte" asks for the Sozialamt; "Mitte" only picks which one. Scored as a word, a district
name would pull every office whose title carries it (the Bürgeramt Rathaus Mitte for "sosyalamt adresi
mitte"), so district names are left out of matching and used to choose the district's office instead.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from . import placenames
from .normalize import ascii_digits, normalise, script_of, transliterate

__all__ = ["ascii_digits", "district_from_text", "district_in", "is_place_word"]

# District and locality names; most offices carry one in their address or title.
_PLACES = {
    **{
        name: "charlottenburg-wilmersdorf"
        for name in ("charlottenburg", "wilmersdorf", "westend", "halensee", "grunewald", "schmargendorf")
    },
    **{name: "mitte" for name in ("mitte", "tiergarten", "moabit", "wedding", "gesundbrunnen", "hansaviertel")},
}
# Spellings that transliteration does not bring back to the German name (Arabic script, Cyrillic)
_PLACES.update(
    {
        "ميته": "mitte", "ميتي": "mitte", "موابيت": "mitte", "فيدينغ": "mitte", "تيرغارتن": "mitte",
        "شارلوتنبورغ": "charlottenburg-wilmersdorf", "شارلوتنبورگ": "charlottenburg-wilmersdorf",
        "فيلمرسدورف": "charlottenburg-wilmersdorf", "ويلمرسدورف": "charlottenburg-wilmersdorf",
        "sharlottenburg": "charlottenburg-wilmersdorf", "vilmersdorf": "charlottenburg-wilmersdorf",
    }
)
_NOT_SCORED = {*_PLACES, "berlin", "برلين"}
_MIN_INFLECTED = 6  # names this long may take endings; "mitte" may not ("Mittel" means funds)


def _latin(token: str) -> str:
    return transliterate(token).replace(" ", "")


def _place(form: str, names: set[str] | dict[str, str]) -> str | None:
    """The place a word names, also inflected ("Берлине", "Moabiter", "Charlottenburgs")."""
    if form in names:
        return form
    for cut in (1, 2):
        if len(form) - cut >= _MIN_INFLECTED and form[:-cut] in names:
            return form[:-cut]
    return None


@lru_cache(maxsize=16384)  # asked for every word of every text and message; transliteration is not free
def is_place_word(token: str) -> bool:
    """A normalised token naming a district or locality (in any script) or Berlin itself."""
    return _place(token, _NOT_SCORED) is not None or _place(_latin(token), _NOT_SCORED) is not None


def district_in(text: str) -> str | None:
    """The one district a message names ("Jobcenter Mitte"); None when none or both are named."""
    found = set()
    for token in normalise(text).split():
        for form in (token, _latin(token)):
            name = _place(form, _PLACES)
            district = _PLACES[name] if name else None
            if district:
                found.add(district)
    return found.pop() if len(found) == 1 else None


# ------------------------------------------------------------------ "ich wohne in Moabit"

_LATIN_NAMES = {normalise(name).replace(" ", ""): district for name, district in placenames.LATIN.items()}
_SCRIPT_NAMES = {normalise(name).replace(" ", ""): district for name, district in placenames.ARABIC.items()}
_FILLER = frozenset(normalise(word) for word in placenames.FILLER)
_ARABIC_PREFIXES = ("بال", "ب", "و", "ف", "ل")  # بموابيت: "in Moabit" written as one word
_FUZZY_MIN = 7  # only long names absorb a typo: "neukoln" is a name, "mitt" is not "mitte"


def _fuzzy(form: str) -> str | None:
    """A long Latin name with one typo ("charlottenbrug", "gesundbrunnnen"): two for very long ones."""
    if len(form) < _FUZZY_MIN or not form.isascii():
        return None
    allowed = 1 if len(form) < 12 else 2
    best = min(_LATIN_NAMES, key=lambda name: Levenshtein.distance(form, name))
    return _LATIN_NAMES[best] if Levenshtein.distance(form, best) <= allowed else None


def _district_of_word(word: str) -> str | None:
    """The district a single normalised word (or two joined words) names, in any script."""
    if script_of(word) == "arabic":
        for prefix in ("", *_ARABIC_PREFIXES):
            if word.startswith(prefix) and word[len(prefix):] in _SCRIPT_NAMES:
                return _SCRIPT_NAMES[word[len(prefix):]]
        return None
    for form in dict.fromkeys((word, _latin(word))):
        name = _place(form, _LATIN_NAMES)  # also inflected: "Моабите", "Kreuzberger"
        if name:
            return _LATIN_NAMES[name]
    return _fuzzy(_latin(word))


def district_from_text(text: str) -> str | None:
    """"mitte", "charlottenburg-wilmersdorf", "outside" (another Berlin district) or None.

    Only a message that is essentially the place answers where someone lives: the place name(s)
    plus words like "ich wohne in", "я живу в", "انا ساكن في". "Wo ist das Jobcenter in Mitte"
    asks for an office and gives None (`district_in` picks the office's district for it).
    Names of two different districts also give None.
    """
    words = normalise(ascii_digits(text)).split()
    found: set[str] = set()
    index = 0
    while index < len(words):
        pair = "".join(words[index : index + 2]) if index + 1 < len(words) else ""
        district = _district_of_word(pair) if pair else None  # "prenzlauer berg", "نوي كولن"
        if district:
            index += 2
        else:
            word = words[index]
            index += 1
            district = _district_of_word(word)
            if district is None and word not in _FILLER:
                return None
        if district:
            found.add(district)
    return found.pop() if len(found) == 1 else None
