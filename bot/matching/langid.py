"""Which language a message is in: script first, then lingua within the script, then the user's choice.

Without a choice, `_guess` reads more: non-Latin words decide the script over borrowed German words,
Cyrillic and Arabic-script words vote for uk/ru and fa, and Latin text goes to `langid_latin`
(Arabizi, Finglish, transliterated Russian and Ukrainian, Turkish without its letters).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from bot.languages import SUPPORTED

from .langid_latin import TRANSLITERATED
from .langid_latin import guess as guess_latin
from .langid_words import ARABIC_SCRIPT_PERSIAN_WORDS, CYRILLIC_ENDING_MIN_LENGTH, CYRILLIC_ENDINGS, CYRILLIC_WORDS
from .normalize import looks_arabizi, normalise, script_of

_BY_SCRIPT: dict[str, tuple[str, ...]] = {
    "latin": ("de", "en", "tr"),
    "cyrillic": ("uk", "ru"),
    "arabic": ("ar", "fa"),
}
_LINGUA = {
    "de": Language.GERMAN, "en": Language.ENGLISH, "tr": Language.TURKISH, "uk": Language.UKRAINIAN,
    "ru": Language.RUSSIAN, "ar": Language.ARABIC, "fa": Language.PERSIAN,
}
_CODE = {language: code for code, language in _LINGUA.items()}
_PERSIAN_LETTERS = set("پچژگیک")
_UKRAINIAN_LETTERS = set("іїєґ")
_RUSSIAN_LETTERS = set("ыэъё")
# A word needs two letters to tell its script: "Anmeldung" in an Arabic sentence is borrowed, but a
# stray letter or symbol is not a word
_SCRIPT_WORD_LETTERS = 2


@lru_cache(maxsize=3)
def _detector(script: str) -> LanguageDetector:
    languages = [_LINGUA[code] for code in _BY_SCRIPT[script]]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _main_script(text: str) -> str:
    counts: Counter[str] = Counter()
    for word in text.split():
        letters = sum(ch.isalpha() for ch in word)
        if letters:
            counts[script_of(word)] += letters
    return counts.most_common(1)[0][0] if counts else "latin"


def _script_of_lang(code: str) -> str:
    return next(script for script, codes in _BY_SCRIPT.items() if code in codes)


def _confidences(text: str, script: str) -> dict[str, float]:
    return {_CODE[c.language]: c.value for c in _detector(script).compute_language_confidence_values(text)}


def _lingua(text: str, script: str) -> tuple[str, float]:
    confidences = _detector(script).compute_language_confidence_values(text)
    if not confidences:
        return _BY_SCRIPT[script][0], 0.0
    return _CODE[confidences[0].language], confidences[0].value


def _written_script(text: str) -> str:
    """The script of the message's own words: people of any language borrow German office words in
    Latin letters ("وين بعمل Anmeldung", "Jobcenter мне написал"), so non-Latin words decide."""
    counts: Counter[str] = Counter()
    for word in text.split():
        if sum(ch.isalpha() for ch in word) >= _SCRIPT_WORD_LETTERS:
            counts[script_of(word)] += sum(ch.isalpha() for ch in word)
    foreign = [(n, script) for script, n in counts.items() if script != "latin"]
    return max(foreign)[1] if foreign else "latin"


def _cyrillic_votes(lowered: str, lang: str) -> int:
    """Words with the language's own letters, its own words, its own endings."""
    letters = _UKRAINIAN_LETTERS if lang == "uk" else _RUSSIAN_LETTERS
    words = normalise(lowered).split()
    return (
        sum(bool(set(word) & letters) for word in lowered.split())
        + sum(word in CYRILLIC_WORDS[lang] for word in words)
        + sum(len(word) >= CYRILLIC_ENDING_MIN_LENGTH and word.endswith(CYRILLIC_ENDINGS[lang]) for word in words)
    )


def _cyrillic(text: str) -> str:
    """Ukrainian or Russian by letters (і ї є ґ / ы э ъ ё) and words each writes and the other does
    not; Ukrainian with Russian words (surzhyk) is Ukrainian, so a tie goes to Ukrainian letters."""
    lowered = text.lower()
    uk, ru = (_cyrillic_votes(lowered, lang) for lang in ("uk", "ru"))
    if uk != ru:
        return "uk" if uk > ru else "ru"
    if uk:  # as much Russian as Ukrainian: Ukrainians mix in Russian words, Russians do not mix in Ukrainian
        return "uk"
    return _lingua(text, "cyrillic")[0]


def _guess(text: str) -> str:
    """The language of a message when the user has chosen none."""
    script = _written_script(text)
    if script == "cyrillic":
        return _cyrillic(text)
    if script == "arabic":
        persian = set(text) & _PERSIAN_LETTERS or set(normalise(text).split()) & ARABIC_SCRIPT_PERSIAN_WORDS
        return "fa" if persian else _lingua(text, "arabic")[0]
    return guess_latin(text, lambda kept: _confidences(kept, "latin"))


def detect(text: str, hint: str | None = None) -> str:
    """The language to answer in: the user's choice unless the text clearly is in another language.

    German office words, Arabizi and Finglish are written in Latin letters by people who
    chose Arabic or Persian: Latin text alone does not overrule a non-Latin choice.
    Without a (supported) choice, `_guess` decides alone; with one, the choice stands whenever
    `_guess` agrees with it, and otherwise the script and lingua rules below decide as before.
    """
    if hint not in SUPPORTED or hint is None:
        return _guess(text)
    guessed = _guess(text)
    if guessed == hint:
        return hint  # the message reads as the chosen language: "where is the jobcenter" stays English
    script = _main_script(text)
    letters = set(text.lower())
    if script == "arabic":
        if letters & _PERSIAN_LETTERS:
            return "fa"
        if hint in _BY_SCRIPT["arabic"]:
            return hint
    elif script == "cyrillic":
        has_uk, has_ru = bool(letters & _UKRAINIAN_LETTERS), bool(letters & _RUSSIAN_LETTERS)
        if has_uk != has_ru:
            return "uk" if has_uk else "ru"
        if hint in _BY_SCRIPT["cyrillic"]:
            return hint
    else:
        if _script_of_lang(hint) != "latin":
            if len(text.split()) < 4 or guessed in TRANSLITERATED:
                return hint  # Arabizi, Finglish or translit: written in Latin letters for want of a keyboard
            code, confidence = _lingua(text, "latin")
            return code if confidence >= 0.9 and not any(looks_arabizi(w) for w in text.split()) else hint
        if len(text.split()) < 4:
            return hint
    code, confidence = _lingua(text, script)
    if hint in _BY_SCRIPT[script] and confidence < 0.8:
        return hint
    return code
