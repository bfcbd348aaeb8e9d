"""Ways of asking for a human: a word of talking near a word for staff or a human (knowledge/intents.yaml
`person.talk` and `person.who`, combined by `intents._near`), someone to call back, an appointment with a
caseworker, "the bot cannot help", papers to show someone, someone in person. Sentences written for this test, not
taken from any measured set; the negatives are what the lists must not catch."""

from __future__ import annotations

import pytest

from bot.matching import Matcher
from bot.matching.phrases import near as _near

PERSON_REQUESTS = [
    # talking to staff or a human, however the sentence goes around the two words
    ("de", "könnte ich heute noch mit einer echten beraterin sprechen, es geht um meinen sohn"),
    ("de", "keine automatische antwort bitte, ich brauche hilfe mit dem brief"),
    ("en", "could a caseworker call me tomorrow morning about my rent"),
    ("ru", "хочу связаться с живым человеком по поводу письма"),
    ("uk", "можна консультацію з людиною, бо я не розумію листи"),
    ("tr", "bir yetkiliyle telefonda konuşmak istiyorum lütfen"),
    # connected or put through to staff
    ("en", "could you connect me with a caseworker please"),
    ("de", "bitte verbinden sie mich mit einer mitarbeiterin"),
    ("ru", "переключите меня на оператора пожалуйста"),
    ("tr", "beni bir yetkiliye aktarın lütfen"),
    ("en", "is there someone who can sit with me and go through all of it"),
    ("uk", "мені потрібен живий консультант, не бот"),
    ("ar", "بدي احكي مع موظف عن وضعي"),
    ("fa", "میخوام با یک کارمند صحبت کنم درباره نامه"),
    # someone to call me: a request for a person, not an emergency
    ("uk", "можна шоб мені хтось подзвонив? я не вмію довго писати"),
    ("ru", "пусть кто-нибудь позвонит... можно чтобы кто-то мне позвонил"),
    ("en", "can someone call me please, writing is hard for me"),
    ("tr", "biri beni arasın lütfen yazamıyorum"),
    # an appointment with a caseworker
    ("en", "could i book an appointment with a caseworker, too many letters"),
    ("ru", "хочу записаться к соцработнику, не понимаю письма"),
    ("uk", "як записатися до соціального працівника?"),
    ("fa", "mikham ba ye karmand vaght begiram"),
    ("tr", "bir danışmandan randevu alabilir miyim"),
    # the bot cannot help, it cannot be written down, papers to show someone, someone in person
    ("de", "das kann der bot mir nicht erklären, der bot kann da nicht helfen"),
    ("de", "ich würde die unterlagen gern jemandem zeigen, drei briefe vom amt"),
    ("en", "i cant explain this in writing, it is too long"),
    ("en", "can i show someone my letters, i dont get them"),
    ("ru", "тут бот не поможет, ситуация сложная"),
    ("uk", "не можу це пояснити письмово, дуже довго"),
    ("tr", "yazarak anlatamıyorum, çok karışık"),
    ("fa", "mikham hozoori harf bezanam ba ye nafar"),
    ("fa", "ye nafar hast ke shakhsan komak kone?"),
    # give me / sign me up with / connect me to staff; someone to take over, follow or go through the case
    ("de", "geben sie mir bitte einen mitarbeiter, ich habe drei briefe vom amt"),
    ("de", "kann jemand von euch meinen antrag mit mir anschauen"),
    ("de", "wir suchen jemanden der den fall übernehmen kann, alles ist durcheinander"),
    ("de", "die briefe werden immer mehr, ich brauch einen menschen dafür"),
    ("en", "could someone meet me, i have a bag full of letters"),
    ("ru", "дайте консультанта, письма с джобцентра непонятные"),
    ("ru", "запишите к консультанту, у меня вопросы по пособию"),
    ("uk", "з'єднайте мене з працівником, прошу"),
    ("uk", "потрібна людина яка мене супроводить на прийом"),
    ("tr", "annemin işlerini takip edecek biri lazım, çok evrak var"),
    ("tr", "lütfen beni bir çalışana bağlayın"),
    ("ar", "bedi 7ada yetaba3 ma3i el awra2"),
    ("fa", "lotfan mano vasl konid be ye karmand"),
    ("fa", "یک نفر میخوایم که پرونده رو دست بگیره"),
    # no machine, at the office, not in the chat, not by message
    ("de", "bitte einen echten berater, keinen automaten"),
    ("ru", "можно к вам в офис прийти и поговорить?"),
    ("tr", "mesajla anlatamam, biri yardım etsin"),
    ("ar", "momken maw3ed ma3 zol yesa3edni fi el awra2"),
    ("ar", "bade 7ada yo2ef ma3i shakhsiyan bel mawdoo3"),
    ("uk", "хтось живий тут є? сама не розберуся"),
    ("ru", "хочу записаться на консультацию лично, письма не понимаю"),
]

NO_PERSON_REQUESTS = [
    # someone who understands, a psychologist: counselling, not a caseworker
    ("en", "i need someone to talk to, i cry every night since we came"),
    ("ru", "хочу поговорить с психологом на русском"),
    # people like me, staff who speak a language, staff who refused to talk
    ("tr", "benim gibi insanlarla tanışmak ve konuşmak istiyorum"),
    ("tr", "jobcenterda türkçe konuşan danışman var mı"),
    ("ar", "في موظف بيحكي عربي بالجوب سنتر؟"),
    ("en", "the staff at the office refused to speak english with me"),
    # a form handed in in person, documents shown at an office: services
    ("de", "muss ich die unterlagen beim bürgeramt persönlich zeigen"),
    ("en", "do i have to show my documents at the jobcenter in person"),
    # "give" and "sign up" without staff, a worker or a colleague mentioned: no request
    ("ru", "дайте адрес джобцентра в митте"),
    ("uk", "запишіть мене на курс німецької"),
    ("tr", "elektrik sayacını okuyan çalışan geldi, fatura ne zaman gelir"),
    ("de", "der mitarbeiter hat mir das formular nicht gegeben"),
]


@pytest.mark.parametrize(("lang", "text"), PERSON_REQUESTS)
def test_asking_for_a_human_is_a_person_request(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent == "person", (lang, text)


@pytest.mark.parametrize(("lang", "text"), NO_PERSON_REQUESTS)
def test_other_talk_is_no_person_request(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent != "person", (lang, text)


def test_near_finds_both_orders_within_the_gap_only() -> None:
    pattern = _near(("sprechen",), ("berater*",), 2)
    assert pattern.search(" mit einem berater sprechen ")
    assert pattern.search(" sprechen mit einem berater ")
    assert pattern.search(" berater gerne heute sprechen ")
    assert not pattern.search(" berater war gestern leider nicht zu sprechen ")  # four words apart
    assert not _near((), ("berater",)).search(" berater sprechen ")


def test_an_appointment_at_an_office_is_not(real_matcher: Matcher) -> None:
    assert real_matcher.match("how do i get an appointment at the buergeramt", "en").intent == "service"
