"""The daily event news: for each subscriber, today's message (bot/event_plan.py decides), queued in the outbox.

Run by PTB's JobQueue every morning at SEND_AT (bot/telegram/app.py) and once by hand with
`wegweiser events send-due`. Each subscriber is one unit of work: the outbox row and the record of what it
carries are committed together, so a restart never sends anything twice and never forgets what it sent.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from html import escape

from bot.conversation import event_texts
from bot.conversation.context import Services
from bot.conversation.events import ALL, NEWS, back
from bot.conversation.protocol import EventDetails, ShowEvents, SubscribeEvents
from bot.event_plan import AHEAD_DAYS, History, Item, is_quiet, plan
from bot.knowledge.directory import BERLIN, Occurrence, upcoming_events
from bot.storage import events as store
from bot.storage import outbox
from bot.storage.outbox import OutMessage

log = logging.getLogger(__name__)
UPCOMING_LIMIT = 200  # occurrences looked at per district: a month of every event, with room to spare


@dataclass(frozen=True)
class Round:
    """What one run did, in counts only (never who or what)."""

    subscribers: int = 0
    queued: int = 0
    unsubscribed: int = 0  # people who blocked the bot
    failed: int = 0


async def send_due(services: Services, now: dt.datetime | None = None) -> Round:
    """Queue today's event news for every subscriber; nothing at all in the quiet hours."""
    now = now or services.clock()
    if is_quiet(now):
        return Round()
    db, kb = services.db, services.kb
    stamp = now.timestamp()
    async with db.unit_of_work():
        unsubscribed = await store.drop_blocked(db)
        await store.note_seen(db, (e.id for e in kb.events if e.active), stamp)
    async with db.unit_of_work():
        first = await store.first_seen(db)
        people = await store.subscribers(db)
    seen = {event_id: dt.datetime.fromtimestamp(t, BERLIN) for event_id, t in first.items()}
    queued = failed = 0
    for person in people:
        try:
            queued += await _one(services, person, seen, now)
        except Exception:  # one person's failure must not keep the news from the others (their unit rolled back)
            failed += 1
            log.exception("event news for one subscriber failed")
    result = Round(len(people), queued, unsubscribed, failed)
    log.info("event news: %s", result)
    return result


async def _one(services: Services, person: store.Subscriber, seen: dict[str, dt.datetime], now: dt.datetime) -> int:
    db = services.db
    async with db.unit_of_work():  # the outbox row and the record of what it carries: committed together
        return await _queue(services, person, seen, now)


async def _queue(services: Services, person: store.Subscriber, seen: dict[str, dt.datetime], now: dt.datetime) -> int:
    db = services.db
    sent = await store.notices(db, person.user_id)
    first_of_batch: dict[str, float] = {}
    for notice in sent:
        first_of_batch.setdefault(notice.batch, notice.queued_at)
    history = History(
        frozenset(n.key for n in sent), tuple(dt.datetime.fromtimestamp(t, BERLIN) for t in first_of_batch.values())
    )
    since = dt.datetime.fromtimestamp(person.since, BERLIN)
    items = plan(_upcoming(services, person, now), seen, since, history, now)
    if not items:
        return 0
    batch = f"events:{person.user_id}:{now.astimezone(BERLIN).date().isoformat()}"
    await outbox.add(db, person.user_id, store.PURPOSE, message(services, person.lang, items, now), dedupe_key=batch)
    await store.record(
        db,
        person.user_id,
        [store.Notice(kind, event_id, occurrence, batch, now.timestamp())
         for item in items for kind, event_id, occurrence in item.keys],
    )
    return 1


def _upcoming(services: Services, person: store.Subscriber, now: dt.datetime) -> list[Occurrence]:
    """Occurrences in any of the person's districts and their language, each once."""
    found: dict[tuple[str, dt.datetime], Occurrence] = {}
    for district in person.districts:
        for o in upcoming_events(services.kb, now=now, days=AHEAD_DAYS, district=district, lang=person.lang,
                                 limit=UPCOMING_LIMIT):
            found.setdefault((o.event.id, o.start), o)
    return list(found.values())


def message(services: Services, lang: str, items: list[Item], now: dt.datetime) -> OutMessage:
    """Today's news as one message: each item with its "more" button, then the list and "stop"."""
    kb, locales, gen = services.kb, services.locales, services.generation
    blocks = [f"<b>{escape(locales.t(lang, 'events.news_title'))}</b>"]
    blocks.extend(event_texts.news_line(i.kind, i.occurrence, kb, locales, lang, now) for i in items)
    rows: list[tuple[tuple[str, str], ...]] = []
    for item in items:
        title = event_texts.short_title(item.occurrence.event, lang, 50)
        details = EventDetails(gen, kb.events.index(item.occurrence.event), back(NEWS, 0))
        rows.append(((locales.t(lang, "events.more", title=title), details.pack()),))
    rows.append(
        (
            (locales.t(lang, "events.all_events"), ShowEvents().pack()),
            (locales.t(lang, "events.unsubscribe_all"), SubscribeEvents(ALL, False, back(NEWS, 0)).pack()),
        )
    )
    return OutMessage("\n\n".join(blocks), tuple(rows))
