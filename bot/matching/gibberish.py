"""Messages that carry no words at all: keyboard mash, markup, punctuation, emoji.

Such a message should get "please write your question in words", not a guessed service. The rules
are deliberately narrow: a short real word, an abbreviation (WBS, LEA), a number or a postcode is
never gibberish, and one real word among mash is enough to treat the message as a question.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .normalize import normalise, script_of

# Keyboard rows after normalise() (so Persian ی/ک appear as Arabic ي/ك), left to right.
_ROWS = (
    "qwertyuiop", "qwertzuiop", "asdfghjkl", "zxcvbnm", "yxcvbnm",
    "йцукенгшщзх", "фывапролджэ", "фівапролджє", "ячсмитьбю",
    "ضصثقفغعهخحجد", "شسيبلاتنمكط", "ءورزظ",  # Arabic (ئ ؤ ى ة are unified away)
    "ضصثقفغعهخحجچ", "شسيبلاتنمكگ", "ظطزرذدپو",  # Persian
)
_MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|&[a-z]+;|```|[*_~`|#>]")
_LATIN = set("abcdefghijklmnopqrstuvwxyz")
_LATIN_VOWELS = set("aeiouy")
_CYRILLIC = {chr(code) for code in range(0x0430, 0x0460)}
_CYRILLIC_VOWELS = set("аеиоуыэюяієї")
_MIN_MASH = 5  # shorter tokens may be words or abbreviations (WBS, ВНЖ, سلام)
_MIN_REPEAT = 4  # one key held down: jjjj
_MIN_NO_VOWEL = 6  # "lgbtq" and "пжлст" (please) are real five-letter abbreviations
_KEY_RUN = 5  # "wert" and "прол" are parts of real words; five neighbouring keys are not


def _one_row(token: str) -> str | None:
    return next((row for row in _ROWS if set(token) <= set(row)), None)


def _key_run(token: str) -> int:
    """Longest stretch of neighbouring keys typed in one direction (asdfg, ضصثقف)."""
    best = 1
    for row in _ROWS:
        run, step = 1, 0
        for prev, char in pairwise(token):
            if prev in row and char in row and abs(row.index(char) - row.index(prev)) == 1:
                this = row.index(char) - row.index(prev)
                run, step = (run + 1 if this == step or run == 1 else 2), this
            else:
                run, step = 1, 0
            best = max(best, run)
    return best


def is_mash(token: str) -> bool:
    """A normalised token that no language would write: jjjjjj, asdfgh, ыфвфыв, xkcdqwrt."""
    letters = set(token)
    if any(ch.isdigit() for ch in token):
        return False  # numbers, postcodes and Arabizi (3am, 7aki) are words
    if len(letters) == 1 and len(token) >= _MIN_REPEAT:
        return True  # jjjj, ههههه
    if len(token) < _MIN_MASH:
        return False
    arabic = script_of(token) == "arabic"
    # asdasd, ыфвфыв: a few keys of one row, over and over. Arabic words reuse few letters
    # (اساسا, للبيبي), so there the keys must repeat three times.
    if _one_row(token) and len(letters) * (3 if arabic else 2) <= len(token):
        return True
    if _key_run(token) >= _KEY_RUN:
        return True
    if len(token) < _MIN_NO_VOWEL:
        return False
    if letters <= _LATIN:
        return not letters & _LATIN_VOWELS  # xkcdqwrt
    return letters <= _CYRILLIC and not letters & _CYRILLIC_VOWELS


def is_gibberish(text: str) -> bool:
    """True when the message has no real word: mash, markup only, punctuation or emoji only."""
    without_markup = _MARKUP.sub(" ", text)
    words = normalise(without_markup).split()
    if not words:
        return True
    return all(is_mash(word) for word in words)
