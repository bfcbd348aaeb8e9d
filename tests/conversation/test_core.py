"""The conversation core driven directly, without Telegram, on a fixed clock."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import AsyncIterator
from html import escape

import pytest
from faults import DISK_FULL, heal, inject

from bot.conversation.card import render_card
from bot.conversation.context import Sender, Services, Turn
from bot.conversation.core import Command, Conversation, NonText, Press, Text
from bot.conversation.protocol import (
    ClaimTicket,
    EraseMyData,
    Feedback,
    SetDistrict,
    SetLanguage,
    ShowEntry,
    knowledge_tag,
    unpack,
)
from bot.conversation.ratelimit import RateLimiter
from bot.conversation.registry import Command as Declared
from bot.conversation.replies import Reply
from bot.flows import REGISTRY
from bot.languages import DISTRICTS, SUPPORTED
from bot.runtime import Loaded, build_services
from bot.settings import Settings
from bot.storage import questions, users

NOW = dt.datetime(2026, 3, 10, 10, 0)  # a Tuesday morning: offices are open
JOBCENTER = "wo ist mein Jobcenter, ich brauche Bürgergeld"


class Opened:
    """The services behind a short repr: Python 3.11's asyncio.Runner reprs an async fixture's value when
    it restores the SIGINT handler, and the knowledge base's repr alone costs about 0.3 s per test."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def __repr__(self) -> str:
        return "Opened(services)"


@pytest.fixture
async def opened(settings: Settings, loaded: Loaded) -> AsyncIterator[Opened]:
    services = await build_services(settings, loaded)
    services.clock = lambda: NOW
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


def datas(reply: Reply) -> list[str]:
    return [b.data for row in reply.buttons for b in row]


def greeting(services: Services, lang: str) -> str:
    parts = ("start.greeting", "start.privacy_short", "start.choose_language")
    return "\n\n".join(t(services, lang, key, days=services.settings.retention_days) for key in parts)


def assert_card(services: Services, reply: Reply, lang: str) -> str:
    """The reply is a service card; returns the id of the entry its feedback buttons point to."""
    rated = [a for a in map(unpack, datas(reply)) if isinstance(a, Feedback)]
    assert rated, reply
    entry = services.kb.active[rated[0].entry]
    assert reply.text.startswith(f"<b>{escape(entry.texts(lang).title)}</b>\n")
    return entry.id


async def onboard(conversation: Conversation, person: Sender, lang: str, district: str) -> None:
    await conversation.handle(person, Command("start"))
    await conversation.handle(person, Press(SetLanguage(lang).pack()))
    await conversation.handle(person, Press(SetDistrict(district).pack()))


async def test_a_new_users_first_text_gets_greeting_language_picker_and_an_answer(
    services: Services, conversation: Conversation
) -> None:
    replies = await conversation.handle(Sender(1, "de-AT"), Text(JOBCENTER))

    assert replies[0].text == greeting(services, "de")
    assert datas(replies[0]) == [SetLanguage(code).pack() for code in SUPPORTED]
    assert assert_card(services, replies[-1], "de").startswith("jobcenter-")
    stored = await users.get(services.db, 1)
    assert stored is not None and stored.lang == "de" and stored.pending_question == JOBCENTER


async def test_start_language_district_then_a_question_answered_with_the_districts_card(
    services: Services, conversation: Conversation
) -> None:
    me = Sender(2, "en")
    started = await conversation.handle(me, Command("start"))
    assert [r.text for r in started] == [greeting(services, "en")]

    chosen = await conversation.handle(me, Press(SetLanguage("de").pack()))
    assert chosen[0].text == t(services, "de", "language.set", language="Deutsch") and chosen[0].edit
    assert chosen[1].text == t(services, "de", "district.ask")
    assert datas(chosen[1]) == [SetDistrict(code).pack() for code in (*DISTRICTS, "outside", "none")]

    placed = await conversation.handle(me, Press(SetDistrict("mitte").pack()))
    assert placed[0].text == t(services, "de", "district.set", district=services.locales.t("de", "district.mitte"))
    stored = await users.get(services.db, 2)
    assert stored is not None and (stored.lang, stored.district, stored.awaiting) == ("de", "mitte", None)

    answered = await conversation.handle(me, Text(JOBCENTER))
    assert len(answered) == 1
    assert assert_card(services, answered[0], "de") == "jobcenter-mitte"
    assert not [a for a in map(unpack, datas(answered[0])) if isinstance(a, ShowEntry)]  # no other office offered
    assert await questions.count_for_user(services.db, 2) == 1


async def test_an_unknown_command_gets_help_without_echoing_it(services: Services, conversation: Conversation) -> None:
    replies = await conversation.handle(Sender(3, "uk"), Command("Frobnicate_<b>x</b>", "now"))
    assert [r.text for r in replies] == [
        t(services, "uk", "errors.unknown_command") + "\n\n" + t(services, "uk", "help.text")
    ]
    assert "frobnicate" not in replies[0].text.lower()


@pytest.mark.parametrize(
    "data",
    ["garbage", "E:zzzzzz:3", "E:000000:0", "L:xx", "D:kreuzberg", "T:abc:1", ClaimTicket(1).pack(), "X:1:1", ""],
)
async def test_a_forged_or_stale_button_gets_the_stale_notice_and_the_menu(
    services: Services, conversation: Conversation, data: str
) -> None:
    me = Sender(4, "en")
    await onboard(conversation, me, "tr", "mitte")
    replies = await conversation.handle(me, Press(data))
    assert [r.text for r in replies] == [t(services, "tr", "errors.stale_button"), t(services, "tr", "menu.title")]
    stored = await users.get(services.db, 4)
    assert stored is not None and (stored.lang, stored.district) == ("tr", "mitte")  # nothing changed


async def test_a_flood_gets_one_notice_then_silence_until_the_window_passes(
    services: Services, conversation: Conversation
) -> None:
    now = [1000.0]
    conversation.limiter = RateLimiter(3, window=60.0, clock=lambda: now[0])
    me, other = Sender(5, "de"), Sender(6, "en")
    help_de = t(services, "de", "help.text")

    for _ in range(3):
        assert [r.text for r in await conversation.handle(me, Command("help"))] == [help_de]
    assert [r.text for r in await conversation.handle(me, Command("help"))] == [
        t(services, "de", "errors.rate_limited")
    ]
    assert await conversation.handle(me, Command("help")) == []
    assert await conversation.handle(me, Press(SetLanguage("ar").pack())) == []  # dropped: not acted on
    stored = await users.get(services.db, 5)
    assert stored is not None and stored.lang == "de"
    assert [r.text for r in await conversation.handle(other, Command("help"))] == [t(services, "en", "help.text")]

    now[0] += 61
    assert [r.text for r in await conversation.handle(me, Command("help"))] == [help_de]


async def test_deletemydata_erases_everything_and_the_next_message_starts_fresh(
    services: Services, conversation: Conversation
) -> None:
    me = Sender(7, "ru")
    await onboard(conversation, me, "de", "mitte")
    await conversation.handle(me, Text(JOBCENTER))
    assert await questions.count_for_user(services.db, 7) == 1

    asked = await conversation.handle(me, Command("deletemydata"))
    assert datas(asked[0]) == [EraseMyData(True).pack(), EraseMyData(False).pack()]
    done = await conversation.handle(me, Press(EraseMyData(True).pack()))
    assert done[0].text == t(services, "de", "deletemydata.done")

    assert await users.get(services.db, 7) is None
    assert await questions.count_for_user(services.db, 7) == 0
    fresh = await conversation.handle(me, Text("hallo"))
    assert fresh[0].text == greeting(services, "ru")  # Telegram's language again: nothing was kept
    stored = await users.get(services.db, 7)
    assert stored is not None and stored.district is None


async def test_non_text_gets_a_friendly_reply_with_the_menu(services: Services, conversation: Conversation) -> None:
    replies = await conversation.handle(Sender(8, "fa"), NonText("voice"))
    assert [r.text for r in replies] == [t(services, "fa", "errors.non_text")]
    assert datas(replies[0]) == ["M"]


async def boom(turn: Turn, *args: object) -> list[Reply]:
    turn.user.district = "charlottenburg-wilmersdorf"  # a change the failed turn must not save
    raise RuntimeError("flow is broken")


@pytest.mark.parametrize("what", ["command", "button"])
async def test_a_flow_that_raises_gets_the_generic_error_and_saves_nothing(
    services: Services, caplog: pytest.LogCaptureFixture, what: str
) -> None:
    me = Sender(9, "en")
    await onboard(Conversation(services, REGISTRY), me, "de", "mitte")
    if what == "command":
        registry = dataclasses.replace(REGISTRY, commands={**REGISTRY.commands, "help": Declared("help", boom)})
        incoming: Command | Press = Command("help")
    else:
        registry = dataclasses.replace(REGISTRY, buttons={**REGISTRY.buttons, SetLanguage: boom})
        incoming = Press(SetLanguage("uk").pack())

    with caplog.at_level(logging.ERROR, logger="bot.conversation.core"):
        replies = await Conversation(services, registry).handle(me, incoming)

    assert [r.text for r in replies] == [t(services, "de", "errors.generic")]
    assert "flow failed" in caplog.text and "flow is broken" in caplog.text
    stored = await users.get(services.db, 9)
    assert stored is not None and (stored.lang, stored.district) == ("de", "mitte")


async def test_a_failed_turn_leaves_no_half_written_rows(services: Services) -> None:
    async def writes_then_fails(turn: Turn, args: str) -> list[Reply]:
        await services.db.conn.execute(
            "INSERT INTO feedback (user_id, entry_id, helpful, created_at) VALUES (?, 'x', 1, 0)", (turn.user.user_id,)
        )
        raise RuntimeError("after the write")

    me = Sender(10, "en")
    registry = dataclasses.replace(
        REGISTRY, commands={**REGISTRY.commands, "help": Declared("help", writes_then_fails)}
    )
    await Conversation(services, registry).handle(me, Command("help"))
    await Conversation(services, REGISTRY).handle(me, Command("privacy"))
    async with services.db.conn.execute("SELECT COUNT(*) FROM feedback WHERE user_id = 10") as cursor:
        row = await cursor.fetchone()
    assert row is not None and row[0] == 0


async def test_a_full_disk_in_a_turn_of_its_own_asks_to_try_later_in_the_stored_language(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    """The console chat's path: the turn is its own unit of work; nothing of it is saved."""
    me = Sender(11, "en")
    await onboard(Conversation(services, REGISTRY), me, "uk", "mitte")
    faulty = inject(services.db, "INSERT INTO users")  # users.save, the turn's last write
    try:
        with caplog.at_level(logging.ERROR):
            replies = await Conversation(services, REGISTRY).handle(me, Command("district"))
    finally:
        heal(services.db)
    assert faulty.raised == 1
    assert [r.text for r in replies] == [t(services, "uk", "errors.try_later")]
    assert DISK_FULL in caplog.text
    stored = await users.get(services.db, 11)
    assert stored is not None and stored.awaiting is None  # the district question was not saved as asked


async def test_a_newcomer_who_asks_first_is_still_asked_the_district_after_the_language(
    services: Services, conversation: Conversation
) -> None:
    me = Sender(11, "de")
    await conversation.handle(me, Text(JOBCENTER))
    chosen = await conversation.handle(me, Press(SetLanguage("de").pack()))
    assert chosen[-1].text == t(services, "de", "district.ask")


async def test_the_conversation_uses_the_injected_clock_for_opening_hours(
    services: Services, conversation: Conversation
) -> None:
    me = Sender(12, "en")
    await onboard(conversation, me, "en", "mitte")
    crisis = services.kb.by_id["berliner-krisendienst"]  # Mo-Su 16:00-24:00: closed at 10:00, open at 20:00
    press = Press(ShowEntry(knowledge_tag(services.kb), services.kb.position[crisis.id]).pack())
    shown = []
    for hour in (10, 20):
        services.clock = lambda hour=hour: NOW.replace(hour=hour)
        (reply,) = await conversation.handle(me, press)
        assert reply.text == render_card(crisis, services.kb, services.locales, "en", NOW.replace(hour=hour))
        shown.append(reply.text)
    assert shown[0] != shown[1]
