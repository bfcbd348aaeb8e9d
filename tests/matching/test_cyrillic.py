"""Russian and Ukrainian typed in Latin letters, read in Cyrillic by the sentence model and the lexical matcher.

The messages are written for these tests (none is taken from the labelled sets).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.knowledge.model import KnowledgeBase
from bot.matching import Matcher
from bot.matching.cyrillic import keeps_latin, model_text, readings, to_cyrillic
from bot.matching.semantic import HashEmbedder, Kind, Vectors
from bot.matching.semantic_index import SemanticIndex
from bot.matching.semantic_layer import SemanticLayer


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("muzh b'et menja", "муж бьет меня"),
        ("u muzha bol v grudi, kakoj nomer skoroj", "у мужа бол в груди, какой номер скорой"),
        ("my uzhe 1.5 goda v obshchage", "мы уже 1.5 года в общаге"),
        ("zdravstvujte, mne nuzhna pomosh", "здравствуйте, мне нужна помош"),
        ("gde nahoditsya sozialamt", "где находится sozialamt"),  # h is х; -tsya is -тся
        ("xochu rabotat, ischu kvartiru", "хочу работат, ищу квартиру"),  # x is х; sch is щ
        ("y menya net strahovki", "у меня нет страховки"),  # a lone y looks like у
        ("Eto novye dokumenty?", "Это новые документы?"),  # э at the start; ye after a consonant is ые
        ("esli est' kurs nemetskogo", "если есть курс немецкого"),  # есть, если keep е
        ("detskiy sad v rayone", "детский сад в районе"),  # детский, not децкий; район, not раён
        ("novyj, novyy, novyi, sinij", "новый, новый, новый, синий"),
        ("sem'ya, s'ezdit', pod'ezd", "семья, сьездить, подьезд"),  # ' is ь (ъ reads alike)
        # the passport spelling, and -ia for -ия
        ("menia, mesiats, Rossiia, pensia, sanktsiiu, detei, kakoi, dlia",
         "меня, месяц, Россия, пенсия, санкцию, детей, какой, для"),
        ("sotsial'naya pomoshch', spetsialist", "социальная помощь, специалист"),  # ia before l stays иа
        ("POMOGITE SROCHNO", "ПОМОГИТЕ СРОЧНО"),  # a whole message in capitals is not a row of acronyms
    ],
)
def test_russian(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin, "ru") == cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("na roboti nachalnyk platyt meni menshe", "на роботі началник платит мені менше"),
        ("pryvit, meni potribna dopomoha z kvartyroyu", "привіт, мені потрібна допомога з квартирою"),
        ("shcho robyty yakshcho nemaye strakhovky", "що робити якщо немає страховки"),  # h is г, kh is х
        ("scho robyty, de likarnia", "що робити, де лікарня"),
        ("diakuiu, yakyi, novyi, yizha, moyi, yoho", "дякую, який, новий, їжа, мої, його"),  # consonant + yi: ий
        ("Ukrayina, Kyiv, informatsiia, informatsii", "Україна, Київ, інформація, інформації"),
        ("sim'ia, b'ie, mis'ka", "сім'я, б'є, міська"),  # the apostrophe before a vowel, else ь
        ("zapysatysia do likaria, vin znakhodytsia tut", "записатися до лікаря, він знаходиться тут"),
        ("sotsialna dopomoha", "соціална допомога"),
        ("jak otrymaty dovidku", "як отримати довідку"),
    ],
)
def test_ukrainian(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin, "uk") == cyrillic


def test_german_and_english_words_stay_latin() -> None:
    assert to_cyrillic("Ja zhivu v Berline, Termin v LEA i BAMF, Moabit", "ru") == (
        "Я живу в Берлине, Termin в LEA и BAMF, Moabit"
    )
    assert to_cyrillic("gde poluchit Kindergeld i Wohngeld, Aufenthaltserlaubnis, B1 kurs", "ru") == (
        "где получит Kindergeld и Wohngeld, Aufenthaltserlaubnis, B1 курс"
    )
    assert to_cyrillic("de zrobyty Anmeldung v Bürgeramt, treba Arzt", "uk") == (
        "де зробити Anmeldung в Bürgeramt, треба Arzt"
    )
    assert to_cyrillic("kita jobcenter lea wbs", "ru") == "kita jobcenter lea wbs"
    assert to_cyrillic("Jobcenter мне написал, chto delat", "ru") == "Jobcenter мне написал, что делат"
    assert all(keeps_latin(w) for w in ("Jobcenter", "Ausländerbehörde", "Wohnung", "BAMF", "A2", "2te", "ok"))
    assert not any(keeps_latin(w) for w in ("menja", "kvartiru", "dokumenty", "shcho", "tut", "net", "iz"))
    assert keeps_latin("SROK") and not keeps_latin("SROK", shouting=True)
    assert to_cyrillic("muzh b'et menja", "en") == "muzh b'et menja"  # only Russian and Ukrainian


def test_model_text_changes_only_latin_russian_and_ukrainian() -> None:
    assert model_text("muzh b'et menja", "ru") == "муж бьет меня"
    assert model_text("na roboti nachalnyk platyt meni menshe", "uk") == "на роботі началник платит мені менше"
    # already Cyrillic, other languages, or the user who chose Russian writes English or German
    for text, lang in [("Муж бьёт меня", "ru"), ("Jobcenter мне написал", "ru"), ("wo ist das jobcenter", "de"),
                       ("where is the jobcenter", "ru"), ("Ich brauche Hilfe beim Jobcenter", "uk"),
                       ("ana bdi a3mel anmeldung", "ar"), ("", "ru"), ("👍", "ru"), ("112", "uk")]:
        assert model_text(text, lang) == text


@pytest.mark.parametrize(
    ("latin", "cyrillic", "lang"),
    [
        ("gde mozhno sdelat' anmeldung", "где можно сделать anmeldung", "ru"),
        ("kak poluchit kindergeld na rebenka", "как получить киндергельд на ребенка", "ru"),
        ("de mozhna otrymaty kindergeld na dytynu", "де можна отримати кіндергельд на дитину", "uk"),
    ],
)
def test_the_lexical_matcher_reads_latin_as_cyrillic(
    real_matcher: Matcher, latin: str, cyrillic: str, lang: str
) -> None:
    """The ranking of a Latin-letter message is the ranking of its Cyrillic form, with and without a choice."""
    expected = real_matcher.match(cyrillic, lang).candidates[0].entry.id
    assert real_matcher.match(latin, lang).candidates[0].entry.id == expected
    assert real_matcher.match(latin).candidates[0].entry.id == expected


def test_emergencies_and_off_topic_in_latin_letters(real_matcher: Matcher) -> None:
    """The intents read the Cyrillic form (the emergency words, the off-topic ones); emergencies also the text as
    typed, whose Latin phrases the editors list ("bol v grudi": боль needs the soft sign people leave out)."""
    decision = real_matcher.match("muzh b'et menja", "ru")
    assert decision.intent == "emergency"
    assert real_matcher.match("u otca bol v grudi", "ru").intent == "emergency"
    assert decision.candidates[0].entry.id == real_matcher.match("муж бьет меня", "ru").candidates[0].entry.id
    assert real_matcher.match("pohoda na vykhidni v berlini", "uk").intent == real_matcher.match(
        "погода на вихідні в берліні", "uk").intent


class Recording(HashEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str], kind: Kind) -> Vectors:
        self.texts.extend(texts)
        return super().embed(texts, kind)


async def test_the_sentence_model_embeds_the_cyrillic_form(real_kb: KnowledgeBase, tmp_path: Path) -> None:
    matcher = Matcher(real_kb)
    matcher.attach(SemanticIndex.build(real_kb, HashEmbedder()))
    embedder = Recording()
    layer = SemanticLayer(embedder, "fake", tmp_path, timeout_s=5.0)
    assert await layer.vector(matcher, "muzh b'et menja", "ru") is not None
    assert await layer.vector(matcher, "mne nuzhen vrach, kotoryj govorit po-russki") is not None  # no choice
    assert await layer.vector(matcher, "where is the jobcenter", "ru") is not None
    assert embedder.texts == ["муж бьет меня", "мне нужен врач, который говорит по-русски",
                              "where is the jobcenter"]


def test_latin_russian_is_read_in_both_forms_and_anything_else_as_typed() -> None:
    latin = "proverte moe zayavlenie pozhaluista"
    forms = readings(latin, "ru")
    assert forms[1] == latin and any("\u0400" <= c <= "\u04ff" for c in forms[0])
    assert readings("Wo ist das Jobcenter?", "de") == ("Wo ist das Jobcenter?",)
    assert readings("где джобцентр", "ru") == ("где джобцентр",)


def test_the_matcher_finds_a_listed_emergency_in_either_reading(real_matcher: Matcher) -> None:
    """ "muzh b'et menja" is found in Cyrillic ("бьет"), "bol v grudi" as typed (a Latin phrase of the lists)."""
    assert real_matcher.listed_emergency("muzh b'et menja", "ru") is not None
    assert real_matcher.listed_emergency("u muzha bol v grudi", "ru") is not None
    assert real_matcher.listed_emergency("gde kupit grechku", "ru") is None
    # chosen English or German: the text is still read as Russian for an emergency
    assert real_matcher.detect_language("muzh b'et menja, on seichas doma", "en") != "ru"
    assert real_matcher.listed_emergency("muzh b'et menja, on seichas doma", "en") is not None
    assert real_matcher.text_for_model("muzh b'et menja", "ru") == "муж бьет меня"
