"""Asking for a person in everyday words, on the real knowledge/intents.yaml: a person by name, someone to call
back or get in touch, a caseworker to look at one's own case, in all seven languages. Service questions that
mention people, calls or a case stay service questions."""

from __future__ import annotations

import pytest

from bot.knowledge.model import KnowledgeBase
from bot.matching.intents import IntentMatcher
from bot.matching.normalize import tokens


@pytest.fixture(scope="module")
def intents(real_kb: KnowledgeBase) -> IntentMatcher:
    return IntentMatcher.build(real_kb.intents)


PERSON = [
    # a person by name
    ("de", "Person bitte, nicht der Bot"),
    ("de", "ich brauche Hilfe von einem Menschen"),
    ("en", "I need a person, the answers don't help"),
    ("ar", "bdi insan mish bot"),
    ("ru", "мне нужен человек, а не бот"),
    ("ru", "нужен человек, который поможет мне с этим письмом"),
    ("uk", "мені потрібна людина, а не бот"),
    ("uk", "meni potribna liudyna, ne bot"),
    ("tr", "bir insana ihtiyacım var"),
    ("fa", "یه آدم میخوام لطفا"),
    ("uk", "дайте живого чоловіка, бо бот не розуміє"),
    ("uk", "хай консультант подивиться мою заяву"),
    ("ar", "momken 7ada yeji la 3andi, ana ma fini etla3"),
    # someone to call back or get in touch
    ("de", "Könnte mich bitte jemand zurückrufen?"),
    ("de", "kann sich jemand aus eurem Team bei mir melden"),
    ("de", "Rufen Sie mich bitte morgen an, 0170 ist meine Nummer"),
    ("de", "ich bitte um Rückruf"),
    ("de", "Könnt ihr mich heute noch anrufen?"),
    ("en", "could someone please call me today"),
    ("en", "can someone from your team contact me"),
    ("en", "please call me back, my number is in my profile"),
    ("en", "give me a call when you can"),
    ("en", "I would like to request a callback"),
    ("en", "could you get in touch with me by phone"),
    ("ar", "ممكن حدا منكم يتصل فيني اليوم"),
    ("ar", "بدي موظف يتصل فيني لو سمحت"),
    ("ar", "ممكن تتصلوا فيني؟"),
    ("ar", "ياريت حدا يتواصل معي"),
    ("ar", "mmkn 7ada mnkon yetasel fiye"),
    ("fa", "لطفا یک نفر با من تماس بگیره"),
    ("fa", "میشه بهم زنگ بزنید؟"),
    ("fa", "lotfan ye nafar behem zang bezane"),
    ("fa", "mishe ba man tamas begirid"),
    ("ru", "перезвоните мне пожалуйста"),
    ("ru", "может кто-нибудь из вашей команды мне позвонить?"),
    ("ru", "свяжитесь со мной, пожалуйста"),
    ("ru", "perezvonite mne pozhalujsta"),
    ("uk", "зателефонуйте мені, будь ласка"),
    ("uk", "хтось може мені передзвонити?"),
    ("uk", "зв’яжіться зі мною завтра"),
    ("tr", "beni arayabilir misiniz lütfen"),
    ("tr", "biri benimle iletişime geçebilir mi"),
    ("tr", "beni geri arayın lütfen"),
    ("tr", "benimle iletisime gecin"),
    # a caseworker or adviser to look at the case, or someone to look over "this"
    ("de", "kann sich ein Berater meinen Fall anschauen"),
    ("de", "kann mir jemand helfen, das zu verstehen? der Brief ist vom LEA"),
    ("de", "könnte bitte jemand drüberschauen"),
    ("en", "can a caseworker look at my case"),
    ("ar", "ممكن موظف يشوف ملفي"),
    ("ru", "ваш консультант может посмотреть мои бумаги?"),
    ("uk", "ваш працівник може подивитися мої документи?"),
    ("tr", "danışmanınız dosyama bakabilir mi"),
    # at the end of a long story (blind set 32: "pomogite pozhaluysta, nuzhen chelovek")
    ("ru", "из джобцентра пришло три письма, ничего не понимаю, помогите, нужен человек"),
    # a human counsellor, an employee to talk to, someone to see in person (blind set 33)
    ("fa", "لطفا یک مشاور انسان با من صحبت کنه"),
    ("ar", "badi mwazzaf y7ki ma3i bi2asra3 wa2t"),
    ("ru", "можно к кому-то лично прийти с бумагами?"),
]

# "can you / someone look at my file" without naming a caseworker is a complex case: that hand-off keeps the
# message as the question for the caseworker, the person request would ask for it again
OWN_FILE = [
    ("de", "Können Sie meinen Fall prüfen, ich warte seit 5 Monaten"),
    ("ar", "بدي حدا يشوف ملفي"),
    ("tr", "dosyama bakabilir misiniz"),
]

NOT_PERSON = [
    ("en", "my person certificate is lost"),
    ("en", "how many persons per room in the shelter"),
    ("en", "will the jobcenter call me before the appointment"),
    ("en", "my caseworker at the jobcenter closed my case"),
    ("en", "the landlord keeps calling me at night"),
    ("de", "ich habe beim Jobcenter um Rückruf gebeten, aber niemand meldet sich"),
    ("de", "wie viele Personen dürfen in einer Wohnung gemeldet sein"),
    ("de", "weiß jemand von euch, wo das Bürgeramt ist"),
    ("ar", "الجوب سنتر بيتصل فيني كل يوم"),
    ("ar", "حدا منكم بيعرف وين في دكتور اسنان؟"),
    ("fa", "یکی از کارمندان اداره به من توهین کرد"),
    ("fa", "کی اداره با من تماس میگیره"),
    ("ru", "мне позвонили из джобцентра, что им нужно"),
    ("ru", "для анмельдунга нужен человек, который подтвердит, что я живу в квартире"),
    ("ru", "нужен кто-то, кто поможет разобраться с долгами"),
    ("uk", "хтось з вас знає, де знайти лікаря?"),
    ("tr", "jobcenter beni aradı ne yapmalıyım"),
    ("tr", "kaç kişi bir odada kalabilir"),
]


@pytest.mark.parametrize(("lang", "text"), PERSON)
def test_asks_for_a_person_in_everyday_words(intents: IntentMatcher, lang: str, text: str) -> None:
    assert intents.wants_person(text), (lang, text)


@pytest.mark.parametrize(("lang", "text"), NOT_PERSON)
def test_service_questions_about_people_calls_or_a_case_are_not(intents: IntentMatcher, lang: str, text: str) -> None:
    assert not intents.wants_person(text), (lang, text)


@pytest.mark.parametrize(("lang", "text"), OWN_FILE)
def test_own_file_questions_stay_complex_cases(intents: IntentMatcher, lang: str, text: str) -> None:
    assert intents.is_complex(text, len(tokens(text))), (lang, text)
    assert not intents.wants_person(text), (lang, text)


def test_an_unconscious_person_stays_an_emergency(intents: IntentMatcher) -> None:
    text = "человек без сознания"
    assert intents.emergency_kind(text) is not None
    assert not intents.wants_person(text)


def test_a_crisis_is_found_before_the_person_request(intents: IntentMatcher) -> None:
    # both match; the emergency is checked first (decide.py, conversation/question.py)
    text = "I need a person to talk to, I can't go on anymore"
    assert intents.emergency_kind(text) is not None


def test_every_language_has_positives_and_most_have_negatives() -> None:
    assert {lang for lang, _ in PERSON} == {"en", "de", "ar", "fa", "ru", "uk", "tr"}
    assert {lang for lang, _ in NOT_PERSON} == {"en", "de", "ar", "fa", "ru", "uk", "tr"}
