"""Leisure errands that borrow an office word are off-topic however long the message (`offtopic_errands` in
knowledge/intents.yaml): blind set 15's first look answered gym sign-ups in four languages with the registration
office and a day-care for dogs with the Kita voucher office. The messages are written for these tests."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "wie läuft eigentlich die anmeldung im fitnessstudio bei mir um die ecke, brauche ich da einen ausweis"),
        ("de", "gibt es in moabit eine kita für hunde, mein hund bellt wenn er allein ist"),
        ("en", "how do i register at a gym here, do they need my anmeldung paper or just a bank card"),
        ("ar", "بدي اعمل تسجيل بالجيم اللي جنب البيت بس ما بعرف شو بدهم اوراق"),
        ("fa", "sabte nam too bashgah badansazi chejori hast, kart e banki mikhan?"),
        ("ru", "как сделать anmeldung в спортзал рядом с домом, нужен ли паспорт"),
        ("tr", "evin yanindaki spor salonuna kayit olmak istiyorum, hangi belgeler lazim acaba"),
        # hobby courses told at length: no German course
        ("ru", "подскажите курсы рисования для моей дочки 9 лет, чтобы недалеко от дома и недорого"),
        ("uk", "шукаю курс вишивки для мами, їй 65 і вона сумує вдома без справи"),
        ("tr", "oglum 8 yasinda, yakinda bir yüzme kursu var mi hafta sonlari, fiyatlar nasil"),
        ("en", "any pottery classes for beginners around here in the evenings, i work during the day"),
        ("ar", "fi kors tabkh souri b berlin? bade et3allam a3mel akl el balad"),
        ("ru", "есть ли курсы кулинарии для взрослых недалеко от александерплатц, хочу научиться"),
        # a dish to cook (blind set 33)
        ("ar", "kif ba3mel makloube bel djej, awwal marra"),
    ],
)
def test_a_leisure_errand_is_offtopic_at_any_length(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert (decision.action, decision.intent) == ("handoff", "offtopic"), text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a debt collector's letter about an old gym contract is a debt question
        ("en", "got a letter from a debt collector for my old gym contract, 400 euro, i cancelled it"),
        # who pays: a benefits question
        ("de", "zahlt das jobcenter die anmeldung im fitnessstudio für meinen sohn"),
        ("tr", "jobcenter cocugumun yüzme kursunu oduyor mu, bildung und teilhabe diye bir sey duydum"),
        # the registration office itself
        ("de", "Anmeldung beim Bürgeramt, wie lange dauert es bis ich einen Termin bekomme"),
    ],
)
def test_debts_payers_and_offices_are_no_errand(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent != "offtopic", text
