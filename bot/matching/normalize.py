"""Script-aware normalisation and tokenisation shared by the index and the queries."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# Persian (۰-۹) and Arabic-Indic (٠-٩) digits: phones send them for postcodes and times
_DIGITS = {**{chr(0x06F0 + i): str(i) for i in range(10)}, **{chr(0x0660 + i): str(i) for i in range(10)}}
_TO_ASCII_DIGITS = str.maketrans(_DIGITS)
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # tashkeel, tatweel
_TRANSLATE = str.maketrans(
    {
        # Arabic / Persian letter unification
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ة": "ه", "ۀ": "ه",
        "ؤ": "و", "ک": "ك", "ڪ": "ك", "\u200c": "", "\u200d": "", "\u200e": "", "\u200f": "",
        **_DIGITS,
        # Cyrillic and Turkish letters that people type either way
        "ё": "е", "ґ": "г", "ı": "i", "ß": "ss",
    }
)
_NON_WORD = re.compile(r"[^\w]+|\u02bc", re.UNICODE)
# Ukrainian writes an apostrophe inside words (б'є, сім'я) in several forms; keep the word whole
_CYRILLIC_APOSTROPHE = re.compile("(?<=[\u0400-\u04ff])['\u2019\u02bc`](?=[\u0400-\u04ff])")
_DIGITS_ONLY = re.compile(r"^\d+$")
_ARABIZI_DIGITS = re.compile(r"(?<=[a-z])[2356789]|[2356789](?=[a-z])")


def ascii_digits(text: str) -> str:
    """The text with Persian and Arabic-Indic digits as ASCII ("١٠١١٥" -> "10115"), nothing else changed."""
    return text.translate(_TO_ASCII_DIGITS)


def _strip_marks(text: str) -> str:
    """Remove Latin and Cyrillic diacritics (ü->u, é->e) but keep Arabic letters intact."""
    decomposed = unicodedata.normalize("NFD", text)
    kept: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char):
            # Cyrillic й and ї carry their mark as a letter; keep them distinct
            if char in "\u0306\u0308" and kept and kept[-1] in "иі":
                kept.append(char)
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Casefolded, unified, punctuation- and emoji-free text with single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _ARABIC_MARKS.sub("", text).translate(_TRANSLATE)
    text = _strip_marks(text)
    text = _CYRILLIC_APOSTROPHE.sub("", text)
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    """Word tokens of normalised text; single letters and bare digits carry no meaning here."""
    return [t for t in normalise(text).split() if len(t) > 1 and not _DIGITS_ONLY.match(t)]


def script_of(token: str) -> str:
    """'arabic', 'cyrillic' or 'latin' for the first letter; digits count as latin."""
    for char in token:
        code = ord(char)
        if 0x0600 <= code <= 0x06FF or 0xFB50 <= code <= 0xFEFF:
            return "arabic"
        if 0x0400 <= code <= 0x04FF:
            return "cyrillic"
        if char.isalpha():
            return "latin"
    return "latin"


def transliterate(token: str) -> str:
    """Latin letters for a non-Latin token, so 'Бюргерамт' can meet 'burgeramt'."""
    return normalise(anyascii(token))


def looks_arabizi(token: str) -> bool:
    """Arabic chat alphabet writes ع, ء, ح as digits inside Latin words (a3mel, 2ana, 7aki)."""
    return bool(_ARABIZI_DIGITS.search(token))
