"""Asking for a person to help in person, on the real knowledge/intents.yaml (`person.phrases`): help in person or
face to face, someone to sit down with us and go through everything, someone to come along to the appointments,
"call a counsellor / caseworker", and someone to help sort all the letters and papers. Arabic and Persian also in
Latin letters (Arabizi, Finglish, Dari), Russian and Ukrainian also in Latin letters (read in Cyrillic first, as the
matcher does), Turkish also without its special letters. Sentences written for this test.

The negatives use the same words in service questions: going somewhere in person, handing in a form in person, a
Termin, whether a relative may come along, counselling that is given face to face, sorting waste, and a counsellor
that a service offers."""

from __future__ import annotations

import pytest

from bot.matching import Matcher
from bot.matching.cyrillic import readings

PERSON = [
    # help in person, face to face
    ("de", "kann mir jemand persönlich helfen? ich schaff das nicht allein"),
    ("de", "ich würde gern mit jemandem persönlich sprechen, nicht hier im chat"),
    ("en", "can someone help me in person please"),
    ("en", "I want to talk to someone face to face"),
    ("ar", "بدي احكي مع حدا وجها لوجه مش عالتلفون"),
    ("ar", "momken 7ada ysa3edni shakhsiyan?"),
    ("fa", "میخوام با یه مشاور حضوری حرف بزنم"),
    ("fa", "mikham ba ye moshaver hozoori harf bezanam"),
    ("ru", "может кто-нибудь помочь лично? я не справляюсь"),
    ("ru", "hochu pogovorit s kem-to vzhivuyu"),
    ("uk", "допоможіть хто-небудь особисто, будь ласка"),
    ("uk", "хтось може допомогти особисто?"),
    ("tr", "biri bana yüz yüze yardım edebilir mi"),
    ("tr", "yuz yuze biriyle konusmak istiyorum"),
    # meeting in person told otherwise (blind set 31)
    ("uk", "маю купу листів і нічого не розумію, чи може хтось зі мною зустрітися?"),
    ("uk", "завтра термін, а паспорт у посольстві, поможіть хтось особисто"),
    ("fa", "چند مشکل دارم، میخواهم با یک مشاور رو در رو گپ بزنم"),
    ("ar", "kel shi 3am yekhrab, bade 7ada ysa3dne wajhan l wajh"),
    ("tr", "annem hasta, ben Jobcenter ile ugrasiyorum, buraya tek tek yazamam, bir danışman lazım"),
    # someone to sit down with us and go through everything
    ("de", "ich brauche jemanden der sich mit mir hinsetzt und alles durchgeht"),
    ("en", "is there someone who can sit down with us and go through everything"),
    ("ar", "بدنا حدا يقعد معنا ويشوف كل الاوراق"),
    ("ar", "bde 7ada yo23od ma3na w yshouf kel shi"),
    ("fa", "کسی هست که یک بار با ما بشینه و همه را ببینه"),
    ("fa", "kasi ast ke yak bar ba mo beshina va hama ra bebina"),
    ("ru", "нужен кто-то, кто сядет с нами и всё посмотрит"),
    ("uk", "хтось міг би сісти з нами і все переглянути?"),
    ("tr", "biri bizimle oturup konuşsun lütfen"),
    ("tr", "benimle oturup her şeye bakacak biri lazım"),
    # someone to come along to the appointments
    ("de", "ich brauche jemanden, der mit zum Termin kommt"),
    ("en", "I need someone with me at my appointments"),
    ("ar", "baddi 7ada yeje ma3na 3al mawa3eed"),
    ("ar", "بدنا حدا يجي معنا عالمواعيد"),
    ("fa", "یکی هست با ما بیاد جوبسنتر؟"),
    ("ru", "мне нужно чтобы кто-то сходил со мной в джобцентр"),
    ("ru", "kto-nibud mozhet skhodit s nami na priem?"),
    ("uk", "чи може хтось піти з нами на прийом"),
    ("tr", "randevulara bizimle gelebilecek biri var mı"),
    # call a counsellor or a caseworker
    ("de", "Berater bitte"),
    ("de", "holen Sie bitte einen Berater"),
    ("en", "call a caseworker please"),
    ("en", "get me a counsellor"),
    ("ar", "dani5 mas2ool"),
    ("ar", "نادولي مستشار لو سمحت"),
    ("ar", "jibli mas2ool law sama7t"),
    ("fa", "لطفا یه مشاور صدا کنید"),
    ("fa", "ye moshaver seda konid lotfan"),
    ("ru", "позовите консультанта"),
    ("ru", "pozovite konsultanta"),
    ("uk", "покличте консультанта, будь ласка"),
    ("uk", "poklychte konsultanta"),
    ("tr", "bir danışman çağırır mısınız"),
    # someone to help sort all the letters and papers
    ("de", "kann mir jemand helfen das alles zu sortieren? so viele Briefe"),
    ("en", "can someone help me sort through all these letters"),
    ("ar", "بدي حدا يساعدني رتب كل الاوراق"),
    ("ar", "7ada ysa3edni rattib el wara2 kello"),
    ("fa", "یکی کمکم کنه همه نامه‌ها رو مرتب کنم"),
    ("fa", "kasi komakam kone hame name haro morattab konam"),
    ("ru", "помогите разобраться со всеми бумагами, я запуталась"),
    ("uk", "хтось допоможе розібратись з усіма папірцями?"),
    ("uk", "khtos dopomozhe rozibratys z usima paperamy?"),
    ("tr", "biri tüm evrakları düzenlememe yardım etsin"),
]

NOT_PERSON = [
    ("de", "Wo bekomme ich einen Termin persönlich beim Bürgeramt?"),
    ("de", "kann ich den Antrag persönlich abgeben"),
    ("de", "muss ich persönlich erscheinen oder reicht online"),
    ("de", "darf mein Mann mit zum Termin kommen?"),
    ("de", "ich möchte lieber mit einer Beraterin sprechen, nicht mit einem Mann"),
    ("de", "wie muss ich den Müll sortieren"),
    ("de", "wer begleitet mich in der Ausbildung, gibt es Mentoren?"),
    ("en", "do I have to go in person to the Ausländerbehörde"),
    ("en", "who advises me in person about recognition of my degree"),
    ("en", "can my sister come with me to the appointment?"),
    ("en", "how do I sort my waste in Berlin"),
    ("ar", "لازم روح شخصيا عالبورغرامت؟"),
    ("ar", "kif a7jez maw3ed bel Bürgeramt"),
    ("fa", "میخوام حضوری مشاوره بگیرم برای مدرکم"),
    ("fa", "darkhast-e wohngeld ro hozoori mishe dad ya faghat post?"),
    ("ru", "можно прийти лично или надо записаться онлайн"),
    ("ru", "кто поможет разобраться со всеми долгами"),
    ("uk", "чи треба йти особисто подавати заяву"),
    ("uk", "де можна розібратися з папірцями безкоштовно"),
    ("tr", "anerkennung için yüz yüze danışmanlık istiyorum"),
    ("tr", "konut dairesine yuz yuze gitmek istiyorum randevuyu nasil alirim"),
    ("tr", "kayınvalidem bizimle oturuyor, kira yardımı alabilir miyiz"),
    ("de", "Darf jemand aus der Familie mit zum Termin bei der Ausländerbehörde?"),
    ("en", "where can I talk to someone in person about debts"),
    ("en", "does the social worker call a caseworker at the jobcenter?"),
    ("ar", "7ada bi2ol lazem ro7 shakhsiyan"),
    ("ar", "بدي احكي مع مسؤول الاندماج بالبلدية"),
    ("fa", "یکی رو میخوام کمکم کنه همه قرضامو مرتب کنم"),
    ("ru", "муж пошел с нами в джобцентр но не пустили"),
    ("uk", "хтось із знайомих особисто ходив до ЛЕА?"),
    ("tr", "danışman çağırdı beni, ne getireyim"),
    ("tr", "biri yüz yüze randevu almam gerektiğini söyledi"),
]


def _wants_person(matcher: Matcher, lang: str, text: str) -> bool:
    """As the matcher reads a message: Russian and Ukrainian in Latin letters in Cyrillic, then as typed."""
    return any(matcher.intents.wants_person(form) for form in readings(text, lang))


@pytest.mark.parametrize(("lang", "text"), PERSON)
def test_asking_for_a_person_in_person_is_a_person_request(real_matcher: Matcher, lang: str, text: str) -> None:
    assert _wants_person(real_matcher, lang, text), (lang, text)
    decision = real_matcher.match(text, lang)
    assert (decision.action, decision.intent) == ("handoff", "person"), (lang, text)


@pytest.mark.parametrize(("lang", "text"), NOT_PERSON)
def test_the_same_words_in_service_questions_are_no_person_request(
    real_matcher: Matcher, lang: str, text: str
) -> None:
    assert not _wants_person(real_matcher, lang, text), (lang, text)
    assert real_matcher.match(text, lang).intent != "person", (lang, text)


def test_every_language_has_both() -> None:
    languages = {"de", "en", "ar", "fa", "ru", "uk", "tr"}
    assert {lang for lang, _ in PERSON} == languages
    assert {lang for lang, _ in NOT_PERSON} == languages
