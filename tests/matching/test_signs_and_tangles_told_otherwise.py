"""Emergencies and tangled cases told in words the lists lacked until blind sets 34 and 35 (after their first
looks): too many of one's pills, "everyone is better off without me" in every language, a fall with no answer in
Egyptian Arabic, a child's eyes not opening after a fever fit, a face drooping on one side in Ukrainian, a scald, a
knife threatened in Arabizi, sitting on a windowsill high up, smoke coming from a flat; passports kept by a former
partner with an extension due, and problems in three domains told in Finglish and colloquial Russian and Ukrainian.
And look-alikes: a passport lost or a photo for it, going to an appointment without someone, a shelter's threat of
eviction, a factory's chimney. Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher

EMERGENCIES = [
    ("en", "I swallowed too many of my sleeping pills, my heart is racing"),
    ("en", "i don't really see the point anymore, sorry everyone"),
    ("de", "Alle wären besser dran ohne mich, ich kann nicht mehr"),
    ("ru", "всем будет лучше без меня, я устала"),
    ("uk", "всім буде краще без мене, я більше не можу"),
    ("tr", "herkes bensiz daha iyi olur bence artik"),
    ("ar", "حاسة انو اهلي احسن بلاني"),
    ("ar", "a7san blani kelon, ma 3ad fini"),
    ("fa", "همه بدون من بهترن، دیگه نمیتونم"),
    ("fa", "hame bedune man behtaran"),
    ("ar", "جدي وقع بالمطبخ ومش بيرد خالص"),
    ("fa", "بچه‌ام تشنج کرد و الان چشماش باز نمیشه"),
    ("uk", "в тата лице обвисло з одного боку"),
    ("ru", "у бабушки одна сторона лица обвисла, она не может говорить"),
    ("ru", "ребёнок ошпарился кипятком, кожа слезает"),
    ("de", "mein Sohn hat sich mit heißem Wasser verbrüht, die Haut ist weiß"),
    ("ar", "jozi hadadni bel sikkine w ana msakra el bab"),
    ("uk", "сиджу на підвіконні на дев'ятому поверсі і думаю стрибнути"),
    ("ru", "сижу на подоконнике 7 этажа, мне всё равно"),
    ("en", "smoke coming from the flat next door, the hallway smells burnt"),
]


@pytest.mark.parametrize(("lang", "text"), EMERGENCIES)
def test_emergencies_told_otherwise(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.intent == "emergency", (text, decision.action, decision.intent)


TANGLES = [
    ("de", "Mein Ex hat die Pässe der Kinder und gibt sie nicht zurück, nächste Woche ist die Verlängerung"),
    ("en", "my ex husband has the kids passports and won't give them back, our permits expire soon"),
    ("ru", "бывшая забрала паспорта детей и не отдает, а продление внж через неделю"),
    ("uk", "колишній чоловік забрав паспорт дитини і не віддає, а в нас продовження через тиждень"),
    ("tr", "eski kocam cocuklarin pasaportlarini geri vermiyor, oturum uzatma randevusu yakinda"),
    ("fa", "Jobcenter mige 900 euro bayad pas bedam, Fiktion-am tamoom shode va saheb khoone ham Kündigung dade"),
    ("ru", "джобцентр требует вернуть деньги, хозяин прислал kündigung, фикцион кончилась, я в панике"),
    ("uk", "джобцентр вимагає повернути гроші, хазяйка дала kündigung, фіктіон закінчився"),
    ("ar", "el iqama mrabbata bi jozi w huwe tarakni, w el Jobcenter wa2af el masari"),
]


@pytest.mark.parametrize(("lang", "text"), TANGLES)
def test_kept_passports_and_three_domains_go_to_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "handoff" and decision.intent in ("complex", "person"), (text, decision.intent)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Ich habe meinen Pass verloren, was muss ich tun?"),
        ("en", "the Bürgeramt took my passport photo and said wait two weeks"),
        ("en", "can i go to the appointment without my husband, is it better without me there"),
        ("ru", "где сделать фото на паспорт ребенка"),
        ("uk", "в квартирі холодно, опалення не працює"),
        ("ru", "на подоконнике у нас плесень, а этаж первый, что делать"),
        ("ar", "el heim 3am yhadedni bil tarde iza ma ba3mel Anmeldung"),
        ("en", "smoke coming out of the factory chimney makes my asthma worse, where do I complain"),
    ],
)
def test_look_alikes_are_neither(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.intent not in ("emergency", "complex"), (text, decision.intent)


def test_one_person_asking_to_sort_it_out_with_them_is_a_request_for_a_person(real_matcher: Matcher) -> None:
    decision = real_matcher.match("хто може розібратись зі мною особисто з цими листами?", "uk")
    assert decision.action == "handoff" and decision.intent == "person"
