"""Asking for a person in newcomers' own words, on the real knowledge/intents.yaml (`person.phrases` and
`complex.own_file`): a human named to look at or read the letters they got, someone to call and help on the phone
for those who cannot read or write, "a real human, not a robot" in dialect Arabizi (Levantine, Egyptian, Iraqi,
Maghrebi), Finglish and Dari, and someone to look at or read the writer's own, personal papers. Sentences written
for this test.

The negatives use the same words in service questions: what "a person" or "ein Mensch" may do, a call the office
made, a phone hotline, learning to read; and a bare "someone" who explains a letter, which the migration
counselling answers."""

from __future__ import annotations

import pytest

from bot.matching import Matcher
from bot.matching.normalize import tokens

PERSON = [
    # a human named, to look at or read what came
    ("de", "kann mal ein mensch drauf schauen? ich hab briefe vom amt und versteh nix"),
    ("de", "Kann bitte ein Mensch sich das anschauen, ich kann ein Foto schicken"),
    ("de", "ich hätte gern, dass ein Mensch das liest, die Briefe vom Jobcenter verstehe ich nicht"),
    ("de", "Kann jemand von euch den Brief lesen, ich verstehe kein Wort"),
    ("en", "can a human check this please, I have letters from the office and don't understand anything"),
    ("en", "can a person look at it please, I can send a photo"),
    ("en", "is there a human who can read this letter for me"),
    ("ar", "momken ensan ye2ra el gawabat di, ana mesh fahem 7aga"),
    ("ar", "fi shi insan y2rali el maktoub, ma fhemt shi"),
    ("ar", "اريد انسان يقرالي الرسالة"),
    ("fa", "میشه یه آدم نامه‌ها رو بخونه؟ هیچی نمیفهمم"),
    ("fa", "mishe ye adam name haro bekhune? hichi nemifahmam"),
    ("ru", "может человек посмотреть письмо, я могу прислать фото"),
    ("ru", "пусть человек посмотрит мои письма пожалуйста"),
    ("ru", "mozhet chelovek posmotret pisma, ya nichego ne ponimayu"),
    ("uk", "може людина подивитися? маю листи з відомства і нічого не розумію"),
    ("uk", "mozhe liudyna podyvytysia lysty, ya nichoho ne rozumiiu"),
    ("tr", "bir insan bakabilir mi, daireden mektuplar geldi hiçbir şey anlamıyorum"),
    # someone to call and help on the phone
    ("de", "kann mich bitte jemand anrufen? ich kann nicht gut schreiben"),
    ("de", "kann mir bitte jemand am Telefon helfen, ich kann nicht gut lesen"),
    ("de", "kann einer von euch mich anrufen"),
    ("en", "can somebody phone me, I can't write well"),
    ("en", "please someone ring me and help me by phone"),
    ("en", "I can't read or write, can someone help me on the phone"),
    ("en", "can you help me over the phone? I can't read well"),
    ("ar", "ممكن حدا يحكيني عالتلفون؟ ما بعرف اكتب"),
    ("ar", "ممكن حد يكلمني في التليفون"),
    ("ar", "momken 7ad yerenn 3alaya"),
    ("ar", "wa7ed yitasal biya raja2an"),
    ("ar", "اتصلوا علي لو سمحتو ما اعرف اكتب"),
    ("fa", "لطفا یکی زنگ بزنه، من نوشتن بلد نیستم"),
    ("fa", "mishe yeki zang bezane be man"),
    ("fa", "میشه تلفنی کمکم کنید؟ سواد ندارم"),
    ("fa", "یک نفر برایم تیلفون کند"),
    ("ru", "может кто-то позвонить и помочь по телефону"),
    ("ru", "помогите по телефону, я плохо читаю"),
    ("ru", "pomogite mne po telefonu pozhaluysta"),
    ("uk", "допоможіть мені по телефону будь ласка"),
    ("tr", "biri beni arayıp telefonda yardım etsin"),
    ("tr", "beni biri arayabilir mi, okuma yazma bilmiyorum"),
    ("tr", "telefonda yardım edebilir misiniz"),
    # a real human, not a robot
    ("de", "ich will mit nem menschen reden"),
    ("de", "will mit jemandem echten reden, nicht mit robot"),
    ("ar", "bade e7ki ma3 ensan 7a2i2i mesh robot"),
    ("ar", "bdi a7ki ma3 bani adam"),
    ("ar", "3ayez akalem 7ad beni adam"),
    ("ar", "bghit nhder m3a chi wahed"),
    ("ar", "bghit nhdar m3a chi wa7ed machi robot"),
    ("ar", "3awz atkalem ma3 7ad 7a2ee2y"),
    ("ar", "n7eb nahki m3a wa7ed 7a9i9i"),
    ("ar", "بغيت نهضر مع شي واحد"),
    ("ar", "عايز اكلم حد بني ادم"),
    ("fa", "mikhaam ba adam harf bezanam"),
    ("fa", "mikham ba ensan harf bezanam"),
    ("fa", "همرای یک آدم گپ بزنم لطفا"),
    ("ru", "хочу поговорить с настоящим человеком"),
    ("uk", "хочу з реальною людиною"),
    ("tr", "robot istemiyorum, gerçek biri ile konuşmak istiyorum"),
]

# someone to look at or read the writer's own papers: a complex case, the message goes to the caseworker as it is
OWN_FILE = [
    ("de", "bitte schaut euch meine Unterlagen an"),
    ("de", "können Sie meine Briefe lesen, ich verstehe sie nicht"),
    ("en", "can you look at my personal case"),
    ("en", "could you read my letters from the jobcenter"),
    ("ar", "3ayez 7ad yboss 3ala wara2i"),
    ("ar", "momken 7ad ye2rali el wara2"),
    ("ar", "momken tshoufo awra2i"),
    ("fa", "یک نفر میتونه نامه هامو بخونه و برام توضیح بده؟ عکس میفرستم"),
    ("fa", "lotfan madarek shakhsiamo check konid"),
    ("ru", "mozhete posmotret moi dokumenty"),
    ("ru", "можете прочитать мои письма из джобцентра"),
    ("uk", "mozhete podyvytys moi dokumenty"),
    ("uk", "перегляньте мої особисті документи"),
    ("tr", "mektuplarımı okuyabilir misiniz"),
]

NEITHER = [
    ("de", "kann ein mensch ohne papiere in berlin arbeiten"),
    ("de", "der Mitarbeiter im Jobcenter hat meinen Antrag angeschaut und abgelehnt"),
    ("de", "kann mich das jobcenter anrufen wenn ich nicht da bin"),
    ("de", "gibt es eine beratung am telefon für mieter"),
    ("de", "kann jemand mir den brief erklären, ich schick foto"),
    ("en", "is there a human rights organisation in berlin"),
    ("en", "can a person with duldung look for a job"),
    ("en", "I can't read German, is there a course for reading"),
    ("en", "is there a phone hotline for tenants"),
    ("ar", "الجوب سنتر اتصلوا علي امبارح شو بدهم"),
    ("ar", "el insan lazem ye2ra el 3a2d abl ma ymda"),
    ("ar", "momken a7ki ma3 el jobcenter bel telefon?"),
    ("ar", "ettasalo 3alaya mn el jobcenter"),
    ("fa", "باید به یکی زنگ بزنم برای وقت دکتر"),
    ("fa", "کجا میتونم خوندن و نوشتن یاد بگیرم"),
    ("ru", "может человек без документов работать"),
    ("ru", "есть ли консультация по телефону для мигрантов"),
    ("uk", "мені подзвонили з джобцентру, що робити"),
    ("uk", "хтось може прочитати лист і пояснити мені"),
    ("tr", "jobcenter beni aradı ne yapmalıyım"),
    ("tr", "telefonla randevu alabilir miyim"),
    ("tr", "insan hakları derneği var mı"),
]


@pytest.mark.parametrize(("lang", "text"), PERSON)
def test_newcomers_ask_for_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert (decision.action, decision.intent) == ("handoff", "person"), (lang, text)


@pytest.mark.parametrize(("lang", "text"), OWN_FILE)
def test_someone_to_look_at_or_read_ones_own_papers_is_a_complex_case(
    real_matcher: Matcher, lang: str, text: str
) -> None:
    decision = real_matcher.match(text, lang)
    assert (decision.action, decision.intent) == ("handoff", "complex"), (lang, text)


@pytest.mark.parametrize(("lang", "text"), NEITHER)
def test_the_same_words_in_service_questions_are_neither(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent not in ("person", "complex"), (lang, text)
    assert not real_matcher.intents.wants_person(text), (lang, text)
    assert not real_matcher.intents.is_complex(text, len(tokens(text))), (lang, text)


def test_every_language_has_all_three() -> None:
    languages = {"de", "en", "ar", "fa", "ru", "uk", "tr"}
    assert {lang for lang, _ in PERSON} == languages
    assert {lang for lang, _ in OWN_FILE} == languages
    assert {lang for lang, _ in NEITHER} == languages
