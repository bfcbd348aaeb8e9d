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


def detect(text: str, hint: str | None = None) -> str:
    """Best language code for `text`; the user's chosen language wins unless the text clearly says otherwise."""
    hint = hint if hint in SUPPORTED else None
    script = _main_script(text)
    candidates = _BY_SCRIPT[script]
    letters = set(text.lower())
    if script == "arabic":
        if letters & _PERSIAN_LETTERS:
            return "fa"
    elif script == "cyrillic":
        if letters & _UKRAINIAN_LETTERS and not letters & _RUSSIAN_LETTERS:
            return "uk"
        if letters & _RUSSIAN_LETTERS and not letters & _UKRAINIAN_LETTERS:
            return "ru"
    elif hint in ("ar", "fa"):
        return hint  # Arabizi / Finglish: Latin letters, the user's own language
    elif any(looks_arabizi(word) for word in text.lower().split()):
        return "ar"
    if hint in candidates and len(text.split()) < 4:
        return hint
    confidences = _detector(script).compute_language_confidence_values(text)
    if not confidences:
        return hint if hint in candidates else candidates[0]
    best = confidences[0]
    if hint in candidates:
        hint_conf = next((c.value for c in confidences if _CODE[c.language] == hint), 0.0)
        if hint_conf >= 0.2 or best.value < 0.7:
            return hint
    return _CODE[best.language]
