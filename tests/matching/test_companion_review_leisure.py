"""Three phrase lists of knowledge/intents.yaml in everyday words, seven languages (sentences written for this test):

- `person`: someone to come along to an office, a court or a doctor, or an interpreter for the appointment;
- `complex.own_file`: someone to look over one's own papers before sending them (`ask` with `mine`);
- `offtopic`: leisure and private errands (gym, dance and swimming lessons, driving school, SIM card, cooking).

Each list also has service questions that use the same words for a real need and must stay service questions.
"""

from __future__ import annotations

import pytest

from bot.matching import Matcher

COMPANION = [
    ("de", "kann jemand mit mir zum Amt mitkommen und übersetzen"),
    ("de", "kann mich jemand zur ausländerbehörde begleiten"),
    ("en", "I need an interpreter for court next week"),
    ("en", "can someone go with me to the Ausländerbehörde"),
    ("ar", "بدي مترجم يجي معي"),
    ("ar", "badi 7ada yiji ma3i 3al termin ytarjemli"),
    ("fa", "ye nafar mitoone ba man biad tarjome kone"),
    ("fa", "یک نفر همرایم بیاید به جاب سنتر"),
    ("ru", "можно чтобы кто-то со мной сходил"),
    ("uk", "чи можна щоб хтось пішов зі мною як перекладач"),
    ("tr", "benimle gelebilecek biri var mı tercüman"),
]
NOT_COMPANION = [
    ("de", "ich brauche therapie mit dolmetscher für kurdisch"),
    ("de", "darf mein mann zum termin beim bürgeramt mitkommen"),
    ("en", "lgbt migrant counselling with interpreter"),
    ("ar", "زوجي بيقدر يجي معي عالموعد؟"),
    ("fa", "ravandarmani ba motarjem mikham chon too rah chizaye bad didam"),
    ("ru", "консультация для ЛГБТ мигрантов с переводчиком"),
    ("uk", "чи може чоловік піти зі мною на прийом"),
    ("tr", "esim benimle randevuya gelebilir mi"),
]
REVIEW = [
    ("de", "können Sie bitte meine Unterlagen durchsehen ob alles richtig ist"),
    ("en", "I'll send photos of my papers can you check"),
    ("ar", "ممكن تشوفلي الأوراق قبل ما ابعتها"),
    ("fa", "یکی میتونه مدارکمو چک کنه"),
    ("fa", "پرونده منو بررسی کنید لطفا"),
    ("ru", "гляньте мои документы все ли правильно"),
    ("uk", "перевірте мої документи будь ласка"),
    ("tr", "belgelerimi kontrol edebilir misiniz eksik var mı"),
]
NOT_REVIEW = [
    ("de", "kann ich fotos von meinen unterlagen per email ans jobcenter schicken"),
    ("de", "muss ich meine Unterlagen vollständig abgeben"),
    ("en", "how long does it take them to review my application"),
    ("fa", "کجا عکس مدارکمو بفرستم"),
    ("tr", "basvuruma internetten bakabilir miyim"),
]
LEISURE = [
    ("de", "wie kann ich mich im fitnessstudio anmelden"),
    ("de", "kfz zulassung termin"),
    ("en", "swimming lessons for my daughter"),
    ("en", "where to buy a sim card"),
    ("ar", "مدرسة سواقة بتحكي عربي"),
    ("ar", "wein fi shari7a rkhisa"),
    ("fa", "کلاس شنا برای بچه ها"),
    ("ru", "как записаться в спортзал"),
    ("uk", "де купити сімку"),
    ("tr", "instagram hesabi acmak istiyorum"),
    ("de", "klavierunterricht für meinen sohn, wo?"),  # music lessons and pottery: a course that is no German course
    ("en", "any guitar teacher near alexanderplatz"),
    ("ar", "بدي اتعلم بيانو"),
    ("fa", "کلاس ویولن برای دخترم"),
    ("ru", "где научиться играть на гитаре"),
    ("uk", "гончарна майстерня для дітей"),
    ("tr", "baglama dersi veren yer"),
]
NOT_LEISURE = [
    ("de", "Anmeldung für die Wohnung"),
    ("de", "Führerschein umschreiben"),
    ("de", "fitnessstudio bucht weiter geld ab obwohl ich gekündigt hab"),
    ("de", "rezept vom arzt einlösen nachts"),
    ("de", "zuschuss für sportverein vom jobcenter"),
    ("en", "my instagram account was hacked"),
    ("ar", "شهادة الحلاقة من تركيا بتنحسب هون؟"),
    ("ru", "что приготовить к приему в ауслендербехёрде"),
    ("tr", "diploma denkligi icin telefon hatti var mi"),
    ("de", "zahlt das jobcenter den gitarrenunterricht für mein kind?"),
    ("de", "Deutschkurs am Wochenende für Anfänger"),
]


@pytest.mark.parametrize(("lang", "text"), COMPANION)
def test_someone_to_come_along_or_interpret_is_a_request_for_a_person(
    real_matcher: Matcher, lang: str, text: str
) -> None:
    assert real_matcher.intents.wants_person(text), text


@pytest.mark.parametrize(("lang", "text"), NOT_COMPANION)
def test_a_service_with_an_interpreter_or_a_rule_question_is_not(real_matcher: Matcher, lang: str, text: str) -> None:
    assert not real_matcher.intents.wants_person(text), text


@pytest.mark.parametrize(("lang", "text"), REVIEW)
def test_looking_over_ones_own_papers_is_a_case_for_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.intents.is_complex(text, 10), text


@pytest.mark.parametrize(("lang", "text"), NOT_REVIEW)
def test_where_and_how_long_questions_about_papers_are_not(real_matcher: Matcher, lang: str, text: str) -> None:
    assert not real_matcher.intents.is_complex(text, 10), text


@pytest.mark.parametrize(("lang", "text"), LEISURE)
def test_leisure_and_private_errands_are_off_topic(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent == "offtopic", text


@pytest.mark.parametrize(("lang", "text"), NOT_LEISURE)
def test_the_same_words_in_a_real_need_are_not(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent != "offtopic", text


PAID_BY_AN_OFFICE = [
    ("de", "zahlt das jobcenter die fahrschule?"),
    ("de", "bildung und teilhabe schwimmkurs"),
    ("en", "jobcenter pays driving school?"),
    ("ar", "جوب سنتر بيدفع مدرسة السواقة"),
    ("ru", "джобцентр оплатит автошколу"),
    ("uk", "чи оплачує джобцентр курси водіння"),
    ("tr", "jobcenter ehliyet kursunu oder mi"),
]


@pytest.mark.parametrize(("lang", "text"), PAID_BY_AN_OFFICE)
def test_an_errand_an_office_may_pay_for_is_a_benefits_question(real_matcher: Matcher, lang: str, text: str) -> None:
    """`offtopic_unless`: who pays, or an office named, makes the leisure word part of a benefits question."""
    assert not real_matcher.intents.mentions(text, "offtopic"), text
    assert real_matcher.match(text, lang).intent != "offtopic", text


def test_the_price_of_a_leisure_course_stays_off_topic(real_matcher: Matcher) -> None:
    for lang, text in (("de", "wie viel kostet ein yogakurs"), ("en", "how much is the gym near alexanderplatz")):
        assert real_matcher.match(text, lang).intent == "offtopic", text
