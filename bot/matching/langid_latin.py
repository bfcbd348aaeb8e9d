"""Latin-script messages without the user's choice: which of the seven languages.

Newcomers write Arabic (Arabizi), Persian (Finglish), Russian and Ukrainian in Latin letters too,
Turkish often without ç ğ ı ş, and every language borrows German office words ("kak poluchit
anmeldung"). Each word votes for the languages it is typical of (`langid_words`); a few spelling
patterns vote too (digits for Arabic letters, Persian verb forms, Turkish suffixes after an
apostrophe, Russian and Ukrainian endings and zh/shch). A transliterated language wins when its votes
outnumber those of German, English and Turkish; between those three, the votes and lingua's confidence
decide together.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable

from .langid_words import LATIN_WORDS, OFFICE_SUFFIX_MIN_LENGTH, OFFICE_SUFFIXES, OFFICE_WORDS
from .normalize import normalise

NATIVE = ("de", "en", "tr")  # written in Latin letters by their own alphabet
TRANSLITERATED = ("ar", "fa", "ru", "uk")  # written in Latin letters for want of a keyboard

# Arabizi writes ع ح ء خ ط ق ص as 3 7 2 5 6 8 9 inside words (a3mel, 7aki, 2ana, ab8a); one such word
# is near-certain Arabic, more than a function word
ARABIZI_WEIGHT = 2.0
_ARABIZI = re.compile(r"[a-z][2356789]|[2356789][a-z]")
# Numbers with a unit or ending are not Arabizi: 2yo, 3rd, 7am, 3er, 2te, 5'te; nor are two digits and
# more before letters (25eur, 10km, 24h): Arabizi writes one digit for one letter
_NUMBER_WITH_UNIT = re.compile(
    r"^\d{2,}[a-z]+$|^\d+(st|nd|rd|th|h|hr|hrs|min|mins|am|pm|k|km|kg|g|gb|m|x|yo|y|yr|yrs|j|er|te|ten|mal"
    r"|de|da|den|dan|ta|li|lu|lik|luk|nci|inci|uncu|ncu|e|eme|eur|euro)$"
)
# Persian verb forms in Finglish: mi-/nemi- present (mikham, nemitoonam, mishe, migire) and past
# stems with a person ending (umadam, gerefte, nayomade); the stems are Persian, the shapes rare elsewhere
_FA_PRESENT = re.compile(
    r"^(ne)?mi(kh|kha|khah|kon|sh|g|gir|r|d|t[ou]{1,2}n|d[ou]{1,2}n|bin|zan|zar|khor|kh[ou]{1,2}n|frest|fers"
    r"|pors|tars|kesh|gard|shin|sh?nas|shenas|nevis|band|saz|m[ou]{1,2}n|oft|ar)?(am|i|e|ad|im|id|in|an|and|ay|ey)$"
)
_FA_PAST = re.compile(
    r"^(na)?(raft|[uoa]{1,2}mad|y[ou]{1,2}mad|gereft|dad|kard|did|goft|shod|resid|b[ou]{1,2}d|dasht|khord"
    r"|kh[ou]{1,2}nd|nevesht|ferestad|porsid|tarsid|zad|gozasht|av[ao]rd|bord|khast|t[ou]{1,2}nest"
    r"|d[ou]{1,2}nest|m[ou]{1,2}nd)(am|i|e|im|id|in|an|and|ast)$"
)
_FA_MIN_LENGTH = 4  # "mie", "dad": too short to be sure of
# Turkish endings typed without ı ş ğ: bulamiyorum, yapabilir, basvurmak, var misiniz, belgeleri
_TURKISH_WORD = re.compile(
    r"([iu]yor(um|sun|uz|sunuz|lar|du|dum|mus)?|[ae]bil(ir|irim|iriz)?|m[ae]k|m[ae]m|"
    r"m[iu]s[iu]n(iz)?|m[iu]y[iu][mz]|l[ae]r[iu]|l[ae]rd[ae]n?|[iu]m[iu]z)$"
)
_TURKISH_MIN_LENGTH = 5  # "mak" and "lari" endings need a stem before them
# Russian and Ukrainian in Latin letters: reflexive -tsya/-sya and first person -ayu/-yayu (nakhoditsya,
# ponimayu), adjectives -nyy/-nyj/-nyi and -omu (бесплатный, безкоштовний, нашому); a vote for both, the words
# decide between them
_SLAVIC_WORD = re.compile(r"(t?s[jy]a|[aey][jy]u|i[jy]u|[bcdfghklmnprstvz]y[yji]|[eo]mu)$")
# Russian only: -skij/-skaya, -ogo, -enie/-aniya, -ovat', -aet (немецкий, немецкого, разрешение, пользовать,
# получает); Ukrainian only: -nnia, -yty/-aty/-iti, -tysia, -oho, -iv, -aie (навчання, зробити, записатися,
# нового, документів, отримує)
_RUSSIAN_WORD = re.compile(
    r"(sk(ij|iy|ii|aya|aja|aia|oj|oy|oi)|[nvkgh]ogo|[oiy]vat|[ae]ni(e|ye|ya|ja|ia|ju|yu|iu)|aet)$"
)
_UKRAINIAN_WORD = re.compile(
    r"(nni[aeu]|nn[jy][aeu]|[^e]at[yi]|[^aeiou](yty|iti)|tysi?a|tys[jy]a|[nvkh]oho|[bcdfghklmnprstvz]iv|a[ij]e)$"
)
_SLAVIC_MIN_LENGTH = 5  # "asya", "uyu": too short to tell
_SLAVIC_LETTERS = re.compile(r"zh|shch")  # ж and щ (muzh, uzhe, shcho): other languages here hardly write them
_SLAVIC_LETTERS_MIN_LENGTH = 3
# Turkish joins case endings to names with an apostrophe (Berlin'de, Jobcenter'dan, BAMF'ın);
# English contracts with one (I'm, don't, landlord's); Russian and Ukrainian write ь and the
# Ukrainian apostrophe with one (pis'mo, sem'ya, b'ie), and those words are looked up without it
_APOSTROPHE = re.compile(r"(\w+)['’`](\w+)")
_TURKISH_ENDINGS = frozenset(
    {"de", "da", "den", "dan", "te", "ta", "ten", "tan", "e", "a", "ye", "ya", "i", "u", "yi", "yu", "in", "un",
     "nin", "nun", "le", "la", "ler", "lar", "dir", "dur", "deki", "daki", "teki"}
)
# Turkish puts a y between a vowel and the ending (Kita'ya, LEA'yı); after a consonant it is ь (sem'ya)
_TURKISH_BUFFERED = frozenset({"ye", "ya", "yi", "yu"})
_ENGLISH_ENDINGS = frozenset({"s", "re", "ve", "ll"})
# don't, can't; I'm; I'd, you'd, they'd: not kindergel'd, aufenthal't
_ENGLISH_AFTER = {"t": "n", "m": "i", "d": "aeiouy"}
# Letters of one language only among the three; a word with one votes once
_LETTER_VOTES = {"ğ": "tr", "ı": "tr", "ş": "tr", "ç": "tr", "ä": "de", "ß": "de"}
# lingua's confidence (0..1) counts like one typical word: it decides between German, English and
# Turkish when the words do not, but is unreliable on two or three words ("anmelden" -> Turkish)
LINGUA_WEIGHT = 1.0

Votes = defaultdict[str, float]


def _apostrophes(text: str, votes: Votes) -> str:
    """Votes for Turkish or English apostrophe endings; the text without the endings."""

    def cut(match: re.Match[str]) -> str:
        stem, ending = match.group(1), normalise(match.group(2))
        last = stem[-1].lower()
        if ending in _TURKISH_ENDINGS and (ending not in _TURKISH_BUFFERED or last in "aeiouıöü"):
            votes["tr"] += 1
            return stem
        if ending in _ENGLISH_ENDINGS or last in _ENGLISH_AFTER.get(ending, ""):
            votes["en"] += 1
            return match.group(0)
        return stem + match.group(2)  # pis'mo: one word

    return _APOSTROPHE.sub(cut, text)


def is_office_word(token: str) -> bool:
    """A German office noun or Berlin place that any language borrows."""
    return token in OFFICE_WORDS or (len(token) >= OFFICE_SUFFIX_MIN_LENGTH and token.endswith(OFFICE_SUFFIXES))


def looks_arabizi(token: str) -> bool:
    """Stricter than `normalize.looks_arabizi` (which the choice-keeping rules still use): units are numbers."""
    return bool(_ARABIZI.search(token)) and not _NUMBER_WITH_UNIT.match(token)


def looks_persian_verb(token: str) -> bool:
    return len(token) >= _FA_MIN_LENGTH and bool(_FA_PRESENT.match(token) or _FA_PAST.match(token))


def looks_turkish_word(token: str) -> bool:
    return len(token) >= _TURKISH_MIN_LENGTH and bool(_TURKISH_WORD.search(token))


def votes(text: str) -> tuple[Votes, list[str]]:
    """Votes per language, and the words that are not office words (what lingua should see)."""
    counted: Votes = defaultdict(float)
    text = _apostrophes(unicodedata.normalize("NFC", text), counted)
    kept: list[str] = []
    for word in text.split():
        tokens = normalise(word).split()
        if tokens and all(is_office_word(token) for token in tokens):
            continue
        kept.append(word)
        for lang in {_LETTER_VOTES[char] for char in word.lower() if char in _LETTER_VOTES}:
            counted[lang] += 1
        for token in tokens:
            if looks_arabizi(token):
                counted["ar"] += ARABIZI_WEIGHT
                continue
            for lang, words in LATIN_WORDS.items():
                if token in words:
                    counted[lang] += 1
            if token not in LATIN_WORDS["fa"] and looks_persian_verb(token):
                counted["fa"] += 1
            if token not in LATIN_WORDS["tr"] and looks_turkish_word(token):
                counted["tr"] += 1
            long = len(token) >= _SLAVIC_MIN_LENGTH
            slavic = (long and bool(_SLAVIC_WORD.search(token))) or (
                len(token) >= _SLAVIC_LETTERS_MIN_LENGTH and bool(_SLAVIC_LETTERS.search(token)))
            counted["ru"] += slavic or (long and bool(_RUSSIAN_WORD.search(token)))
            counted["uk"] += slavic or (long and bool(_UKRAINIAN_WORD.search(token)))
    return counted, kept


def reads_native(text: str, transliterated: tuple[str, ...]) -> bool:
    """Latin text whose words vote more for German, English or Turkish than for any of the `transliterated`
    languages: someone who chose Russian or Arabic may still write "where is the jobcenter", and such text is
    not read in another script."""
    counted, _ = votes(text)
    return max(counted[native] for native in NATIVE) > max(counted[lang] for lang in transliterated)


def guess(text: str, lingua: Callable[[str], dict[str, float]]) -> str:
    """The language of a Latin-script message; `lingua` gives confidences for de, en and tr."""
    counted, kept = votes(text)
    native = max(counted[lang] for lang in NATIVE)
    foreign = max(TRANSLITERATED, key=lambda lang: counted[lang])
    if counted[foreign] > native:
        return foreign
    if not kept:  # only office words: "Jobcenter", "Anmeldung Termin"
        return "de"
    confidence = lingua(" ".join(kept))
    return max(NATIVE, key=lambda lang: counted[lang] + LINGUA_WEIGHT * confidence.get(lang, 0.0))
