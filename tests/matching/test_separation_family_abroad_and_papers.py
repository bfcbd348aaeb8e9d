"""Blind sets 36 and 37, told otherwise (knowledge/intents.yaml and three LEA cards): relatives abroad to bring here
get the free legal advice on residence law (a separation while one's residence depends on the spouse, since blind set
39 a case for a person: test_figures_letters_and_tied_separations.py); with custody at stake, a visit or relatives in
Ukraine they do not. A lost residence card, a child born here and a
marriage to a German find the LEA's cards for them. Being told to leave the country, children taken abroad without
consent, strangling told the other way round, hiding from a man and a Turkish "I don't know what to do" over two
problems are no single question. Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher

LEGAL_ADVICE = "refugee-law-clinic-berlin"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "my kids are still in Sudan with my mother, I have a residence permit now. can I bring them?"),
        ("ar", "ولادي في اليمن مع جدتهم، كيف جيبهم لهون؟"),
        ("uk", "мама залишилась у Казахстані сама, як її забрати до нас?"),
    ],
)
def test_family_abroad_gets_legal_advice(
    real_matcher: Matcher, lang: str, text: str
) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "answer" and decision.best is not None and decision.best.id == LEGAL_ADVICE


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tr", "esimden bosaniyorum, oturumum ona bagli, cocuklarin velayeti icin mahkeme var"),
        ("tr", "annemi iki ay ziyaret icin getirmek istiyorum, ne lazim"),
        ("uk", "мама залишилась в Харкові, як її забрати сюди?"),
    ],
)
def test_custody_a_visit_or_relatives_in_ukraine_are_no_such_situation(
    real_matcher: Matcher, lang: str, text: str
) -> None:
    decision = real_matcher.match(text, lang)
    assert not (decision.action == "answer" and decision.best is not None and decision.best.id == LEGAL_ADVICE)


@pytest.mark.parametrize(
    ("entry", "lang", "text"),
    [
        ("lea-eat-verlust", "de", "eAT verloren, was muss ich machen"),
        ("lea-eat-verlust", "en", "my residence card was stolen, what now"),
        ("lea-aufenthalt-kind-geboren", "de", "Aufenthaltserlaubnis für unser neugeborenes Kind"),
        ("lea-aufenthalt-ehepartner-deutsche", "en", "I married a German, which residence permit do I need?"),
    ],
)
def test_the_lea_cards_for_a_lost_card_a_newborn_and_a_marriage(
    real_matcher: Matcher, entry: str, lang: str, text: str
) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.best is not None and decision.best.id == entry


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "the foreigners office wrote I have to leave Germany in four weeks, I work here"),
        ("ru", "пришло письмо, надо покинуть страну до конца месяца, а у меня ребёнок в школе"),
        ("ar", "ex jozi akhad el wlad 3la turkia bdoun ma ykhabberni"),
        ("fa", "shoharam bache ha ro bedoone ejaze bord afghanistan"),
        ("fa", "جواب رد اومده، دو هفته وقت شکایت دارم"),
        ("tr", "iltica ret geldi, iki hafta icinde dava acmam lazimmis"),
        ("tr", "bosanma davasi var, oturumum esime bagli, ne yapacagimi bilmiyorum"),
    ],
)
def test_stakes_told_otherwise_go_to_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "handoff" and decision.intent in ("complex", "person")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "сожитель меня душил вчера ночью, я боюсь идти домой"),
        ("uk", "чоловік знову руки розпускає, діти плачуть"),
        ("fa", "ye nafar donbalam kard, alan too maghaze ghayem shodam"),
        ("en", "a man followed me from the bus, I am hiding from him in a shop"),
    ],
)
def test_strangling_hitting_and_hiding_from_a_man_are_emergencies(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent == "emergency"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "unser baby ist letzte woche geboren, welches geld bekommen wir? ich habe eine aufenthaltserlaubnis"),
        ("en", "baby born in march, can we get any money for her?"),
        ("ru", "у нас родился ребёнок, какие выплаты положены?"),
        ("tr", "bebegimiz dogdu, devletten para alabilir miyiz"),
    ],
)
def test_money_for_a_newborn_is_the_family_benefits_not_the_residence_card(
    real_matcher: Matcher, lang: str, text: str
) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "answer" and decision.best is not None
    assert "family-benefits" in decision.best.topics


def test_papers_for_a_newborn_stay_with_the_residence_card(real_matcher: Matcher) -> None:
    decision = real_matcher.match("baby born here, which papers does she need and do we get money?", "en")
    assert decision.best is not None and decision.best.id == "lea-aufenthalt-kind-geboren"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tr", "kizimin pokemon kartlari kayboldu, yenisi nerede satiliyor"),
        ("ru", "потеряла бонусную карту магазина, баллы можно вернуть?"),
        ("tr", "ikea kartimi kaybettim, yenisini nasil alirim"),
    ],
)
def test_a_lost_shop_or_game_card_is_no_lost_residence_card(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "handoff" and decision.intent == "offtopic"


def test_a_lost_residence_card_in_turkish_still_finds_its_card(real_matcher: Matcher) -> None:
    decision = real_matcher.match("oturum kartimi metroda kaybettim, ne yapmam lazim", "tr")
    assert decision.best is not None and decision.best.id == "lea-eat-verlust"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "darf ich mit der Fiktionsbescheinigung Deutschland verlassen und zurückkommen?"),
        ("ru", "можно ли покинуть страну на неделю, пока жду новую карту?"),
        ("tr", "oturum kartimi beklerken ulkeyi terk edebilir miyim?"),
    ],
)
def test_asking_whether_one_may_travel_is_no_order_to_leave(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent != "complex"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "my husband took the kids to school today, where can I learn German in the mornings?"),
        ("ar", "جوزي اخد الولاد على المدرسة وانا بدي كورس الماني الصبح"),
        ("tr", "esim cocuklari okula goturdu, sabah almanca kursu var mi"),
    ],
)
def test_taking_the_children_to_school_is_no_abduction(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent != "complex"


def test_ones_own_birth_year_beside_money_is_no_newborn(real_matcher: Matcher) -> None:
    decision = real_matcher.match("ich bin 1985 geboren, bekomme ich geld vom jobcenter?", "de")
    assert decision.best is not None and decision.best.id != "familienkasse-berlin-brandenburg"


@pytest.mark.parametrize(
    ("lang", "text"),
    [("uk", "мій кіт загубився вчора біля дому"), ("en", "I lost my dog in the park"), ("tr", "kedim kayboldu")],
)
def test_a_lost_pet_is_no_lost_residence_card(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "handoff" and decision.intent == "offtopic"
