"""Russian and Ukrainian written in Latin letters the ways people do: the cue words of language detection
(`langid_words`) are listed once in Cyrillic and spelled in each of these schemes.

- anyascii: zh kh ts shch, ' for ь, ya yu, and Russian letters for Ukrainian (и as i, г as g, ї as i, є as ie);
- chat: j for й, ja ju je jo, h for Russian х, c for ц, sch for Russian щ, ' for ь; Ukrainian h for г, y for и;
- passport: Russian ICAO (ia iu, й as i, no soft sign), Ukrainian KMU 2010 (h for г, y for и, ye yi y yu ya at
  the start of a word and ie i i iu ia inside it).
"""

from __future__ import annotations

from anyascii import anyascii

SCHEMES = ("anyascii", "chat", "passport")

_CHAT_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ж": "zh", "з": "z", "й": "j", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "ц": "c", "ч": "ch", "ш": "sh",
    "ю": "ju", "я": "ja", "ь": "'",
}
_CHAT = {
    "ru": {**_CHAT_COMMON, "г": "g", "ё": "jo", "и": "i", "х": "h", "щ": "sch", "ъ": "'", "ы": "y", "э": "e"},
    "uk": {**_CHAT_COMMON, "г": "h", "ґ": "g", "є": "je", "и": "y", "і": "i", "ї": "ji", "х": "kh", "щ": "shch",
           "'": "'", "’": "'", "ʼ": "'"},
}
_PASSPORT_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ж": "zh", "з": "z", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "й": "i",
}
_PASSPORT = {
    "ru": {**_PASSPORT_COMMON, "г": "g", "ё": "e", "и": "i", "ъ": "ie", "ы": "y", "э": "e"},
    "uk": {**_PASSPORT_COMMON, "г": "h", "ґ": "g", "є": "ie", "и": "y", "і": "i", "ї": "i", "'": "", "’": "",
           "ʼ": ""},
}
# KMU 2010: at the start of a word є ї й ю я are ye yi y yu ya
_KMU_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def _by_table(text: str, table: dict[str, str], initial: dict[str, str]) -> str:
    out: list[str] = []
    previous = " "
    for char in text:
        lower = char.lower()
        latin = initial.get(lower) if not previous.isalpha() else None
        if latin is None:
            latin = table[lower] if lower in table else str(anyascii(lower)).lower()
        out.append(latin[:1].upper() + latin[1:] if char != lower else latin)
        previous = char
    return "".join(out)


def romanise(text: str, lang: str, scheme: str) -> str:
    """Russian (`lang` "ru") or Ukrainian ("uk") `text` in Latin letters by `scheme` (one of SCHEMES)."""
    if scheme == "anyascii":
        return str(anyascii(text))
    if scheme == "chat":
        return _by_table(text, _CHAT[lang], {})
    if scheme == "passport":
        return _by_table(text, _PASSPORT[lang], _KMU_INITIAL if lang == "uk" else {})
    raise ValueError(f"unknown scheme {scheme!r}")
