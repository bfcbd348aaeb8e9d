"""District names in a message: they say where, not what.

"Sozialamt Mitte" asks for the Sozialamt; "Mitte" only picks which one. Scored as a word, a district
name would pull every office whose title carries it (the Bürgeramt Rathaus Mitte for "sosyalamt adresi
mitte"), so district names are left out of matching and used to choose the district's office instead.
"""

from __future__ import annotations

from functools import lru_cache

from .normalize import normalise, transliterate

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
