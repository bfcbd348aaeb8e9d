"""Language detection without a chosen language, on messages as newcomers write them.

The examples are written for these tests (none is taken from the labelled sets); the last test
measures the labelled sets as a regression floor just under today's hint-free accuracy.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bot.matching.evaluate import load_questions
from bot.matching.langid import detect
from bot.matching.langid_latin import is_office_word, looks_arabizi, looks_persian_verb

DATA = Path(__file__).resolve().parents[1] / "data"


def _check(expected: str, texts: list[str]) -> None:
    wrong = {text: detect(text) for text in texts if detect(text) != expected}
    assert not wrong, wrong


def test_arabizi_is_arabic() -> None:
    _check("ar", [
        "ana jdid b berlin w ma ba3ref wen lazem roo7",
        "kifak, bdi sa2el 3an el kindergeld",
        "ibni 3omro 6 snin w ma 3ndo madrase",
        "ma 3am la2i shoghl, momken tsa3edni",
        "3ayez a3raf ezay a3mel termin",
        "lesh ma b3tuni el flus had el shahr",
        "wein l sozialamt bi mitte",  # no digits: function words alone
        "habibi wen el ausländerbehörde",
    ])


def test_finglish_is_persian() -> None:
    _check("fa", [
        "salam, man tazeh be berlin umadam",
        "koja mitunam zaban almani yad begiram",
        "man kar peyda nemikonam, chi kar konam",
        "vakil lazem daram baraye dadgah",
        "pesaram madrese nemire, sabt nam nakardan",
        "emruz nameh gereftam, farda bayad beram ausländerbehörde",
        "baraye kindergeld che madareki lazeme",
    ])


def test_surzhyk_is_ukrainian() -> None:
    _check("uk", [
        "Мені потрібно получить довідку, де це можна зробити",
        "Шо робить, якщо джобцентр не платить",
        "Допоможіть будь ласка, дитина заболіла",
        "Де можна найти квартиру недорого",
        "Сколько чекати на айнбюргерунг",  # Russian word, Ukrainian verb: a tie goes to Ukrainian
        "Нам треба анмельдунг, а термінів нема",
    ])


def test_russian_stays_russian() -> None:
    _check("ru", [
        "Где можно сделать анмельдунг",
        "Как получить пособие на ребенка",
        "Мне нужен врач, который говорит по-русски",
        "Хочу записать сына в школу",
        "живу здесь три года, с чего начать натурализацию",
        "Jobcenter мне прислал письмо, не понимаю",  # German office word in Latin letters
    ])


def test_russian_and_ukrainian_in_latin_letters() -> None:
    _check("ru", [
        "zdravstvujte, mne nuzhna pomosh",
        "gde nahoditsya jobcenter",
        "u menya net strahovki chto delat",
        "ya ne ponimayu pismo",
        "pomogite pozhaluysta s anmeldung",
    ])
    _check("uk", [
        "pryvit, meni potribna dopomoha z kvartyroyu",
        "de mozhna otrymaty dokumenty",
        "dyakuyu za dopomohu",
        "chy ye tut ukrayinski shkoly",
        "shcho robyty yakshcho nemaye strakhovky",
    ])


def test_latin_russian_and_ukrainian_by_their_words_endings_and_letters() -> None:
    """Spellings with j, ia or a soft sign (menja, dlia, kindergel'd), adjective and verb endings (besplatnyj,
    nemeckogo, zapysatysja, rokiv) and zh/shch: before, such messages went to English, German or Turkish."""
    _check("ru", [
        "muzh b'et menja",
        "u muzha bol v grudi, kakoj nomer skoroj",
        "my uzhe 1.5 goda v obshchage",
        "Kursy nemeckogo besplatno est?",
        "besplatnyj jurist po trudovomu pravu",
        "kindergel'd kak podat'",  # a soft sign before d is not English "I'd"
        "sem'ya iz Ukrainy ishchet zhil'e",  # nor is 'ya after a consonant a Turkish ending
    ])
    _check("uk", [
        "na roboti nachalnyk platyt meni menshe",
        "jak zapysatysja na kurs nimeckoji",
        "dytyni 5 rokiv, potriben sadochok",
        "bezkoshtovna konsultacija dlja ukrajinciv",
        "meni treba zrobyty anmeldung, de ce mozhna",
    ])


def test_native_words_that_look_slavic_stay_native() -> None:
    _check("en", [
        "the quality of the university and the security of the city",  # -ity is not Ukrainian -yty
        "my son goes to a community kita",
        "i'd like to know where i'm supposed to go, don't know",
    ])
    _check("de", ["mein Zahn tut so weh", "Zahn tut weh", "ja, ich habe einen Termin"])
    _check("tr", ["tam zamanli is ariyorum", "Kita'ya kayit nasil yapilir"])


def test_turkish_without_its_letters() -> None:
    _check("tr", [
        "calisma izni icin nereye basvurmam lazim",
        "cocugum okula gidemiyor ne yapabilirim",
        "ev sahibi beni evden cikarmak istiyor",
        "doktora gitmem lazim ama sigortam yok",
        "oturum iznim bitiyor ne yapmam gerekiyor",
        "Jobcenter'dan mektup geldi anlamadim",  # Turkish ending after an apostrophe
        "Bürgeramt'ta randevu bulamıyorum",
    ])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wo ist jobcenter", "de"),
        ("meine frau braucht kita platz", "de"),
        ("Termin Ausländerbehörde verlängern", "de"),
        ("Bürgeramt Termin", "de"),  # office words alone are German
        ("where is the jobcenter", "en"),
        ("do I need an anmeldung to open a bank account", "en"),
        ("is the integrationskurs free", "en"),
        ("kak poluchit anmeldung", "ru"),
        ("gde mozhno poluchit kindergeld", "ru"),
        ("kindergeld basvurusu ne kadar surer", "tr"),
        ("فين لازم اعمل Anmeldung يا جماعة", "ar"),  # Arabic words decide over the borrowed Latin one
        ("برای Aufenthaltserlaubnis چه مدارکی لازم است", "fa"),
    ],
)
def test_german_office_words_inside_other_languages(text: str, expected: str) -> None:
    assert detect(text) == expected


def test_words_that_look_foreign_stay_native() -> None:
    """Words typed alike in several languages (man, dad, age, dari, ana, mide) do not flip the language."""
    _check("en", [
        "my dad did not get the letter",
        "a man at the door said we have to leave",
        "what is the age limit for the kita",
        "we speak dari and pashto",
        "my name is Ana and I need a doctor",
        "we need a kita place for our 3yo",  # a number with a unit is not Arabizi
    ])
    _check("de", ["man muss das Formular ausfüllen", "ich bin schon lange hier", "Ana hat gesagt ich soll hier fragen"])
    _check("tr", ["mide agrim var, doktor lazim", "ya kabul etmezlerse"])


def test_spelling_signals() -> None:
    assert looks_arabizi("a3mel") and looks_arabizi("7abibi") and looks_arabizi("la2")
    # numbers with units are not Arabizi; "b2" (a course level) is an office word, checked first
    assert not any(looks_arabizi(w) for w in ("2yo", "3rd", "7am", "10km", "25eur", "5g", "covid19"))
    assert all(looks_persian_verb(w) for w in ("mikham", "nemitoonam", "migire", "umadam", "nayomade", "gerefte"))
    assert not any(looks_persian_verb(w) for w in ("mitte", "miete", "mine", "made", "misin", "miyim", "did"))
    assert all(is_office_word(w) for w in ("jobcenter", "aufenthaltsgestattung", "alexanderplatz", "b1"))
    assert not any(is_office_word(w) for w in ("young", "meeting", "where"))


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("ana bdi a3mel anmeldung", "ar", "ar"),
        ("where is the jobcenter", "ar", "ar"),  # short Latin text does not overrule a non-Latin choice
        ("Sozialamt", "en", "en"),
        ("wo ist jobcenter", "tr", "tr"),
        ("Привіт, де знаходиться їдальня", "ru", "uk"),  # Ukrainian letters beat the choice, as before
    ],
)
def test_a_chosen_language_keeps_todays_behaviour(text: str, hint: str, expected: str) -> None:
    assert detect(text, hint) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("man kar peyda nemikonam, chi kar konam", "fa"),  # Finglish is not Turkish for a Persian user
        ("shoma mitunid be man komak konid lotfan", "fa"),
        ("ana 3ayez a3raf ezay a3mel termin bl jobcenter", "ar"),
        ("do I need an anmeldung to open a bank account", "en"),  # office words do not make it German
        ("meine frau braucht kita platz in charlottenburg", "de"),
        ("kita gutscheini icin nereye basvurmam lazim", "tr"),
    ],
)
def test_a_choice_stands_when_the_message_reads_as_it(text: str, hint: str) -> None:
    """The choice is kept whenever the hint-free guess agrees with it; before, lingua alone could
    overrule it on four words or more (Finglish read as Turkish, English with office words as German)."""
    assert detect(text, hint) == hint


# Hint-free accuracy measured on the labelled sets (see the report of the langid branch); floors
# just under the measured values. The misses left are emoji, keyboard mashing and lone office words.
_FLOORS = {"questions": 0.98, "validation": 0.98, "validation2": 0.98, "blind3": 0.985}


@pytest.mark.parametrize(("name", "floor"), list(_FLOORS.items()))
def test_labelled_sets_without_a_choice(name: str, floor: float) -> None:
    questions = load_questions(DATA / f"{name}.yaml")
    confusion = Counter((str(q["lang"]), detect(str(q["text"]))) for q in questions)
    right = sum(n for (lang, got), n in confusion.items() if lang == got)
    assert right / len(questions) >= floor, sorted((k, n) for k, n in confusion.items() if k[0] != k[1])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bghit nkhdem daba, chno ndir", "ar"),  # Moroccan Darija
        ("maku shughul, shinu asawi", "ar"),  # Iraqi
        ("ana dayir ashtaghil, shunu alsawi hassa", "ar"),  # Sudanese
        ("kuja mekhahom beraw emshab", "fa"),  # Dari in Latin letters
        ("khanumam hushesh nist", "fa"),  # Finglish
    ],
)
def test_dialects_in_latin_letters(text: str, expected: str) -> None:
    assert detect(text) == expected, text
