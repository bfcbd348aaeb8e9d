"""Find an organisation: the menu, by theme, by language, near me, the card, "more", and free text with the
office first (fictional organisations from tests/data/orgs-bot)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from html import escape

import pytest
from orgkit import with_orgs

from bot.conversation.context import Sender, Services
from bot.conversation.core import Command, Conversation, Press, Text
from bot.conversation.protocol import (
    OrgChoose,
    OrgMenu,
    OrgsByLanguage,
    OrgsByTheme,
    OrgsForQuestion,
    OrgsNear,
    SetDistrict,
    SetLanguage,
    ShowOrg,
    unpack,
)
from bot.conversation.replies import Reply
from bot.flows import REGISTRY
from bot.runtime import Loaded, build_services
from bot.settings import Settings

NOW = dt.datetime(2026, 3, 10, 10, 0)


class Opened:
    def __init__(self, services: Services) -> None:
        self.services = services

    def __repr__(self) -> str:
        return "Opened(services)"


@pytest.fixture
async def opened(settings: Settings, loaded: Loaded) -> AsyncIterator[Opened]:
    services = await build_services(settings, with_orgs(loaded))
    services.clock = lambda: NOW
    yield Opened(services)
    await services.db.close()


@pytest.fixture
def conversation(opened: Opened) -> Conversation:
    return Conversation(opened.services, REGISTRY)


def t(conversation: Conversation, lang: str, key: str, **values: object) -> str:
    return escape(conversation.services.locales.t(lang, key, **values))


def datas(replies: list[Reply]) -> list[str]:
    return [b.data for r in replies for row in r.buttons for b in row]


def labels(replies: list[Reply]) -> list[str]:
    return [b.label for r in replies for row in r.buttons for b in row]


def text_of(replies: list[Reply]) -> str:
    return "\n---\n".join(r.text for r in replies)


def shown_orgs(conversation: Conversation, replies: list[Reply]) -> list[str]:
    """The organisation ids behind the buttons, in order."""
    ids = []
    for data in datas(replies):
        action = unpack(data)
        if isinstance(action, ShowOrg):
            ids.append(conversation.services.kb.organisations[action.org].id)
    return ids


async def person(conversation: Conversation, user_id: int, lang: str, district: str = "none") -> Sender:
    sender = Sender(user_id, lang)
    await conversation.handle(sender, Command("start"))
    await conversation.handle(sender, Press(SetLanguage(lang).pack()))
    await conversation.handle(sender, Press(SetDistrict(district).pack()))
    return sender


async def test_the_main_menu_offers_find_an_organisation(conversation: Conversation) -> None:
    sender = await person(conversation, 1, "en")
    replies = await conversation.handle(sender, Command("menu"))
    assert OrgMenu().pack() in datas(replies)
    assert t(conversation, "en", "buttons.organisations") in [escape(x) for x in labels(replies)]


async def test_the_organisation_menu_searches_by_theme_language_near_me_and_offers_a_speaker(
    conversation: Conversation,
) -> None:
    sender = await person(conversation, 2, "de", "mitte")
    replies = await conversation.handle(sender, Press(OrgMenu().pack()))
    assert replies[0].text == t(conversation, "de", "orgs.menu")
    data = datas(replies)
    assert OrgChoose("t").pack() in data and OrgChoose("l").pack() in data
    assert OrgsNear("mitte", 0).pack() in data  # near me: the district the person lives in
    assert "S" in data  # I am looking for a speaker


async def test_near_me_without_a_district_asks_which_district(conversation: Conversation) -> None:
    sender = await person(conversation, 3, "en")
    replies = await conversation.handle(sender, Press(OrgMenu().pack()))
    assert OrgChoose("d").pack() in datas(replies)
    districts = await conversation.handle(sender, Press(OrgChoose("d").pack()))
    assert OrgsNear("mitte", 0).pack() in datas(districts)
    assert OrgsNear("charlottenburg-wilmersdorf", 0).pack() in datas(districts)


async def test_themes_offered_are_the_ones_organisations_have(conversation: Conversation) -> None:
    sender = await person(conversation, 4, "en")
    replies = await conversation.handle(sender, Press(OrgChoose("t").pack()))
    data = datas(replies)
    assert OrgsByTheme("culture", 0).pack() in data
    assert OrgsByTheme("lgbtiq", 0).pack() not in data  # no organisation has it
    assert t(conversation, "en", "themes.culture") in [escape(x) for x in labels(replies)]


async def test_a_theme_lists_active_organisations_with_a_line_each(conversation: Conversation) -> None:
    sender = await person(conversation, 5, "en")
    replies = await conversation.handle(sender, Press(OrgsByTheme("culture", 0).pack()))
    assert shown_orgs(conversation, replies) == ["testverein-afghanische-kultur", "testverein-sechs"]
    text = replies[0].text
    assert "Testverein Afghanische Kultur" in text and "Afghan cultural association with music" in text
    assert "Mitte" in text
    assert "Testverein Alt" not in text  # inactive


async def test_languages_are_the_ones_organisations_speak_and_list_them(conversation: Conversation) -> None:
    sender = await person(conversation, 6, "fa")
    choices = await conversation.handle(sender, Press(OrgChoose("l").pack()))
    assert OrgsByLanguage("ps", 0).pack() in datas(choices)
    assert "پښتو" in labels(choices)  # the language's own name
    assert OrgsByLanguage("es", 0).pack() not in datas(choices)
    replies = await conversation.handle(sender, Press(OrgsByLanguage("ps", 0).pack()))
    assert shown_orgs(conversation, replies) == ["testverein-afghanische-kultur"]


async def test_a_long_list_has_a_more_page(conversation: Conversation) -> None:
    sender = await person(conversation, 7, "de", "mitte")
    first = await conversation.handle(sender, Press(OrgsNear("mitte", 0).pack()))
    assert len(shown_orgs(conversation, first)) == 5
    assert OrgsNear("mitte", 1).pack() in datas(first)
    second = await conversation.handle(sender, Press(OrgsNear("mitte", 1).pack()))
    rest = shown_orgs(conversation, second)
    assert rest and not set(rest) & set(shown_orgs(conversation, first))
    assert "testverein-globales-lernen" in shown_orgs(conversation, first) + rest  # Berlin-wide counts as near
    assert "testverein-ukrainische-eltern" not in shown_orgs(conversation, first) + rest
    assert OrgsNear("mitte", 0).pack() in datas(second)  # back to the first page


async def test_the_card_has_the_facts_in_the_users_language(conversation: Conversation) -> None:
    sender = await person(conversation, 8, "en")
    listing = await conversation.handle(sender, Press(OrgsByLanguage("ps", 0).pack()))
    button = next(d for d in datas(listing) if d.startswith("OS:"))
    card = (await conversation.handle(sender, Press(button)))[0].text
    for fact in ("Afghan cultural association", "Teststraße 1, 10551 Berlin", "+49 30 1234567", "info@example.org",
                 "https://tak.example.org", "فارسی", "پښتو", "Deutsch"):
        assert fact in card, fact
    assert t(conversation, "en", "themes.culture") in card and t(conversation, "en", "themes.youth") in card
    assert t(conversation, "en", "card.as_of", date="20 November 2026") in card


async def test_a_forged_or_stale_organisation_button_is_refused(conversation: Conversation) -> None:
    sender = await person(conversation, 9, "en")
    for data in (ShowOrg("zzzzzz", 0).pack(), ShowOrg(conversation.services.generation, 99).pack(),
                 OrgsByTheme("nonsense", 0).pack(), OrgsForQuestion(0).pack(), OrgChoose("x").pack()):
        replies = await conversation.handle(sender, Press(data))
        assert replies[0].text == t(conversation, "en", "errors.stale_button"), data
    inactive = [o.id for o in conversation.services.kb.organisations].index("testverein-alt")
    replies = await conversation.handle(sender, Press(ShowOrg(conversation.services.generation, inactive).pack()))
    assert replies[0].text == t(conversation, "en", "errors.stale_button")


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Welche afghanischen Vereine gibt es in Mitte?", "testverein-afghanische-kultur"),
        ("en", "Is there a Ukrainian parents group near me?", "testverein-ukrainische-eltern"),
        ("uk", "Чи є українська громада для батьків?", "testverein-ukrainische-eltern"),
        ("ar", "هل توجد جمعية للنساء العربيات؟", "testverein-arabische-frauen"),
        ("ar", "fi jam3iya lal nisa2 arab?", "testverein-arabische-frauen"),
        ("fa", "anjoman afghan dar berlin hast?", "testverein-afghanische-kultur"),
        ("tr", "Türk spor derneği var mı?", "testverein-tuerkischer-sport"),
        ("ru", "ukrainskaya gruppa roditelej", "testverein-ukrainische-eltern"),
        ("de", "Gibt es eine Frauengruppe?", "testverein-arabische-frauen"),
        ("ar", "بدي جمعية سورية للنساء", "testverein-arabische-frauen"),
    ],
)
async def test_free_text_asking_for_an_association_lists_organisations(
    conversation: Conversation, lang: str, text: str, expected: str
) -> None:
    sender = await person(conversation, 10, lang)
    replies = await conversation.handle(sender, Text(text))
    assert replies[0].text.startswith(t(conversation, lang, "orgs.list_question")), text_of(replies)
    assert shown_orgs(conversation, replies)[0] == expected


async def test_an_official_matter_keeps_the_office_first(conversation: Conversation) -> None:
    """Never an association instead of the Jobcenter: the card first, organisations at most as a button."""
    sender = await person(conversation, 11, "de", "mitte")
    jobcenter = conversation.services.kb.get("jobcenter-mitte")
    assert jobcenter is not None
    for text in ("Gibt es einen Verein, der mir mit dem Bürgergeld vom Jobcenter hilft?",
                 "Gibt es einen afghanischen Verein, der beim Jobcenter-Antrag für Bürgergeld hilft?"):
        replies = await conversation.handle(sender, Text(text))
        assert escape(jobcenter.texts("de").title) in replies[0].text, text_of(replies)
        assert not replies[0].text.startswith(t(conversation, "de", "orgs.list_question"))
        assert not any(d.startswith("OS:") for d in datas(replies))  # no organisation in place of the office
    assert OrgsForQuestion(0).pack() in datas(replies)  # "also: organisations" for the Afghan association
    more = await conversation.handle(sender, Press(OrgsForQuestion(0).pack()))
    assert shown_orgs(conversation, more)[0] == "testverein-afghanische-kultur"
    anmeldung = await conversation.handle(sender, Text("Gibt es einen Verein, der bei der Anmeldung hilft?"))
    assert not anmeldung[0].text.startswith(t(conversation, "de", "orgs.list_question"))
    assert not any(d.startswith("OS:") for d in datas(anmeldung))


async def test_an_emergency_still_comes_first(conversation: Conversation) -> None:
    sender = await person(conversation, 12, "en")
    replies = await conversation.handle(sender, Text("I need an association, my husband hits me"))
    assert replies[0].text == t(conversation, "en", "question.emergency_first")


async def test_no_fitting_organisation_answers_as_usual_and_offers_browsing(conversation: Conversation) -> None:
    sender = await person(conversation, 13, "en")
    replies = await conversation.handle(sender, Text("is there a club for chess players"))
    assert replies[0].text == t(conversation, "en", "orgs.none_for_question")
    assert OrgMenu().pack() in datas(replies[:1])
    assert len(replies) > 1  # and the usual answer after it (a card, a choice or a person)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Our school needs a speaker on migration and colonial history"),
        ("de", "Wir suchen eine Referentin zum Thema Flucht für unsere Schule"),
        ("ar", "نبحث عن متحدث عن الهجرة لمدرستنا"),
        ("uk", "Шукаємо доповідача про міграцію для школи"),
        ("ru", "Ищем докладчика о миграции для школы"),
        ("tr", "Okulumuz için göç konusunda konuşmacı arıyoruz"),
        ("fa", "دنبال سخنران برای مدرسه هستیم"),
    ],
)
async def test_looking_for_a_speaker_offers_the_request_and_organisations_with_speakers(
    conversation: Conversation, lang: str, text: str
) -> None:
    sender = await person(conversation, 14, lang)
    replies = await conversation.handle(sender, Text(text))
    assert replies[0].text == t(conversation, lang, "speaker.offer"), text_of(replies)
    assert datas(replies)[0] == "S"  # the speaker request first, never a school office card instead
    assert shown_orgs(conversation, replies) == ["testverein-globales-lernen"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Is there an Eritrean community in Berlin?"),
        ("de", "Gibt es vietnamesische Vereine in Mitte, wo Kinder Vietnamesisch lernen?"),
        ("en", "a Ghanaian group to celebrate independence day"),
        ("ru", "Есть ли грузинская община в Берлине?"),
        ("ar", "هل توجد جالية إريترية في برلين؟"),
        ("uk", "Чи є в'єтнамська громада?"),
        ("tr", "Gürcü derneği var mı?"),
        ("fa", "anjoman gorji dar berlin hast?"),
    ],
)
async def test_a_community_without_an_organisation_gets_none_and_browsing_never_another_community(
    conversation: Conversation, lang: str, text: str
) -> None:
    sender = await person(conversation, 15, lang)
    replies = await conversation.handle(sender, Text(text))
    assert replies[0].text == t(conversation, lang, "orgs.none_for_question"), text_of(replies)
    assert datas(replies[:1]) == [OrgMenu().pack()]  # browse by theme, language, near me
    assert not any(d.startswith("OS:") for d in datas(replies))  # no organisation of someone else
    assert len(replies) > 1  # then the usual answer (the integration office, a choice or a person)
