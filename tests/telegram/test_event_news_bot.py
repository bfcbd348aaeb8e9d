"""Events through the real Application on a recording fake Bot API: /events, subscribing, the daily news
delivered by the outbox worker, "more" under it, and no second delivery after a restart."""

from __future__ import annotations

from botkit import check_call
from eventkit import NOW, with_events
from fakes import Call
from harness import MARIA, Harness, Launch, Recorder

from bot.conversation.events import NEWS, back, back_of
from bot.conversation.protocol import EventDetails, SubscribeEvents, unpack
from bot.event_job import send_due
from bot.settings import Settings
from bot.telegram.app import send_event_news


def actions(call: Call) -> list[object]:
    return [unpack(data) for data in call.callback_data()]


def checked(calls: list[Call]) -> list[Call]:
    for call in calls:
        check_call(call)
    return calls


async def test_events_subscribe_news_and_more_through_telegram(launch: Launch, settings: Settings) -> None:
    h: Harness = await launch(settings)
    with_events(h.services)
    await h.onboard(MARIA, "de")  # lives in Mitte

    [listed] = checked(await h.command(MARIA, "events"))
    assert "Test-Café für Nachbarn" in (listed.text or "") and "morgen, 8. Dezember 2026" in (listed.text or "")
    subscribe = next(a for a in actions(listed) if isinstance(a, SubscribeEvents))
    assert subscribe == SubscribeEvents("mitte", True, back("mitte", 0))
    [edited] = checked(await h.press(MARIA, subscribe.pack()))
    assert edited.method == "editMessageText"
    assert h.et("de", "events.subscribed", districts="Mitte") in (edited.text or "")

    assert (await send_due(h.services, NOW)).queued == 1
    assert await h.deliver() == 1
    [news] = checked([c for c in h.to(MARIA.id) if c.method == "sendMessage"][-1:])
    assert (news.text or "").startswith(f"<b>{h.et('de', 'events.news_title')}</b>")
    assert "🔔 Morgen:" in (news.text or "")
    more = next(a for a in actions(news) if isinstance(a, EventDetails))
    assert back_of(more.back) == (NEWS, 0)
    [details] = checked(await h.press(MARIA, more.pack()))
    assert details.method == "sendMessage"  # below the news, which stays as it was
    assert "Ein offenes Treffen zum Testen, jeden Dienstag." in (details.text or "")

    assert (await send_due(h.services, NOW)).queued == 0  # the same morning again: nothing new
    assert h.errors() == []


async def test_no_second_delivery_after_a_restart(launch: Launch, settings: Settings) -> None:
    first = await launch(settings)
    with_events(first.services)
    await first.onboard(MARIA, "de")
    await first.press(MARIA, SubscribeEvents("mitte", True, back("mitte", 0)).pack())
    await send_due(first.services, NOW)
    assert await first.deliver() == 1

    second = await launch(settings, Recorder(first_message_id=5000))
    with_events(second.services)
    assert (await send_due(second.services, NOW)).queued == 0
    assert await second.deliver() == 0
    assert second.to(MARIA.id) == []


async def test_the_daily_job_is_scheduled_in_the_morning(launch: Launch, settings: Settings) -> None:
    h = await launch(settings)
    assert h.app.job_queue is not None
    jobs = [job for job in h.app.job_queue.jobs() if job.callback is send_event_news]
    assert len(jobs) == 2  # every morning, and once soon after start-up for a bot that was down then
