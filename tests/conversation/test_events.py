"""/events: the next events for the person's district and language, "more", paging, free text, and event
news on and off (shown by /mydata, gone after /deletemydata). Made-up events, a fixed Berlin clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from html import escape

import pytest
from botkit import html_problems
from eventkit import load_events, with_events

from bot.conversation.context import Sender, Services
from bot.conversation.core import Command, Conversation, Press, Text
from bot.conversation.events import NEWS, PAGE_SIZE, back, back_of
from bot.conversation.protocol import (
    EraseMyData,
    EventDetails,
    EventsPage,
    SetDistrict,
    SetLanguage,
    ShowEvents,
    SubscribeEvents,
    unpack,
)
from bot.conversation.replies import Reply
from bot.event_plan import WEEKLY_CAP
from bot.flows import REGISTRY
from bot.runtime import Loaded, build_services
from bot.settings import Settings
from bot.storage import events as store
from bot.storage import users

MITTE = "mitte"
CW = "charlottenburg-wilmersdorf"


class Opened:
    def __init__(self, services: Services) -> None:
        self.services = services

    def __repr__(self) -> str:  # the knowledge base's repr is slow (see tests/conversation/test_core.py)
        return "Opened(services)"


@pytest.fixture
async def opened(settings: Settings, loaded: Loaded) -> AsyncIterator[Opened]:
    services = await build_services(settings, loaded)
    with_events(services)
    yield Opened(services)
    await services.db.close()


@pytest.fixture
def services(opened: Opened) -> Services:
    return opened.services


@pytest.fixture
def conversation(services: Services) -> Conversation:
    return Conversation(services, REGISTRY)


def t(services: Services, lang: str, key: str, **values: object) -> str:
    return escape(services.locales.t(lang, key, **values))


def actions(reply: Reply) -> list[object]:
    return [unpack(b.data) for row in reply.buttons for b in row]


def of_type(reply: Reply, kind: type) -> list:  # type: ignore[type-arg]
    return [a for a in actions(reply) if isinstance(a, kind)]


async def onboard(conversation: Conversation, person: Sender, lang: str, district: str) -> None:
    await conversation.handle(person, Command("start"))
    await conversation.handle(person, Press(SetLanguage(lang).pack()))
    await conversation.handle(person, Press(SetDistrict(district).pack()))


def shown_ids(services: Services, reply: Reply) -> list[str]:
    return [services.kb.events[a.event].id for a in of_type(reply, EventDetails)]


async def test_unknown_district_is_asked_then_the_list_of_that_district(
    services: Services, conversation: Conversation
) -> None:
    me = Sender(10, "de")
    await onboard(conversation, me, "de", "none")
    asked = await conversation.handle(me, Command("events"))
    assert asked[-1].text == t(services, "de", "events.ask_district")
    assert of_type(asked[-1], EventsPage) == [EventsPage(CW, 0), EventsPage(MITTE, 0), EventsPage("all", 0)]

    listed = (await conversation.handle(me, Press(EventsPage(MITTE, 0).pack())))[-1]
    assert listed.edit
    stored = await users.get(services.db, 10)
    assert stored is not None and stored.district == MITTE  # remembered: the next /events asks no more
    # the district's and the city's, by date (a language only orders one day's events); not the other
    # district's, not a cancelled one
    assert shown_ids(services, listed) == ["test-cafe-mitte", "test-ukrainian-group-mitte", "test-fest-berlin"]
    # tomorrow's café, in German words, Berlin time
    assert "morgen, 8. Dezember 2026 · 16:00–18:00" in listed.text
    assert "📍 Testraum Mitte, Teststraße 1, 10115 Berlin" in listed.text
    again = await conversation.handle(me, Command("events"))
    assert of_type(again[-1], EventDetails)


async def test_dates_in_arabic_are_arabic_with_the_time_kept_left_to_right(
    services: Services, conversation: Conversation
) -> None:
    me = Sender(11, "ar")
    await onboard(conversation, me, "ar", MITTE)
    listed = (await conversation.handle(me, Command("events")))[-1]
    assert "مقهى تجريبي للجيران" in listed.text
    month = services.locales.t("ar", "dates.months.dec")
    assert f"8 {month} 2026" in listed.text and "\u206616:00–18:00\u2069" in listed.text
    assert html_problems(listed.text) == []


async def test_free_text_asks_for_the_same_list(services: Services, conversation: Conversation) -> None:
    for user_id, lang, text in ((12, "en", "what's on this month"), (13, "de", "Veranstaltungen?"),
                                (14, "ar", "فعاليات")):
        me = Sender(user_id, lang)
        await onboard(conversation, me, lang, MITTE)
        via_text = (await conversation.handle(me, Text(text)))[-1]
        via_command = (await conversation.handle(me, Command("events")))[-1]
        assert via_text.text == via_command.text and of_type(via_text, EventDetails), text
    question = await conversation.handle(Sender(12, "en"), Text("where do I register my address"))
    assert not of_type(question[-1], EventDetails)  # a question about an office is still answered as one


async def test_more_shows_summary_organiser_source_and_date_and_leads_back(
    services: Services, conversation: Conversation
) -> None:
    me = Sender(15, "en")
    await onboard(conversation, me, "en", MITTE)
    listed = (await conversation.handle(me, Command("events")))[-1]
    fest = next(a for a in of_type(listed, EventDetails) if services.kb.events[a.event].id == "test-fest-berlin")
    more = (await conversation.handle(me, Press(fest.pack())))[-1]
    assert more.edit
    assert more.text.startswith("<b>Test festival &lt;for all&gt;</b>\nA festival for testing.")
    assert "Test &amp; Partner" in more.text and "Testplatz &lt;Berlin&gt; &amp; Co" in more.text
    assert "🔗 Source: https://example.org/test-fest?a=1&amp;b=2" in more.text
    assert t(services, "en", "card.as_of", date="1 December 2026") in more.text
    assert "Sunday, 20 December 2026 · 14:00" in more.text
    assert html_problems(more.text) == []
    assert back_of(fest.back) == (MITTE, 0) and EventsPage(MITTE, 0) in actions(more)

    cafe = next(a for a in of_type(listed, EventDetails) if services.kb.events[a.event].id == "test-cafe-mitte")
    weekly = (await conversation.handle(me, Press(cafe.pack())))[-1]
    assert t(services, "en", "events.next_dates") in weekly.text and "15 December 2026" in weekly.text


async def test_each_event_is_listed_once_and_many_are_paged(services: Services, conversation: Conversation) -> None:
    me = Sender(16, "de")
    await onboard(conversation, me, "de", MITTE)
    weekly = (await conversation.handle(me, Command("events")))[-1]
    # the café once, at its next date
    assert shown_ids(services, weekly) == ["test-cafe-mitte", "test-ukrainian-group-mitte", "test-fest-berlin"]
    assert EventsPage(MITTE, 1) not in actions(weekly)

    base = load_events()
    extra = tuple(
        base[2].model_copy(update={"id": f"test-extra-{n}", "start": dt.datetime(2026, 12, 9 + n, 12)})
        for n in range(PAGE_SIZE)
    )
    with_events(services, (*base, *extra))
    first = (await conversation.handle(me, Command("events")))[-1]
    assert len(of_type(first, EventDetails)) == PAGE_SIZE
    assert EventsPage(MITTE, 1) in actions(first)
    second = (await conversation.handle(me, Press(EventsPage(MITTE, 1).pack())))[-1]
    assert 1 <= len(of_type(second, EventDetails)) <= PAGE_SIZE and EventsPage(MITTE, 0) in actions(second)
    assert t(services, "de", "menu.page", page=2, pages=2) in second.text


async def test_subscribe_and_unsubscribe_per_district(services: Services, conversation: Conversation) -> None:
    me = Sender(17, "de")
    await onboard(conversation, me, "de", MITTE)
    listed = (await conversation.handle(me, Command("events")))[-1]
    assert t(services, "de", "events.not_subscribed") in listed.text
    assert of_type(listed, SubscribeEvents) == [SubscribeEvents(MITTE, True, back(MITTE, 0))]

    done = (await conversation.handle(me, Press(SubscribeEvents(MITTE, True, back(MITTE, 0)).pack())))[-1]
    assert done.edit and done.text.startswith(
        t(services, "de", "events.subscribe_done", district="Mitte", cap=WEEKLY_CAP)
    )
    assert of_type(done, SubscribeEvents) == [SubscribeEvents(MITTE, False, back(MITTE, 0))]
    assert await store.districts_of(services.db, 17) == (MITTE,)
    assert "test-cafe-mitte" in await store.first_seen(services.db)  # on the list already: not news to me

    other = (await conversation.handle(me, Press(EventsPage("all", 0).pack())))[-1]
    assert of_type(other, SubscribeEvents) == [
        SubscribeEvents(CW, True, back("all", 0)), SubscribeEvents(MITTE, False, back("all", 0))
    ]
    await conversation.handle(me, Press(SubscribeEvents(CW, True, back("all", 0)).pack()))
    state = (await conversation.handle(me, Command("events")))[-1]
    assert t(services, "de", "events.subscribed", districts="Charlottenburg-Wilmersdorf, Mitte") in state.text
    mydata = (await conversation.handle(me, Command("mydata")))[-1]
    assert "Veranstaltungs-Nachrichten: Charlottenburg-Wilmersdorf, Mitte" in mydata.text

    await conversation.handle(me, Press(SubscribeEvents(MITTE, False, back(MITTE, 0)).pack()))
    assert await store.districts_of(services.db, 17) == (CW,)
    stopped = await conversation.handle(me, Press(SubscribeEvents("all", False, back(NEWS, 0)).pack()))
    assert [r.text for r in stopped] == [t(services, "de", "events.stopped")] and not stopped[0].edit
    assert await store.districts_of(services.db, 17) == ()
    mydata = (await conversation.handle(me, Command("mydata")))[-1]
    assert "Veranstaltungs-Nachrichten: keine" in mydata.text


async def test_deletemydata_removes_subscriptions_and_what_was_sent(
    services: Services, conversation: Conversation
) -> None:
    me = Sender(18, "en")
    await onboard(conversation, me, "en", MITTE)
    await conversation.handle(me, Press(SubscribeEvents(MITTE, True, back(MITTE, 0)).pack()))
    await store.record(services.db, 18, [store.Notice("new", "test-cafe-mitte", "", "events:18:x", 1.0)])
    await services.db.commit()
    await conversation.handle(me, Press(EraseMyData(True).pack()))
    assert await store.districts_of(services.db, 18) == ()
    assert await store.count_for_user(services.db, 18) == 0


async def test_stale_or_forged_buttons_get_the_menu(services: Services, conversation: Conversation) -> None:
    me = Sender(19, "en")
    await onboard(conversation, me, "en", MITTE)
    for action in (EventDetails("ffffff", 0, 0), EventDetails(services.generation, 99, 0),
                   EventsPage("pankow", 0), SubscribeEvents("pankow", True, 0),
                   EventDetails(services.generation, 0, 999), SubscribeEvents(MITTE, True, 999)):
        replies = await conversation.handle(me, Press(action.pack()))
        assert replies[0].text == t(services, "en", "errors.stale_button"), action


async def test_the_menu_has_an_events_button_and_no_events_say_so(
    services: Services, conversation: Conversation
) -> None:
    me = Sender(20, "tr")
    await onboard(conversation, me, "tr", CW)
    menu = (await conversation.handle(me, Command("menu")))[-1]
    assert ShowEvents() in actions(menu)
    with_events(services, ())
    empty = (await conversation.handle(me, Command("events")))[-1]
    assert t(services, "tr", "events.none", district="Charlottenburg-Wilmersdorf") in empty.text
    assert ShowEvents() not in actions((await conversation.handle(me, Command("menu")))[-1])
