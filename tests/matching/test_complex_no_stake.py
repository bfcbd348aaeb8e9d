"""How a person came, or what they already won, is the start of their story, not a legal stake: "meine Mutter ist
über Familiennachzug gekommen" or "endlich den positiven Bescheid bekommen" in a long message does not make it a
case for a person by that weak word (knowledge/intents.yaml `complex.no_stake`). The same weak words still count
when they are the problem. The messages are written for these tests."""

from __future__ import annotations

import pytest

from bot.matching import Matcher
from bot.matching.normalize import tokens


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "mein vater ist über den familiennachzug zu uns gekommen, er ist 75 und hat hier keine rente, "
               "wir verdienen selbst wenig, gibt es für ihn irgendeine hilfe zum leben"),
        ("en", "my mother came to us through family reunification last year, she is 72 and gets no pension at all, "
               "is there any support for old people without a pension"),
        ("ru", "моя мама приехала к нам по воссоединению семьи два года назад, ей 80 и пенсии нет никакой, "
               "есть ли для пожилых людей какая-то помощь"),
        ("ar", "امي عمرها ٧٠ سنة وجت لعندنا عن طريق لم الشمل، ما عندها تقاعد ولا دخل، في مساعدة لكبار السن"),
        ("de", "wir haben nach zwei jahren den positiven bescheid bekommen und das amt sagt wir müssen jetzt "
               "woanders geld beantragen, wo ist das"),
    ],
)
def test_how_one_came_is_not_a_stake(real_matcher: Matcher, lang: str, text: str) -> None:
    assert not real_matcher.intents.is_complex(text, len(tokens(text))), text


@pytest.mark.parametrize(
    "text",
    [
        # the reunion is the problem: refused, with a lawyer and a deadline
        "der antrag auf familiennachzug für meine frau wurde abgelehnt, ich habe einen brief mit einer frist "
        "bekommen und weiß nicht ob ich einen anwalt brauche",
        # a weak word beside the background still counts in a long story
        "meine mutter ist über familiennachzug gekommen und jetzt hat das amt ihren antrag auf grundsicherung "
        "abgelehnt, was sollen wir machen, wir verstehen das nicht",
    ],
)
def test_the_same_words_still_count_when_they_are_the_problem(real_matcher: Matcher, text: str) -> None:
    assert real_matcher.intents.is_complex(text, len(tokens(text))), text


@pytest.mark.parametrize(
    "text",
    [
        "ich bin letzte woche mit meiner familie umgezogen, wo melde ich die neue adresse und gibt es eine frist dafür",
        "we moved to a new flat in wedding last week, do we have to tell some office and is there a deadline for that",
        "мы переехали в новую квартиру на прошлой неделе, где надо менять адрес и есть ли какой то срок для этого",
        # a family reunification visa as one's status, "it is written on the paper that" (blind set 33)
        "у меня виза по воссоединению семьи, можно ли мне работать курьером или нужно где-то брать разрешение на это",
        "3al war2a maktoub enno el shoghl mamnou3 ella b mwaf2a, shu ya3ni hada w kif ba3ref iza fini ishtghil hon",
        "el m3allem ma da3ali ma3ashi sar shahrein w ana ma 3ndi 3a2d maktoub, shu ba3mel hala2 ya jama3a",
    ],
)
def test_asking_whether_there_is_a_deadline_is_no_stake(real_matcher: Matcher, text: str) -> None:
    """"Is there a deadline?" asks for a rule, a visa named asks about it: a long message with such words is no case
    for a person (blind sets 32 and 33)."""
    assert len(tokens(text)) >= 14, "long enough that one weak word would count"
    assert not real_matcher.intents.is_complex(text, len(tokens(text))), text


def test_arabic_in_latin_letters_weighs_like_arabic_script(real_matcher: Matcher) -> None:
    """A rejection, a letter and a lawyer written in Arabizi are three weak words, as they are in Arabic script."""
    text = ("wasalni maktoub mn el BAMF eno talabi marfoud w 3andi osbou3 bas, el mo7ami baddo ktir masari "
            "w ana ma ma3i shi")
    assert real_matcher.intents.is_complex(text, len(tokens(text)))
    assert real_matcher.match(text, "ar").action == "handoff"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "я здесь полгода, в банке отказали открыть счёт потому что паспорт просрочен, а работодателю "
               "нужен счёт для зарплаты, что делать"),
        ("de", "die bank hat mein konto abgelehnt weil mein pass abgelaufen ist, mein chef braucht aber eine iban "
               "für den lohn, was kann ich tun"),
        ("uk", "прийшов лист від інкасо, вимагають 600 євро за старий договір на інтернет і погрожують судом, "
               "я його давно розірвала, що мені робити"),
        ("de", "ich bekomme jede woche briefe wegen einem alten handyvertrag, jetzt 500 euro, ich kann nicht zahlen "
               "und die drohen mit gericht"),
    ],
)
def test_a_bank_refusal_or_a_collectors_threat_is_no_stake(real_matcher: Matcher, lang: str, text: str) -> None:
    assert not real_matcher.intents.is_complex(text, len(tokens(text))), text


def test_a_letter_from_the_court_with_a_deadline_still_goes_to_a_person(real_matcher: Matcher) -> None:
    text = "отримала лист з суду через борг за квартиру, маю два тижні щоб відповісти, а ще джобцентр не платить"
    assert real_matcher.intents.is_complex(text, len(tokens(text)))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "die sparkasse will mir kein konto geben weil ich nur eine duldung habe, mein chef braucht die iban"),
        ("ar", "el bank ma baddo yefta7li 7esab la2an 3andi bas duldung w el sha3'l baddo IBAN la el ma3ash"),
        ("tr", "banka hesap açmıyor çünkü sadece duldung var, patron maaş için iban istiyor ne yapayım"),
    ],
)
def test_only_a_duldung_is_a_status_not_a_stake(real_matcher: Matcher, lang: str, text: str) -> None:
    assert not real_matcher.intents.is_complex(text, len(tokens(text))), text


def test_a_duldung_not_extended_still_goes_to_a_person(real_matcher: Matcher) -> None:
    text = "meine duldung wurde nicht verlängert und die ausländerbehörde hat mir einen brief mit frist geschickt"
    assert real_matcher.intents.is_complex(text, len(tokens(text)))


def test_a_letter_saying_one_owes_euros_is_a_debt_not_a_tangle(real_matcher: Matcher) -> None:
    """The debt told in surzhyk ("вона должна 300 євро"): one weak word (the letter) with only the debt domain."""
    text = "сусідці прийшло письмо від якоїсь фірми, пишуть шо вона должна 300 євро за спортзал а вона туди не ходила"
    assert real_matcher.intents.life_domains(text) == ("debt",)
    assert not real_matcher.intents.is_complex(text, len(tokens(text)))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "шукаємо квартиру вже пів року для нас і трьох дітей, всюди відмова, "
               "чи є якась допомога для сімей з дітьми"),
        ("ru", "квартиру ищу уже восьмой месяц для себя и двоих детей, везде отказ, "
               "может есть какая-то помощь для семей"),
        ("de", "seit einem jahr suchen wir eine wohnung für uns und drei kinder, nur absagen, "
               "gibt es irgendwo hilfe für familien wie uns"),
    ],
)
def test_landlords_refusals_in_a_flat_search_are_no_stake(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent != "complex", (lang, text)
