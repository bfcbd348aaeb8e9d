"""End-to-end tests through the real python-telegram-bot Application on a recording fake Bot API.

Every update goes through `Application.process_update`, the real handlers, the conversation
core, SQLite and the renderer; what reaches "Telegram" is read back from `RecordingRequest`.
Each fed update is also checked for Telegram's limits: texts <= 4096 characters, callback
data <= 64 bytes, and HTML that Telegram's parser accepts.
"""

from __future__ import annotations

import dataclasses
import html
import re
import time
import types
from pathlib import Path
from typing import Any

import pytest
from botkit import (  # the shared helpers
    ADMIN,
    AR,
    DE,
    EN,
    ERRORS,
    FA,
    LRI,
    PDI,
    PL,
    RU,
    TR,
    UK,
    VICTIM,
    all_data,
    clarifying_input,
    command,
    copy_knowledge,
    entry_ref,
    feed,
    feedback_data,
    html_problems,
    joined,
    onboard,
    press,
    request_of,
    say,
    services_of,
    show_data,
    shown,
    t,
    texts,
    title,
)
from fakes import (
    Person,
    bad_request,
    blocked_by_user,
    command_update,
    non_text_update,
    too_many_requests,
)
from telegram.error import Forbidden, NetworkError

from bot.conversation.protocol import (
    AskPerson,
    EraseMyData,
    Feedback,
    SetDistrict,
    SetLanguage,
    ShowEntry,
    ShowMenu,
    TopicPage,
)
from bot.languages import SUPPORTED
from bot.settings import Settings
from bot.storage import feedback, questions, users
from bot.telegram import render


# ----------------------------------------------------------------------- the checker itself
def test_html_checker_rejects_what_telegram_rejects() -> None:
    assert html_problems("<b>Bürgeramt</b> &amp; Co &lt;3 &#8212;") == []
    assert html_problems("<script>alert(1)</script>")
    assert html_problems("Tom & Jerry")
    assert html_problems("a < b")
    assert html_problems("<b>open")
    assert html_problems("<i>x</b>")


# --------------------------------------------------------------------------------- /start
async def test_start_in_german_offers_the_language_picker(make_app: Any) -> None:
    calls = await command(make_app, DE, "start")

    assert [c.method for c in calls] == ["sendMessage"]
    message = calls[0]
    assert message.params["chat_id"] == DE.id
    assert message.params["parse_mode"] == "HTML"
    assert t(make_app, "de", "start.greeting") in message.text
    assert t(make_app, "de", "start.choose_language") in message.text
    assert "90" in message.text  # retention days in the privacy notice
    assert sorted(message.callback_data()) == sorted(f"L:{code}" for code in SUPPORTED)


async def test_start_with_unsupported_language_code_falls_back_to_english(make_app: Any) -> None:
    calls = await command(make_app, PL, "start")

    assert t(make_app, "en", "start.greeting") in calls[0].text
    assert t(make_app, "de", "start.greeting") not in calls[0].text
    record = await users.get(services_of(make_app).db, PL.id)
    assert record is not None and record.lang == "en"


async def test_start_in_arabic_shows_languages_in_their_own_script_and_privacy_link(make_app: Any) -> None:
    calls = await command(make_app, AR, "start")

    message = calls[0]
    assert t(make_app, "ar", "start.greeting") in message.text
    assert "/privacy" in message.text
    assert t(make_app, "ar", "start.privacy_short", days=90) in message.text
    labels = {b["callback_data"]: b["text"] for b in message.buttons()}
    assert labels[SetLanguage("ar").pack()] == "العربية"
    assert labels[SetLanguage("fa").pack()] == "فارسی"
    assert labels[SetLanguage("de").pack()] == "Deutsch"
    assert labels[SetLanguage("uk").pack()] == "Українська"
    assert labels[SetLanguage("ru").pack()] == "Русский"
    assert labels[SetLanguage("tr").pack()] == "Türkçe"
    assert labels[SetLanguage("en").pack()] == "English"


async def test_choosing_a_language_by_button_stores_it_and_asks_the_district(make_app: Any) -> None:
    await command(make_app, DE, "start")
    calls = await press(make_app, DE, SetLanguage("ar").pack())

    edit = [c for c in calls if c.method == "editMessageText"]
    assert len(edit) == 1 and edit[0].params["message_id"] == 77
    assert edit[0].text == t(make_app, "ar", "language.set", language="العربية")
    assert t(make_app, "ar", "district.ask") in joined(calls)
    assert SetDistrict("mitte").pack() in all_data(calls)
    assert calls[0].method == "answerCallbackQuery"
    record = await users.get(services_of(make_app).db, DE.id)
    assert record is not None and record.lang == "ar"


async def test_a_restarted_bot_on_the_same_database_remembers_the_language(
    make_app: Any, app_factory: Any, settings: Settings
) -> None:
    from conftest import stop_app

    await onboard(make_app, DE, "uk")
    await stop_app(make_app)

    restarted = await app_factory(settings)
    calls = await command(restarted, DE, "help")  # Telegram still says language_code "de"

    assert texts(calls) == [t(restarted, "uk", "help.text")]


# --------------------------------------------------------------------------- browsing
async def test_menu_topic_and_service_card(make_app: Any) -> None:
    await onboard(make_app, EN, "en")
    gen = services_of(make_app).generation

    menu = await command(make_app, EN, "menu")
    assert texts(menu) == [t(make_app, "en", "menu.title")]
    topic_buttons = {b["text"]: b["callback_data"] for b in menu[0].buttons()}
    registration = topic_buttons[services_of(make_app).locales.t("en", "topics.registration")]
    assert registration == TopicPage(gen, 0, 0).pack()

    topic = await press(make_app, EN, registration)
    assert [c.method for c in topic] == ["answerCallbackQuery", "editMessageText"]
    assert t(make_app, "en", "menu.topic", topic=services_of(make_app).locales.t("en", "topics.registration")) in (
        topic[1].text
    )
    entries = [d for d in topic[1].callback_data() if d.startswith(ShowEntry.code + ":")]
    assert entries and "M" in topic[1].callback_data()

    card = await press(make_app, EN, entries[0])
    last = shown(card)[-1]
    number = int(entries[0].split(":")[2])
    entry = services_of(make_app).kb.active[number]
    assert html.escape(entry.texts("en").title) in last.text
    data = last.callback_data()
    assert Feedback(gen, number, True).pack() in data and Feedback(gen, number, False).pack() in data
    assert "P" in data and "M" in data
    labels = [b["text"] for b in last.buttons()]
    assert services_of(make_app).locales.t("en", "buttons.ask_person") in labels


async def test_free_text_anmeldung_in_german_leads_to_the_registration_card(make_app: Any) -> None:
    await onboard(make_app, DE, "de")
    calls = await say(make_app, DE, "anmeldung")
    wanted = html.escape(title(make_app, "anmeldung-wohnung-berlin", "de"))
    ref = entry_ref(make_app, "anmeldung-wohnung-berlin")

    if wanted not in joined(calls):  # the matcher may ask first; the right entry must be offered first
        assert texts(calls) == [t(make_app, "de", "question.clarify")]
        assert shown(calls)[0].callback_data()[0] == ShowEntry(*ref).pack()
        calls = await press(make_app, DE, ShowEntry(*ref).pack())
    card = shown(calls)[-1]
    assert card.text.startswith(f"<b>{wanted}</b>")
    assert Feedback(*ref, True).pack() in card.callback_data()
    logged = await questions.count_for_user(services_of(make_app).db, DE.id)
    assert logged == 1


async def test_clarify_then_none_of_these_then_rephrase_then_a_person(make_app: Any) -> None:
    await onboard(make_app, DE, "de")
    vague = clarifying_input(make_app, "de")
    decision = services_of(make_app).matcher.match(vague, "de")

    calls = await say(make_app, DE, vague)
    assert texts(calls) == [t(make_app, "de", "question.clarify")]
    offered = shown(calls)[0].callback_data()
    gen = services_of(make_app).generation
    expected = [ShowEntry(gen, services_of(make_app).kb.active.index(c.entry)).pack() for c in decision.candidates[:3]]
    assert offered == [*expected, "N"]

    calls = await press(make_app, DE, "N")
    assert [c.method for c in calls] == ["answerCallbackQuery", "editMessageText"]
    assert calls[1].text == t(make_app, "de", "question.rephrase")
    db = services_of(make_app).db
    async with db.conn.execute("SELECT outcome FROM questions WHERE user_id = ?", (DE.id,)) as cursor:
        assert [row[0] for row in await cursor.fetchall()] == ["none-of-these"]

    calls = await say(make_app, DE, vague)  # second round: still unclear
    assert texts(calls) == [t(make_app, "de", "question.clarify")]
    calls = await press(make_app, DE, "N")  # after two rounds: offer a person instead of asking again
    assert texts(calls) == [t(make_app, "de", "question.offer_person")]
    assert shown(calls)[0].callback_data() == ["P", "M"]


async def test_feedback_yes_and_no_are_stored(make_app: Any) -> None:
    await onboard(make_app, TR, "tr")
    ref = entry_ref(make_app, "anmeldung-wohnung-berlin")
    db = services_of(make_app).db
    assert await feedback.helpful_rate(db) == (0, 0)

    calls = await press(make_app, TR, Feedback(*ref, True).pack())
    assert texts(calls) == [t(make_app, "tr", "feedback.thanks")]
    assert await feedback.helpful_rate(db) == (1, 1)

    calls = await press(make_app, TR, Feedback(*ref, False).pack())
    assert texts(calls) == [t(make_app, "tr", "feedback.sorry")]
    assert shown(calls)[0].callback_data() == ["P", "M"]
    assert await feedback.helpful_rate(db) == (1, 2)


# --------------------------------------------------------------------------- your data
async def test_mydata_shows_the_language(make_app: Any) -> None:
    await onboard(make_app, RU, "ru", "mitte")
    await say(make_app, RU, "jobcenter")
    calls = await command(make_app, RU, "mydata")

    text = texts(calls)[0]
    assert "Русский" in text
    assert services_of(make_app).locales.t("ru", "district.mitte") in text
    assert text.startswith(t(make_app, "ru", "mydata.text").split("\n")[0])
    assert re.search(r"\b1\b", text)  # one stored question


async def test_deletemydata_confirmed_erases_the_user(make_app: Any) -> None:
    await onboard(make_app, UK, "uk")
    await say(make_app, UK, "anmeldung")
    await press(make_app, UK, feedback_data(make_app, "anmeldung-wohnung-berlin", True))
    await onboard(make_app, EN, "en")
    await say(make_app, EN, "jobcenter")
    db = services_of(make_app).db
    assert await questions.count_for_user(db, UK.id) == 1

    calls = await command(make_app, UK, "deletemydata")
    assert texts(calls) == [t(make_app, "uk", "deletemydata.confirm")]
    assert shown(calls)[0].callback_data() == [EraseMyData(True).pack(), EraseMyData(False).pack()]
    calls = await press(make_app, UK, EraseMyData(True).pack())

    assert texts(calls) == [t(make_app, "uk", "deletemydata.done"), t(make_app, "uk", "language.choose")]
    assert sorted(shown(calls)[1].callback_data()) == sorted(SetLanguage(code).pack() for code in SUPPORTED)
    assert await users.get(db, UK.id) is None
    assert await questions.count_for_user(db, UK.id) == 0
    async with db.conn.execute("SELECT COUNT(*) FROM feedback WHERE user_id = ?", (UK.id,)) as cursor:
        assert (await cursor.fetchone())[0] == 0
    assert await users.get(db, EN.id) is not None  # nobody else's data
    assert await questions.count_for_user(db, EN.id) == 1


async def test_deletemydata_cancelled_keeps_everything(make_app: Any) -> None:
    await onboard(make_app, EN, "en")
    await say(make_app, EN, "jobcenter")
    await command(make_app, EN, "deletemydata")
    calls = await press(make_app, EN, EraseMyData(False).pack())

    assert texts(calls) == [t(make_app, "en", "deletemydata.cancelled")]
    db = services_of(make_app).db
    assert await users.get(db, EN.id) is not None
    assert await questions.count_for_user(db, EN.id) == 1


# ----------------------------------------------------------------------------- robustness
@pytest.mark.parametrize(
    ("kind", "person"),
    [("sticker", DE), ("voice", AR), ("location", TR), ("contact", FA)],
)
async def test_non_text_messages_get_a_friendly_reply_in_the_users_language(
    make_app: Any, kind: str, person: Person
) -> None:
    calls = await feed(make_app, non_text_update(make_app.bot, kind, person))

    lang = person.language_code or "en"
    assert texts(calls) == [t(make_app, lang, "errors.non_text")]
    assert shown(calls)[0].callback_data() == ["M"]


@pytest.mark.parametrize(("kind", "person"), [("photo", UK), ("document", RU), ("photo", FA)])
async def test_a_letter_without_a_caseworker_group_points_to_the_integration_office(
    make_app: Any, kind: str, person: Person
) -> None:
    """Photos and PDFs are not "text only": without caseworkers, "ask a person" leads to the office."""
    calls = await feed(make_app, non_text_update(make_app.bot, kind, person))

    lang = person.language_code or "en"
    assert texts(calls)[-1] == t(make_app, lang, "upload.no_desk")  # after the greeting of a first contact
    assert t(make_app, lang, "errors.non_text") not in texts(calls)
    assert shown(calls)[-1].callback_data() == [AskPerson().pack(), ShowMenu().pack()]


async def test_a_very_long_message_is_answered_within_telegrams_limits(make_app: Any) -> None:
    await onboard(make_app, DE, "de")
    long_text = ("Ich brauche einen Termin im Bürgeramt für die Anmeldung meiner Wohnung. " * 60)[:4096]
    assert len(long_text) > 4000

    calls = await say(make_app, DE, long_text)

    sent = texts(calls)
    assert sent[0] == t(make_app, "de", "errors.too_long")
    assert len(sent) >= 2  # and a real answer after the notice
    assert all(len(text) <= 4096 for text in sent)
    db = services_of(make_app).db
    async with db.conn.execute("SELECT LENGTH(text) FROM questions WHERE user_id = ?", (DE.id,)) as cursor:
        assert (await cursor.fetchone())[0] == 4000


async def test_unknown_command_gets_help_without_echoing_it(make_app: Any) -> None:
    await onboard(make_app, EN, "en")
    calls = await command(make_app, EN, "frobnicate<b>", "now")

    text = texts(calls)[0]
    assert text.startswith(t(make_app, "en", "errors.unknown_command"))
    assert t(make_app, "en", "help.text") in text
    assert "frobnicate" not in text


async def test_every_command_advertised_in_help_is_understood(make_app: Any) -> None:
    await onboard(make_app, EN, "en")
    advertised = re.findall(r"^/(\w+)", services_of(make_app).locales.t("en", "help.text"), re.MULTILINE)
    assert advertised
    for name in advertised:
        calls = await command(make_app, EN, name)
        assert t(make_app, "en", "errors.unknown_command") not in joined(calls), f"/{name}"


FORGED = ["E:zzzzzz:0", "T:x:99:0", "garbage", "F:{gen}:99999:1", "L:xx", "E:{gen}:-1", "T:{gen}:0:abc", "", "ü:1"]


@pytest.mark.parametrize("data", FORGED)
async def test_forged_callback_data_gets_the_stale_button_text_and_nothing_else(make_app: Any, data: str) -> None:
    await onboard(make_app, VICTIM, "en", "mitte")
    await say(make_app, VICTIM, "geheimnis zimmer 17 jobcenter")
    await onboard(make_app, DE, "de")
    request_of(make_app).clear()
    forged = data.format(gen=services_of(make_app).generation)

    calls = await press(make_app, DE, forged)

    sent = texts(calls)
    assert sent[0] == t(make_app, "de", "errors.stale_button")
    assert t(make_app, "de", "menu.title") in sent[1:]
    assert t(make_app, "de", "errors.generic") not in sent
    assert all(c.params.get("chat_id") in (None, DE.id) for c in calls)
    assert "geheimnis" not in joined(calls)
    db = services_of(make_app).db
    assert await feedback.helpful_rate(db) == (0, 0)
    me = await users.get(db, DE.id)
    assert me is not None and me.lang == "de"
    other = await users.get(db, VICTIM.id)
    assert other is not None and other.lang == "en" and other.district == "mitte"


async def test_buttons_from_before_a_reload_are_stale(app_factory: Any, settings: Settings, tmp_path: Path) -> None:
    knowledge = copy_knowledge(tmp_path)
    app = await app_factory(dataclasses.replace(settings, knowledge_dir=knowledge))
    await onboard(app, DE, "de")
    old_gen = services_of(app).generation
    entries_before = len(services_of(app).kb.active)
    old_card = show_data(app, "jobcenter-mitte")
    old_topic = TopicPage(old_gen, 0, 0).pack()
    assert texts(await press(app, DE, old_card))[0].startswith("<b>")

    path = knowledge / "mitte" / "kep-mitte.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: active", "status: inactive", 1), "utf-8")
    calls = await command(app, ADMIN, "reload")
    assert texts(calls) == [t(app, "en", "admin.reload_ok", entries=entries_before - 1)]
    assert services_of(app).generation != old_gen

    for data in (old_card, old_topic):
        sent = texts(await press(app, DE, data))
        assert sent[0] == t(app, "de", "errors.stale_button")
    fresh = await press(app, DE, show_data(app, "jobcenter-mitte"))
    assert html.escape(title(app, "jobcenter-mitte", "de")) in joined(fresh)


async def test_admin_commands_are_refused_for_other_users(make_app: Any) -> None:
    await onboard(make_app, DE, "de")
    for name in ("reload", "stats"):
        calls = await command(make_app, DE, name)
        assert texts(calls) == [t(make_app, "de", "admin.not_allowed")]


async def test_admin_can_reload_and_see_stats(make_app: Any) -> None:
    await onboard(make_app, DE, "de")
    await say(make_app, DE, "anmeldung")
    await press(make_app, DE, feedback_data(make_app, "anmeldung-wohnung-berlin", True))
    active = len(services_of(make_app).kb.active)

    calls = await command(make_app, ADMIN, "reload")
    assert texts(calls) == [t(make_app, "en", "admin.reload_ok", entries=active)]

    stats = texts(await command(make_app, ADMIN, "stats"))[0]
    assert stats.startswith("Users: 2\n")  # DE and the admin
    assert "de 1" in stats and "en 1" in stats
    assert "Questions: 1 " in stats
    assert "Helpful: 1/1 (100%)" in stats


async def test_reload_with_broken_knowledge_reports_path_and_line_and_keeps_serving(
    app_factory: Any, settings: Settings, tmp_path: Path
) -> None:
    knowledge = copy_knowledge(tmp_path)
    app = await app_factory(dataclasses.replace(settings, knowledge_dir=knowledge))
    await onboard(app, DE, "de")
    gen = services_of(app).generation
    broken = knowledge / "mitte" / "kep-mitte.yaml"
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4] + " [unclosed"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")

    text = texts(await command(app, ADMIN, "reload"))[0]

    prefix = t(app, "en", "admin.reload_failed", problems="")
    assert text.startswith(prefix)
    found = re.search(re.escape(str(broken)) + r":(\d+): ", text)
    assert found, text
    assert 1 <= int(found.group(1)) <= len(lines) + 1
    assert services_of(app).generation == gen

    calls = await say(app, DE, "jobcenter mitte öffnungszeiten")
    fresh = (f"{ShowEntry.code}:{gen}:", f"{Feedback.code}:{gen}:")
    assert any(d.startswith(fresh) for d in all_data(calls)), joined(calls)


async def test_flood_gets_exactly_one_notice_then_silence(make_app: Any) -> None:
    per_update: list[list[str]] = []
    for i in range(25):
        per_update.append(texts(await say(make_app, TR, f"merhaba {i}")))

    notice = t(make_app, "tr", "errors.rate_limited")
    assert all(sent and notice not in sent for sent in per_update[:20])
    assert per_update[20] == [notice]
    assert per_update[21:] == [[], [], [], []]
    assert sum(sent.count(notice) for sent in per_update) == 1


async def test_every_card_and_menu_page_fits_telegrams_limits_in_every_language(
    app_factory: Any, settings: Settings
) -> None:
    app = await app_factory(dataclasses.replace(settings, user_rate_limit=100_000))
    services = services_of(app)
    gen = services.generation
    cards = 0
    for number, code in enumerate(SUPPORTED):
        person = Person(3000 + number, code, "Crawler")
        data = all_data(await command(app, person, "menu"))
        pages = [d for d in data if d.startswith(TopicPage.code + ":")]
        seen: set[str] = set()
        while pages:
            page = pages.pop()
            if page in seen:
                continue
            seen.add(page)
            data = all_data(await press(app, person, page))
            pages.extend(d for d in data if d.startswith(TopicPage.code + ":"))
        for index in range(len(services.kb.active)):
            calls = await press(app, person, ShowEntry(gen, index).pack())
            assert shown(calls)[-1].text.startswith("<b>")
            cards += 1
    assert cards == len(SUPPORTED) * len(services.kb.active)
    sent = request_of(app).sent()
    assert all(len(d.encode()) <= 64 for c in sent for d in c.callback_data())
    assert all(html_problems(c.text) == [] for c in sent if c.text and c.params.get("parse_mode") == "HTML")


@pytest.mark.parametrize(
    "hostile",
    [
        "<b>x</b> & <script>alert(1)</script> termin",
        "<script>anmeldung</script> <i>wohnung",
        "&lt;script&gt; & jobcenter <a href='x'>",
    ],
)
async def test_user_input_never_reaches_telegram_as_html(make_app: Any, hostile: str) -> None:
    await onboard(make_app, EN, "en")
    calls = await say(make_app, EN, hostile)
    calls += await press(make_app, EN, "N")
    calls += await say(make_app, EN, hostile)

    assert texts(calls)
    everything = "\n".join(texts(request_of(make_app).messages()))
    assert "<script" not in everything
    assert "<b>x</b>" not in everything
    assert "<a href" not in everything


async def test_arabic_card_isolates_latin_address_and_phone(make_app: Any) -> None:
    kb = services_of(make_app).kb
    entry = next(e for e in kb.active if e.address and e.phones)
    ref = ShowEntry(services_of(make_app).generation, kb.active.index(entry)).pack()
    assert entry.address is not None

    arabic = shown(await press(make_app, AR, ref))[-1].text
    german = shown(await press(make_app, DE, ref))[-1].text

    address = html.escape(entry.address.one_line())
    phone = html.escape(entry.phones[0].number)
    assert f"{LRI}{address}{PDI}" in arabic
    assert f"{LRI}{phone}{PDI}" in arabic
    assert arabic.count(LRI) == arabic.count(PDI)
    assert html.escape(entry.texts("ar").title) in arabic
    assert LRI not in german and address in german


# ------------------------------------------------------------------------ Bot API failures
async def test_a_network_error_is_retried_and_the_reply_arrives(make_app: Any) -> None:
    await onboard(make_app, FA, "fa")
    request = request_of(make_app)
    request.clear()
    request.fail("sendMessage", NetworkError("Connection reset by peer"))

    calls = await command(make_app, FA, "help")

    assert [c.ok for c in request.attempts("sendMessage")] == [False, True]
    assert texts(calls) == [t(make_app, "fa", "help.text")]


async def test_too_many_requests_waits_retry_after_and_retries(
    make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    await onboard(make_app, EN, "en")
    request = request_of(make_app)
    request.clear()
    request.fail("sendMessage", too_many_requests(1))
    waited: list[float] = []
    clock = [time.time()]
    monkeypatch.setattr(make_app.bot.rate_limiter, "clock", lambda: clock[0])  # the chat's flood wait passes

    async def sleep(seconds: float) -> None:  # recorded, not slept: no real time passes in tests
        waited.append(seconds)
        clock[0] += seconds + 1.0

    monkeypatch.setattr(render, "asyncio", types.SimpleNamespace(sleep=sleep))
    calls = await command(make_app, EN, "privacy")

    assert [c.ok for c in request.attempts("sendMessage")] == [False, True]
    assert texts(calls) == [t(make_app, "en", "privacy.text", days=90)]
    assert waited == [1.0]


async def test_a_user_who_blocked_the_bot_does_not_stop_the_others(make_app: Any) -> None:
    await onboard(make_app, DE, "de")
    request_of(make_app).fail("sendMessage", blocked_by_user())

    await feed(make_app, command_update(make_app.bot, "help", person=DE), allow_errors=True)

    assert [type(e) for e in make_app.bot_data[ERRORS]] == [Forbidden]
    assert len(request_of(make_app).attempts("sendMessage")) >= 1
    make_app.bot_data[ERRORS].clear()
    calls = await command(make_app, EN, "help")
    assert texts(calls) == [t(make_app, "en", "help.text")]


async def test_an_uneditable_message_is_sent_anew(make_app: Any) -> None:
    await onboard(make_app, UK, "uk")
    request_of(make_app).fail("editMessageText", bad_request("message can't be edited"))

    calls = await press(make_app, UK, "M")

    assert [c.method for c in calls] == ["answerCallbackQuery", "sendMessage"]
    assert texts(calls) == [t(make_app, "uk", "menu.title")]


async def test_an_unmodified_message_is_left_alone(make_app: Any) -> None:
    await onboard(make_app, UK, "uk")
    request_of(make_app).fail("editMessageText", bad_request("message is not modified"))

    calls = await press(make_app, UK, "M")

    assert [c.method for c in calls] == ["answerCallbackQuery"]


async def test_special_characters_in_knowledge_files_are_escaped(
    app_factory: Any, settings: Settings, tmp_path: Path
) -> None:
    knowledge = copy_knowledge(tmp_path)
    path = knowledge / "mitte" / "kep-mitte.yaml"
    text = path.read_text(encoding="utf-8")
    original = re.search(r"^    title: (.+)$", text, re.MULTILINE)
    assert original is not None
    hostile = original.group(1) + " <script>alert(1)</script> & Co > Ltd"
    path.write_text(text.replace(original.group(0), f"    title: {hostile}", 1), encoding="utf-8")
    app = await app_factory(dataclasses.replace(settings, knowledge_dir=knowledge))
    entry = services_of(app).kb.get("kep-mitte")
    assert entry is not None and "<script>" in entry.texts("de").title

    card = shown(await press(app, DE, show_data(app, "kep-mitte")))[-1]

    assert "<script" not in card.text
    assert f"<b>{html.escape(hostile)}</b>" in card.text


async def test_a_typed_postcode_answers_the_district_question(make_app: Any) -> None:
    await command(make_app, EN, "start")
    await press(make_app, EN, SetLanguage("en").pack())

    calls = await say(make_app, EN, "10115")  # Berlin-Mitte

    record = await users.get(services_of(make_app).db, EN.id)
    assert record is not None and record.district == "mitte"
    assert t(make_app, "en", "district.set", district="Mitte") in joined(calls)
