"""Which language a message is in: script first, then lingua within the script, then the user's choice."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from bot.languages import SUPPORTED

from .normalize import looks_arabizi, script_of

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


def _lingua(text: str, script: str) -> tuple[str, float]:
    confidences = _detector(script).compute_language_confidence_values(text)
    if not confidences:
        return _BY_SCRIPT[script][0], 0.0
    return _CODE[confidences[0].language], confidences[0].value


def detect(text: str, hint: str | None = None) -> str:
    """The language to answer in: the user's choice unless the text clearly is in another language.

    German office words, Arabizi and Finglish are written in Latin letters by people who
    chose Arabic or Persian: Latin text alone does not overrule a non-Latin choice.
    """
    hint = hint if hint in SUPPORTED else None
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
        if hint is not None and _script_of_lang(hint) != "latin":
            if len(text.split()) < 4:
                return hint
            code, confidence = _lingua(text, "latin")
            return code if confidence >= 0.9 and not any(looks_arabizi(w) for w in text.split()) else hint
        if hint is None and any(looks_arabizi(word) for word in text.lower().split()):
            return "ar"
        if hint is not None and len(text.split()) < 4:
            return hint
    code, confidence = _lingua(text, script)
    if hint in _BY_SCRIPT[script] and confidence < 0.8:
        return hint
    return code
