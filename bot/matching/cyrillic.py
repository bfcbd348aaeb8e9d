"""Russian and Ukrainian typed in Latin letters, back in Cyrillic: what the sentence model and the index read.

Newcomers without a Cyrillic keyboard write "muzh b'et menja", "u muzha bol v grudi, kakoj nomer skoroj",
"na roboti nachalnyk platyt meni menshe". The sentence model and the lexical index know Russian and
Ukrainian in Cyrillic well and such Latin text poorly, so `model_text` gives them "муж бьет меня".

`to_cyrillic` reads the informal schemes people mix: zh ж, kh/h/x х (Ukrainian h is г), ch ч, sh ш,
shch/sch щ, ts/c ц, ya/ja/ia я, yu/ju/iu ю, ye/je е (Ukrainian є), yo/jo ё (Ukrainian йо), y and j after a
vowel й, ' and ` ь (Ukrainian: the apostrophe before a vowel, сім'я), y after a consonant ы (Ukrainian и),
i и (Ukrainian і), yi/ji ї in Ukrainian, a lone "y" у (it looks like one). Where one spelling has two
readings the frequent one wins: word-initial e is э in Russian only before t, k, l (это, экзамен,
электрик: есть, если, его, евро keep е); ye after a consonant is the Russian plural ые (novye); a final
tsya is тся (находится); ia before l stays иа/іа (социальный, соціальна). What no rule can know stays wrong
(Ukrainian written with i for и gives "квартіру"; a dropped soft sign stays dropped): the model and the
fuzzy index forgive a letter.

German and English words stay as written: the index and the model know "Jobcenter", "Termin",
"Anmeldung", "Kita", "LEA", "BAMF" in Latin letters, and "йобцентер" would be lost to both. The rule is
the language detector's own list of borrowed office words (`langid_latin.is_office_word`: the nouns
listed in `langid_words`, and long compounds ending in -amt, -geld, -ung, -center, -kurs ...) plus a
short list here (Arzt, Schule, Ausweis, ok, online), words with ä ö ü ß w q (no Russian or Ukrainian
scheme uses them), words with digits (B1, 2te) and acronyms in capitals (unless the whole message is in
capitals). Keeping every word the lexical index knows in Latin letters was the other way, and a worse
one: it is not a pure function of the text, and the index's Latin vocabulary (the German, English and
Turkish titles, keywords and questions) holds many short words that are also translit. Of the 6,545 words
of the romanised Russian and Ukrainian messages of the labelled sets (bench/translit_eval.py), 869 are in
it, most of them Russian or Ukrainian there: ne, ya, yak, de, iz, tut, let, mi, do, nam, li, den, sad,
adres, pasport.
"""

from __future__ import annotations

import re

from .langid_latin import is_office_word, reads_native
from .normalize import normalise

LANGUAGES = ("ru", "uk")

# German and English words that Russian and Ukrainian speakers write in Latin letters and that the
# office list of the language detector does not name (it names nouns of offices and places)
_KEEP = frozenset(normalise(
    """arzt hausarzt zahnarzt kinderarzt frauenarzt facharzt schule grundschule ausweis brief asyl deutsch
    deutschland hartz rente visum karte krankenhaus notaufnahme praxis steuer steuerid ok okay email online
    whatsapp telegram pdf sms id wg job""").split()
)
_FOREIGN_LETTERS = set("äöüßwq")  # German letters, and letters no Russian or Ukrainian scheme uses
_APOSTROPHES = "'’`ʼ"
_WORD = re.compile(rf"\w+(?:[{_APOSTROPHES}]\w+)*[{_APOSTROPHES}]?")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[a-zA-Z]")

_LATIN_VOWELS = set("aeiou")
_CYRILLIC_VOWELS = set("аеёиоуыэюяіїє")
_SIGNS = set("ь'")

_DIGRAPHS = (("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"),
             ("ck", "к"))
_LETTERS = {
    "a": "а", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "й", "k": "к",
    "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "x": "х",
    "z": "з",
}  # words with w or q stay Latin (keeps_latin)
_UKRAINIAN_LETTERS = {"h": "г", "i": "і"}
# Russian words that begin with э: это, этот, этаж, экзамен, экстренный, электрик, энергия, эвакуация
_RUSSIAN_E = ("et", "ek", "el", "energ", "evak")
_WHOLE_WORDS = {"uk": {"kyiv": "київ", "kyyiv": "київ"},
                "ru": {"moi": "мои", "tvoi": "твои", "svoi": "свои", "idei": "идеи", "germania": "германия"}}


def to_cyrillic(text: str, lang: str) -> str:
    """`text` with its Latin-letter Russian (`lang` "ru") or Ukrainian ("uk") words in Cyrillic; German and
    English office words, numbers, punctuation, emoji and words already in another script stay as they are."""
    if lang not in LANGUAGES:
        return text
    letters = [ch for ch in text if ch.isalpha()]
    shouting = len(letters) > 1 and all(ch.isupper() for ch in letters)
    return _WORD.sub(lambda m: _word(m.group(0), lang, shouting), text)


def model_text(text: str, lang: str) -> str:
    """What the sentence model embeds (and the lexical ranking reads) for a message in language `lang`.

    Russian and Ukrainian in Latin letters become Cyrillic; everything else is unchanged: other
    languages, Cyrillic text (with or without borrowed Latin office words), and Latin text whose own words
    read as German, English or Turkish (a user who chose Russian may still write "where is the jobcenter").
    """
    if lang not in LANGUAGES or _CYRILLIC.search(text) or not _LATIN.search(text):
        return text
    return text if reads_native(text, LANGUAGES) else to_cyrillic(text, lang)


def readings(text: str, lang: str) -> tuple[str, ...]:
    """How the intents read a message: Russian or Ukrainian in Latin letters in Cyrillic first, then as typed (the
    phrase lists hold Latin spellings too: "bol v grudi", "proverte moe zayavlenie"); anything else as typed."""
    cyrillic = model_text(text, lang)
    return (text,) if cyrillic == text else (cyrillic, text)


def keeps_latin(word: str, shouting: bool = False) -> bool:
    """A word that stays in Latin letters: a German or English word, a number, an acronym, another script."""
    plain = re.sub(f"[{_APOSTROPHES}]", "'", word).strip("'")
    if not plain.isascii() or any(ch.isdigit() for ch in plain) or set(plain.lower()) & _FOREIGN_LETTERS:
        return True  # ä, ü, ß, Cyrillic or Arabic letters, B1, 2te, Wohnung
    if not shouting and len(plain) > 1 and plain.isupper():
        return True  # LEA, BAMF, WBS
    tokens = normalise(plain).split()
    return bool(tokens) and all(is_office_word(token) or token in _KEEP for token in tokens)


def _word(word: str, lang: str, shouting: bool) -> str:
    if keeps_latin(word, shouting):
        return word
    lower = word.lower()
    for mark in _APOSTROPHES[1:]:
        lower = lower.replace(mark, "'")
    out = _WHOLE_WORDS[lang].get(lower) or _convert(lower, lang)
    if len(word) > 1 and word.isupper():
        return out.upper()
    return out[:1].upper() + out[1:] if word[:1].isupper() else out


def _convert(word: str, lang: str) -> str:
    """One lower-case Latin word in Cyrillic letters."""
    if word in ("y", "u"):
        return "у"  # "y menya": y looks like у
    if word in ("ya", "ja", "ia"):
        return "я"
    uk = lang == "uk"
    out: list[str] = []
    i, n = 0, len(word)

    def after() -> str:
        """What the last letter written was: start, vowel, sign or consonant."""
        if not out:
            return "start"
        last = out[-1][-1]
        return "vowel" if last in _CYRILLIC_VOWELS else "sign" if last in _SIGNS else "consonant"

    while i < n:
        step, letters = _next(word, i, after(), uk)
        out.append(letters)
        i += step
    return "".join(out)


def _next(word: str, i: int, before: str, uk: bool) -> tuple[int, str]:
    """How many Latin letters at `i` make the next Cyrillic letters, and those letters."""
    char, rest, n = word[i], word[i:], len(word)
    following = word[i + 1] if i + 1 < n else ""
    if char == "'":
        # Ukrainian writes an apostrophe before я, ю, є, ї (сім'я, б'є); otherwise ' is the soft sign
        return 1, "'" if uk and following and (following in _LATIN_VOWELS or following in "yj") else "ь"
    if char in "yj" and following in ("a", "u", "o", "e", "i"):
        return _iotated(char, following, word, i, before, uk)
    if char == "i" and i > 0:
        found = _i_vowel(word, i, uk)
        if found is not None:
            return found
    if char == "t" and rest.startswith("ts"):
        # a final -tsya is тся (находится); Ukrainian -ytsia/-etsia is -ться (знаходиться, сміється)
        if not uk and rest in ("tsya", "tsja"):
            return 1, "т"
        if uk and rest in ("tsia", "tsya", "tsja") and i > 0 and word[i - 1] in "ye":
            return 2, "тьс"
        if not uk and i == 2 and word.startswith("dets"):
            return 1, "т"  # детский, детсад; немецкий keeps ц
    for latin, cyrillic in _DIGRAPHS:
        if rest.startswith(latin):
            return len(latin), cyrillic
    if char == "i" and not uk and i == len(word) - 1 and i > 0 and word[i - 1] in "aeo":
        return 1, "й"  # the passport spelling: detei, kakoi, dnei (мои, свои are whole words above)
    if char == "y":
        if before in ("vowel", "sign"):
            return 1, "й"
        return 1, "и" if uk else "ы"
    if char == "e" and not uk and before == "start" and word.startswith(_RUSSIAN_E):
        return 1, "э"
    if uk and char in _UKRAINIAN_LETTERS:
        return 1, _UKRAINIAN_LETTERS[char]
    return 1, _LETTERS.get(char, char)


def _iotated(char: str, vowel: str, word: str, i: int, before: str, uk: bool) -> tuple[int, str]:
    """y or j before a vowel: я, ю, ё/йо, е/є/ые, ї/ий/ый."""
    after_consonant = before == "consonant"
    end = i + 2 == len(word)
    if vowel == "a":
        return 2, "я"
    if vowel == "u":
        return 2, "ю"
    if vowel == "o":
        if uk or (before == "vowel" and word[i - 1] == "a"):
            return 2, "йо"  # його; район
        return 2, "ё"
    if vowel == "e":
        if uk:
            return 2, "є"
        return 2, "ые" if after_consonant and char == "y" else "е"  # новые; есть, бьет
    # yi / ji
    if uk:
        if after_consonant and char == "y":
            return 2, "ий"  # новий, який
        return 2, "ї"  # їжа, Україна, мої
    if after_consonant and char == "y" and (end or word[i + 2] not in _LATIN_VOWELS):
        return 2, "ый"  # новый
    return 1, "й"


def _i_vowel(word: str, i: int, uk: bool) -> tuple[int, str] | None:
    """i before a vowel inside a word: ia/iu я ю (лікарня, дякую, menia), Ukrainian ie є, Russian final -ia ия."""
    rest = word[i:]
    end = len(rest) == 2
    if uk:
        if rest.startswith("iia") or rest.startswith("iiu") or rest.startswith("iie"):
            return 1, "і"  # інформація: і, then я
        if rest.startswith("ii") and (len(rest) == 2 or rest[2] not in _LATIN_VOWELS):
            return 2, "ії"
        if rest.startswith("ia") and not rest.startswith("ial"):
            return 2, "я"
        if rest.startswith("iu"):
            return 2, "ю"
        if rest.startswith("ie"):
            return 2, "є"
        return None
    if rest in ("iia", "iiu"):
        return 3, "ия" if rest == "iia" else "ию"  # the passport spelling: Rossiia, sanktsiiu
    if end and rest == "iu":
        return 2, "ию"  # комиссию
    if end and rest == "ia" and word[i - 1] not in "nlmbv":
        return 2, "ия"  # Россия, пенсия, история; menia, dlia, vremia are меня, для, время
    if rest.startswith("ia") and not rest.startswith("ial") and not word.startswith("dia"):
        return 2, "я"  # the passport spelling: menia, mesiats; социальный, диагноз keep иа
    if rest.startswith("iu"):
        return 2, "ю"
    return None
