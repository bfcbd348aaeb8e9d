"""More ways to ask someone to look into one's own case (`complex.own_file` in knowledge/intents.yaml, `ask` with
`mine`): "my case / my situation / my file / my letter" with "look at / check / review / follow up", seven
languages, Arabizi, Finglish and Cyrillic in Latin letters. Sentences written for this test.

The negatives use the same words in ordinary questions: "in my case" (in meinem Fall, в моём случае, у моєму
випадку, durumumda), looking at one's file oneself ("wo kann ich mir meine Akte ansehen"), a letter to translate,
"my situation is hard" next to a childcare or health question."""

from __future__ import annotations

import pytest

from bot.matching import Matcher
from bot.matching.normalize import tokens

OWN_CASE = [
    ("de", "könnt ihr euch meinen Fall mal ansehen"),
    ("de", "kann jemand mal in meine Akte reinschauen"),
    ("de", "kann sich jemand um meinen Asylantrag kümmern, seit einem Jahr keine Antwort"),
    ("de", "Kannst du dir meine Situation mal angucken"),
    ("en", "would someone please look at my situation"),
    ("en", "could you please look at my letter from the Ausländerbehörde"),
    ("en", "I need someone to check my situation, the LEA hasn't answered"),
    ("en", "I need someone to go over my letter from the Jobcenter"),
    ("ar", "بدي حدا يراجع ملفي"),
    ("ar", "ممكن حدا يشوف قضيتي"),
    ("ar", "بدي حدا يتابع معاملتي بالجوب سنتر"),
    ("ar", "ممكن تراجع رسالتي قبل ما ابعتها"),
    ("ar", "badi 7ada yraje3 malafi"),
    ("ar", "fi 7ada yshouf wad3i"),
    ("ar", "momken 7ada yet2akkad mn el estimara tab3i 2abl ma ab3atha"),
    ("ar", "bghit chi wa7d ychouf m3aya l contrat dyali"),
    ("fa", "میشه پرونده‌ام رو پیگیری کنید"),
    ("fa", "لطفا وضعیتم رو بررسی کنید"),
    ("fa", "mishe vaziatamo peygiri konid"),
    ("ru", "можете посмотреть мой случай"),
    ("ru", "гляньте пожалуйста мое письмо из джобцентра"),
    ("ru", "кто-нибудь может посмотреть мою ситуацию"),
    ("ru", "proverte moe zayavlenie pozhaluista"),
    ("uk", "подивіться мій випадок"),
    ("uk", "перевірте мою ситуацію будь ласка"),
    ("uk", "podyvitsia moiu spravu bud laska"),
    ("tr", "dosyama bakabilecek biri var mı"),
    ("tr", "durumuma bakabilir misiniz"),
    ("tr", "mektubuma bakar mısınız"),
    ("tr", "dosyamla ilgilenecek biri var mi"),
]
ORDINARY = [
    ("de", "in meinem Fall, brauche ich einen Termin beim Bürgeramt?"),
    ("de", "wo kann ich mir meine Akte ansehen"),
    ("de", "mein Brief vom Jobcenter ist auf Deutsch, wo gibt es Übersetzung"),
    ("en", "what can I do in my situation, my landlord wants me out"),
    ("en", "someone to explain my letters in mitte"),
    ("ar", "ابني عم يشوف كوابيس ووضعي صعب"),
    ("ar", "كيف بقدر اتابع طلبي اونلاين"),
    ("ar", "wein bla2i el estimara lal kindergeld"),
    ("fa", "چطور پرونده‌ام رو پیگیری کنم"),
    ("ru", "в моём случае нужна ли справка"),
    ("ru", "где можно посмотреть моё заявление онлайн"),
    ("uk", "у моєму випадку чи потрібна довідка"),
    ("tr", "işe başlıyorum çocuğuma bakacak kimse yok, durumum çok zor"),
    ("tr", "durumumda ne yapmam gerekiyor"),
]


@pytest.mark.parametrize(("lang", "text"), OWN_CASE)
def test_asking_someone_to_look_into_ones_case_goes_to_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    # "someone to follow my file" is also a request for a person: either way a caseworker gets it
    assert decision.action == "handoff" and decision.intent in {"complex", "person"}, text


@pytest.mark.parametrize(("lang", "text"), ORDINARY)
def test_the_same_words_in_an_ordinary_question_do_not(real_matcher: Matcher, lang: str, text: str) -> None:
    assert not real_matcher.intents.is_complex(text, len(tokens(text))), text


def test_every_language_has_both() -> None:
    languages = {"de", "en", "ar", "fa", "ru", "uk", "tr"}
    assert {lang for lang, _ in OWN_CASE} == languages
    assert {lang for lang, _ in ORDINARY} == languages
