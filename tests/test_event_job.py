"""The daily event news job on a real database: queued through the outbox with a record of what it carries,
nothing twice after a restart, nothing in the quiet hours, the weekly cap, blocked people unsubscribed, and
`wegweiser events send-due`."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from eventkit import NOW, load_events, with_events

from bot.cli import main
from bot.conversation.context import Services
from bot.conversation.events import ALL, NEWS, back, back_of
from bot.conversation.protocol import EventDetails, ShowEvents, SubscribeEvents, unpack
from bot.event_job import send_due
from bot.event_plan import REMINDER, WEEKLY_CAP
from bot.runtime import Loaded, build_services
from bot.settings import Settings
from bot.storage import events as store
from bot.storage import users
from bot.storage.outbox import OutMessage
from bot.storage.users import UserRecord

DAY = dt.timedelta(days=1)
SUBSCRIBED = NOW - 30 * DAY


class Opened:
    def __init__(self, services: Services) -> None:
        self.services = services

    def __repr__(self) -> str:
        return "Opened(services)"


async def _open(settings: Settings, loaded: Loaded) -> Services:
    services = await build_services(settings, loaded)
    with_events(services)
    return services


@pytest.fixture
async def opened(settings: Settings, loaded: Loaded) -> AsyncIterator[Opened]:
    services = await _open(settings, loaded)
    yield Opened(services)
    await services.db.close()


async def subscriber(services: Services, user_id: int, lang: str, district: str, since: dt.datetime) -> None:
    db = services.db
    await store.subscribe(db, user_id, district, since.timestamp())
    await store.note_seen(db, (e.id for e in services.kb.events), since.timestamp())
    await users.save(db, UserRecord(user_id, lang, district))  # commits


async def queued(services: Services) -> list[tuple[int, str, str, OutMessage]]:
    async with services.db.conn.execute(
        "SELECT chat_id, purpose, dedupe_key, payload FROM outbox ORDER BY id"
    ) as cursor:
        return [(int(r[0]), str(r[1]), str(r[2]), OutMessage.from_json(r[3])) for r in await cursor.fetchall()]


async def test_news_is_queued_with_a_record_of_what_it_carries(opened: Opened) -> None:
    services = opened.services
    await subscriber(services, 501, "de", "mitte", SUBSCRIBED)
    result = await send_due(services, NOW)
    assert (result.subscribers, result.queued, result.failed) == (1, 1, 0)
    [(chat, purpose, key, message)] = await queued(services)
    assert (chat, purpose, key) == (501, "events", "events:501:2026-12-07")
    assert message.text.startswith(f"<b>{services.locales.t('de', 'events.news_title')}</b>")
    assert "🔔 Morgen:" in message.text and "Test-Café für Nachbarn" in message.text
    pressed = [unpack(data) for row in message.buttons for _, data in row]
    details = [a for a in pressed if isinstance(a, EventDetails)]
    assert [services.kb.events[d.event].id for d in details] == ["test-cafe-mitte"]
    assert back_of(details[0].back) == (NEWS, 0)
    assert ShowEvents() in pressed and SubscribeEvents(ALL, False, back(NEWS, 0)) in pressed
    sent = await store.notices(services.db, 501)
    assert [(n.kind, n.event_id, n.occurrence, n.batch) for n in sent] == [
        (REMINDER, "test-cafe-mitte", "2026-12-08T16:00", "events:501:2026-12-07")
    ]


async def test_no_duplicate_after_a_restart(settings: Settings, loaded: Loaded) -> None:
    first = await _open(settings, loaded)
    await subscriber(first, 502, "en", "mitte", SUBSCRIBED)
    assert (await send_due(first, NOW)).queued == 1
    await first.db.close()  # the bot stops; a new process opens the same file

    second = await _open(settings, loaded)
    try:
        assert (await send_due(second, NOW + dt.timedelta(hours=3))).queued == 0  # the same day again
        assert (await send_due(second, NOW + DAY)).queued == 0  # Tuesday: nothing on Wednesday
        assert (await send_due(second, NOW + 7 * DAY)).queued == 1  # next Monday: next Tuesday's café
        rows = await queued(second)
        assert [key for _, _, key, _ in rows] == ["events:502:2026-12-07", "events:502:2026-12-14"]
        occurrences = [n.occurrence for n in await store.notices(second.db, 502)]
        assert occurrences == ["2026-12-08T16:00", "2026-12-15T16:00"]
    finally:
        await second.db.close()


async def test_nothing_is_queued_in_the_quiet_hours(opened: Opened) -> None:
    services = opened.services
    await subscriber(services, 503, "de", "mitte", SUBSCRIBED)
    late = dt.datetime.combine(NOW.date(), dt.time(21, 0), NOW.tzinfo)
    assert (await send_due(services, late)).queued == 0
    assert (await send_due(services, late.replace(hour=7, minute=59))).queued == 0
    assert await queued(services) == [] and await store.notices(services.db, 503) == []


async def test_the_weekly_cap_holds_across_runs(opened: Opened) -> None:
    services = opened.services
    await subscriber(services, 504, "de", "mitte", SUBSCRIBED)
    earlier = [
        store.Notice(REMINDER, f"test-old-{n}", "2026-12-01T10:00", f"events:504:old-{n}",
                     (NOW - (n + 1) * DAY).timestamp())
        for n in range(WEEKLY_CAP)
    ]
    await store.record(services.db, 504, earlier)
    await services.db.commit()
    assert (await send_due(services, NOW)).queued == 0


async def test_an_event_added_later_is_news(opened: Opened) -> None:
    services = opened.services
    await subscriber(services, 505, "de", "charlottenburg-wilmersdorf", SUBSCRIBED)
    base = load_events()
    extra = base[1].model_copy(update={"id": "test-new-cw", "start": dt.datetime(2026, 12, 18, 18)})
    with_events(services, (*base, extra))
    assert (await send_due(services, NOW)).queued == 1
    [(_, _, _, message)] = await queued(services)
    assert "🆕 Neu:" in message.text and message.text.count("Test-Dialog der Religionen") == 1
    assert [(n.kind, n.event_id) for n in await store.notices(services.db, 505)] == [("new", "test-new-cw")]


async def test_people_who_blocked_the_bot_are_unsubscribed(opened: Opened) -> None:
    services = opened.services
    await subscriber(services, 506, "de", "mitte", SUBSCRIBED)
    await services.db.conn.execute(
        "INSERT INTO outbox (chat_id, purpose, payload, status, next_attempt_at, last_error, created_at)"
        " VALUES (506, 'events', '{}', 'failed', 0, 'forbidden: bot was blocked by the user', ?)",
        ((NOW - DAY).timestamp(),),
    )
    await services.db.commit()
    result = await send_due(services, NOW)
    assert (result.unsubscribed, result.queued) == (1, 0)
    assert await store.districts_of(services.db, 506) == ()


def test_send_due_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "cli.db"))
    assert main(["events", "send-due", "--now", "2026-12-07T09:30"]) == 0
    assert "subscribers 0, messages queued 0" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["events", "send-due", "--now", "Montag"])
