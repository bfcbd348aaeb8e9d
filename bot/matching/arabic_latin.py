"""Arabic and Persian typed in Latin letters, read back in Arabic script for the sentence model.

Newcomers without an Arabic keyboard write "jozi bidrobni kel yom", "ma 3indi ta2meen w ibni mareedh" (Arabizi)
or "eqamat man 2 mah dige tamoom mishe" (Finglish). The sentence model knows Arabic and Persian in their own
script well and such Latin text poorly: on the labelled sets the same need was answered directly for 88 % of the
Arabic messages in Arabic script and for 68 % of those in Latin letters.

No rule can spell a Latin word in Arabic script: short vowels are not written there, and one Latin letter
stands for several Arabic ones. So the words are looked up instead, in the Arabic and Persian texts the
knowledge base already holds (entries' titles, summaries, questions and keywords in `ar` and `fa`): every such
word is filed under its consonant skeleton ("جوزي" under "jz", "بيضربني" under "bdrbn"), a Latin word's
skeleton finds the candidates, and the one nearest in spelling, then the most frequent, is written. A word
with no candidate near enough stays in Latin letters, as do German office words (Jobcenter, Anmeldung),
capitalised words inside a sentence (Mitte, Duldung), numbers and acronyms: the model knows those as they
are. The reading is for the model only; the intents and the lexical index read the message as typed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from bot.knowledge.model import KnowledgeBase

from .langid_latin import is_office_word, reads_native
from .normalize import normalise

LANGUAGES = ("ar", "fa")

# A candidate further than this (Levenshtein distance over the longer spelling, both in the same rough Latin
# form) is no reading: "mahal" is not "محل"'s neighbour "مهال". Chosen on the labelled sets' Latin-letter
# Arabic and Persian messages: 0.4 kept fewer right words, 0.6 wrote wrong ones.
MAX_DISTANCE = 0.5
# Vowels between the same consonants (`_distance`): a short vowel only the Latin word writes, a long vowel only
# the Arabic one writes, two different vowels
SHORT_VOWEL_COST = 0.1
MISSING_VOWEL_COST = 0.5
OTHER_VOWEL_COST = 0.3
# Between candidates nearly as near, the more frequent word wins: this much distance per square root of its
# count in the texts, counts above FREQUENCY_CAP counting as that ("في" must not drown every f-word).
FREQUENCY_WEIGHT = 0.02
FREQUENCY_CAP = 50

_ARABIC_WORD = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]+")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_MARKS = re.compile("[\u064b-\u0652\u0640]")  # tashkeel, tatweel
_PERSIAN_LETTERS = frozenset("پچژکی")  # not گ: Iraqi and Gulf Arabic write it too (يگدر)
_TOKEN = re.compile(r"[A-Za-z0-9'’]+|[^A-Za-z0-9'’]+")
_LATIN_WORD = re.compile(r"[A-Za-z0-9]")
_COMPOUND = re.compile(r"[A-Za-z0-9'’]+(?:-[A-Za-z0-9'’]+)+")
_SENTENCE_END = re.compile(r"[.!?\n]")

# Each Arabic letter in a rough Latin form that Arabizi and Finglish spellings reduce to as well: c is sh, x is
# kh, C is ch, G is gh/q, Z is zh; a i u e are vowels (long vowels are written, short ones are not)
_ARABIC_ROUGH = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ى": "a", "ء": "2", "ئ": "2", "ؤ": "2", "ب": "b", "ت": "t", "ث": "t",
    "ج": "j", "ح": "7", "خ": "x", "د": "d", "ذ": "z", "ر": "r", "ز": "z", "س": "s", "ش": "c", "ص": "s", "ض": "d",
    "ط": "t", "ظ": "z", "ع": "3", "غ": "G", "ف": "f", "ق": "2", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "ة": "a", "و": "u", "ي": "i", "گ": "j",
}  # ق is 2: Levantine and Egyptian say and write it as a glottal stop (2addesh, 2al); the swaps try k too
_PERSIAN_ROUGH = {
    "ا": "a", "أ": "a", "إ": "e", "آ": "a", "ى": "i", "ء": "", "ئ": "", "ؤ": "", "ع": "", "ب": "b", "پ": "p",
    "ت": "t", "ث": "s", "ج": "j", "چ": "C", "ح": "h", "خ": "x", "د": "d", "ذ": "z", "ر": "r", "ز": "z", "ژ": "Z",
    "س": "s", "ش": "c", "ص": "s", "ض": "z", "ط": "t", "ظ": "z", "غ": "G", "ق": "G", "ف": "f", "ک": "k", "ك": "k",
    "گ": "g", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "e", "و": "u", "ی": "i", "ي": "i",
}  # Finglish writes ع not at all and ق like غ (gh)
_ROUGH = {"ar": _ARABIC_ROUGH, "fa": _PERSIAN_ROUGH}
# Latin spellings in the same rough form, in this order (sh before s, ou before o)
_LATIN_SPELLINGS = {
    "ar": (("'", ""), ("’", ""), ("sh", "c"), ("ch", "c"), ("kh", "x"), ("gh", "G"), ("th", "t"), ("dh", "z"),
           ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "i"), ("5", "x"), ("6", "t"), ("9", "s"), ("8", "2"),
           ("q", "2"), ("o", "u"), ("e", "i"), ("w", "u"), ("y", "i"), ("g", "j"), ("v", "f"), ("p", "b")),
    "fa": (("'", ""), ("’", ""), ("sh", "c"), ("ch", "C"), ("kh", "x"), ("gh", "G"), ("zh", "Z"), ("q", "G"),
           ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "i"), ("o", "u"), ("w", "u"), ("v", "u"), ("y", "i")),
}
_VOWELS = {"ar": "aiu", "fa": "aiue"}
# Letters people write for one another: Levantine 2 for ق, h for ح, a dropped ع; Persian h for ه or nothing
_SWAPS = {"ar": (("2", ""), ("2", "k"), ("k", "2"), ("h", "7"), ("7", "h"), ("j", "G"), ("s", "c"), ("3", "")),
          "fa": (("h", ""), ("G", "g"), ("j", "Z"))}
# One-letter and short particles written apart in Latin letters and joined or fixed in Arabic script
_PARTICLES = {
    "ar": {"w": "و", "wa": "و", "we": "و", "u": "و", "b": "ب", "bi": "ب", "f": "في"},
    "fa": {"va": "و", "o": "و", "ba": "با", "be": "به", "dar": "در", "az": "از", "ke": "که", "ro": "رو",
           "ra": "را", "man": "من", "to": "تو"},
}
_ARTICLES = ("el", "al", "il", "l", "ll")  # Arabic al- written apart: "el shahr" is الشهر


def _squeeze(text: str) -> str:
    return re.sub(r"(.)\1+", r"\1", text)


@dataclass(frozen=True)
class LatinReader:
    """The words of one language's texts, filed by consonant skeleton: (word, count, rough Latin form)."""

    lang: str
    by_skeleton: Mapping[str, tuple[tuple[str, int, str], ...]]

    @classmethod
    def from_texts(cls, lang: str, texts: Iterable[str]) -> LatinReader:
        counts: Counter[str] = Counter()
        for text in texts:
            for word in _ARABIC_WORD.findall(_MARKS.sub("", text)):
                counts[word] += 1
                if lang == "ar" and word.startswith("ال") and len(word) > 4:
                    counts[word[2:]] += 1  # "الدكتور" teaches "doktor" too; "el doktor" adds the article back
        filed: defaultdict[str, list[tuple[str, int, str]]] = defaultdict(list)
        for word, count in counts.items():
            if len(word) < 2 or (lang == "ar" and _PERSIAN_LETTERS & set(word)):
                continue  # one letter is a particle (_PARTICLES), never a reading of a word
            rough = _squeeze("".join(_ROUGH[lang].get(ch, "") for ch in word))
            forms = [rough]
            if word.endswith("ه") and len(word) > 2:  # a final ه is often a vowel: ibno ابنه, khune خونه
                forms.append(rough[:-1] + ("a" if lang == "ar" else "e"))
            for form in forms:
                filed[_skeleton(form, lang)].append((word, count, form))
        return cls(lang, {key: tuple(found) for key, found in filed.items()})

    def word(self, token: str) -> str | None:
        """One lower-case Latin word in Arabic script, or None when no known word is near enough."""
        rough = _rough_latin(token, self.lang)
        if len(set(rough)) < 2:
            return None  # "hhhhhh", "kkk": laughter and keyboard mash are no word
        best: tuple[float, str, float] | None = None
        for key in _keys(rough, self.lang):
            for word, count, form in self.by_skeleton.get(key, ()):
                distance = _distance(rough, form, self.lang)
                score = distance - FREQUENCY_WEIGHT * min(count, FREQUENCY_CAP) ** 0.5
                if best is None or (score, word) < best[:2]:  # a tie goes to the same word on every start
                    best = (score, word, distance)
        return best[1] if best is not None and best[2] <= MAX_DISTANCE else None

    def read(self, text: str) -> str:
        """`text` with its Latin words in Arabic script where a known word fits; everything else as typed."""
        kept = {part for match in _COMPOUND.finditer(text) for part in _kept_compound(match.group(0))}
        out: list[str] = []
        sentence_start, article = True, False
        for token in _TOKEN.findall(text):
            if not _LATIN_WORD.match(token):
                if article and token.strip() in ("", "-"):
                    continue  # "el shahr", "el-shahr": joined below
                out.append(token)
                sentence_start = sentence_start or bool(_SENTENCE_END.search(token))
                continue
            capitalised = token[:1].isupper() and not sentence_start
            sentence_start = False
            if token in kept or capitalised or _keeps_latin(token):
                out.append(("el " if article else "") + token)
                article = False
                continue
            lower = token.lower()
            if self.lang == "ar" and lower in _ARTICLES:
                article = True
                continue
            found = self._word_or_particle(lower)
            if found is None:
                out.append(("el " if article else "") + token)
            else:
                out.append("ال" + found if article and not found.startswith("ال") else found)
            article = False
        return "".join(out)

    def _word_or_particle(self, lower: str) -> str | None:
        particle = _PARTICLES[self.lang].get(lower)
        if particle is not None:
            return particle
        found = self.word(lower)
        if found is not None or self.lang != "ar":
            return found
        for article in ("el", "al", "il", "l"):  # "elshahr", "lbank": the article written on
            if lower.startswith(article) and len(lower) > len(article) + 2:
                rest = self.word(lower[len(article):])
                if rest is not None:
                    return rest if rest.startswith("ال") else "ال" + rest
        return None


def _distance(latin: str, arabic: str, lang: str) -> float:
    """How far a Latin word's rough form is from a candidate's, between 0 and 1. With the same consonants, vowel by
    vowel: a vowel the Arabic spelling lacks is a short vowel, written in Latin letters only (7ada is حدا as much
    as حادة), so it costs little; a long vowel missing in the Latin word or another vowel costs more. Otherwise
    (a swapped or dropped letter) the edit distance."""
    vowels = f"[{_VOWELS[lang]}]*"
    latin_groups = re.split(f"[^{_VOWELS[lang]}]", latin)
    arabic_groups = re.split(f"[^{_VOWELS[lang]}]", arabic)
    if len(latin_groups) != len(arabic_groups) or re.sub(vowels, "", latin) != re.sub(vowels, "", arabic):
        return float(Levenshtein.normalized_distance(latin, arabic))
    cost = sum(_vowel_cost(ours, theirs) for ours, theirs in zip(latin_groups, arabic_groups, strict=True))
    return min(1.0, cost / len(latin_groups))


def _vowel_cost(latin: str, arabic: str) -> float:
    if latin == arabic:
        return 0.0
    if not arabic:
        return SHORT_VOWEL_COST if len(latin) == 1 else MISSING_VOWEL_COST  # "uia" is no short vowel
    if not latin:
        return MISSING_VOWEL_COST
    return OTHER_VOWEL_COST


def _skeleton(rough: str, lang: str) -> str:
    return _squeeze(re.sub(f"[{_VOWELS[lang]}]", "", rough))


def _rough_latin(token: str, lang: str) -> str:
    for spelling, rough in _LATIN_SPELLINGS[lang]:
        token = token.replace(spelling, rough)
    return _squeeze(token)


def _keys(rough: str, lang: str) -> set[str]:
    keys = {_skeleton(rough, lang)}
    for letter, other in _SWAPS[lang]:
        keys |= {key.replace(letter, other) for key in keys}
    return keys


def _keeps_latin(token: str) -> bool:
    """Numbers, acronyms, German letters and German office words stay as typed: the model knows them so."""
    if token.isdigit() or (len(token) > 1 and token.isupper()) or set(token.lower()) & set("äöüß"):
        return True
    words = normalise(token).split()
    return bool(words) and all(is_office_word(word) for word in words)


def _kept_compound(compound: str) -> list[str]:
    """"Kita-Gutschein", "Charlottenburg-Wilmersdorf": all parts stay when one is an office word or a name."""
    parts = compound.split("-")
    return parts if any(_keeps_latin(part) or part[:1].isupper() for part in parts) else []


def readers_for(kb: KnowledgeBase) -> dict[str, LatinReader]:
    """A reader per language from the active entries' texts in it and the intents' phrases in its script: the
    entries are written in the standard language, the phrases hold the dialect ("بدي", "مش قادر", "میخوام").
    A phrase with a Persian letter is Persian; one without is Arabic (a Persian one that has none adds a few
    rare words to the Arabic reader)."""
    texts: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for entry in kb.active:
        for lang in LANGUAGES:
            own = entry.translations.get(lang)
            if own is not None:
                texts[lang].extend((own.title, own.summary, *own.questions, *own.keywords, *own.required_documents))
                texts[lang].extend(t for t in (own.how_to_book, own.eligibility, own.cost) if t)
    for phrase in _strings(kb.intents.model_dump()):
        if _ARABIC_SCRIPT.search(phrase):
            texts["fa" if _PERSIAN_LETTERS & set(phrase) else "ar"].append(phrase)
    return {lang: LatinReader.from_texts(lang, texts[lang]) for lang in LANGUAGES}


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def reads_latin(text: str, lang: str) -> bool:
    """A message in `lang` ("ar" or "fa") written in Latin letters only, and not mainly German, English or
    Turkish (someone who chose Arabic may still write "where is the jobcenter")."""
    if lang not in LANGUAGES or _ARABIC_SCRIPT.search(text) or not _LATIN_WORD.search(text):
        return False
    return not reads_native(text, (lang,))


def arabic_text(text: str, lang: str, readers: Mapping[str, LatinReader]) -> str:
    """What the sentence model embeds for Arabic or Persian in Latin letters; any other text unchanged."""
    reader = readers.get(lang)
    return reader.read(text) if reader is not None and reads_latin(text, lang) else text
