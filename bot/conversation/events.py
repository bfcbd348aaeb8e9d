"""/events: what is on next in the user's district and language, the "more" page, event news on and off.

"What's on this month", "Veranstaltungen", "فعاليات" (knowledge/intents.yaml `events`) open the same list.
"""

from __future__ import annotations

import datetime as dt

from bot.event_plan import AHEAD_DAYS, WEEKLY_CAP
from bot.knowledge.directory import Occurrence, occurrences, upcoming_events
from bot.knowledge.directory_schema import Event
from bot.languages import DISTRICTS
from bot.storage import events as store

from . import event_texts
from .common import stale
from .context import Turn
from .protocol import EventDetails, EventsPage, ShowEvents, ShowMenu, SubscribeEvents
from .registry import Command, Flow
from .replies import Button, Reply

PAGE_SIZE = 5  # five events of three lines and their buttons fit a phone screen
LISTED = 40  # events paged through at most: eight pages; nobody reads further
OCCURRENCES = 500  # looked at to find them: a month of daily meetings still leaves room for the rest
MAX_PAGE = 99  # a page number past this is forged; `back` packs view and page with it
LATER_DATES = 3  # a recurring event's "more" page names its next three dates
ALL = "all"  # both districts (and city-wide events): for people from elsewhere, or who have not said
NEWS = "news"  # pressed under a news message: answer below it, never replace it
VIEWS = (*DISTRICTS, ALL)
_BACK_TO = (*VIEWS, NEWS)  # where a "more" page or a subscription press leads back to, by position


def back(view: str, page: int) -> int:
    """A list (view and page) as one number, so a button's data stays within Telegram's 64 bytes."""
    return _BACK_TO.index(view) * (MAX_PAGE + 1) + min(page, MAX_PAGE)


def back_of(code: int) -> tuple[str, int] | None:
    where, page = divmod(code, MAX_PAGE + 1)
    return (_BACK_TO[where], page) if where < len(_BACK_TO) else None


def upcoming(turn: Turn, view: str) -> list[Occurrence]:
    """Each event once, at its next date, soonest first (a weekly meeting's later dates are on its "more" page)."""
    found = upcoming_events(
        turn.kb, now=turn.services.clock(), days=AHEAD_DAYS, district=None if view == ALL else view,
        lang=turn.lang, limit=OCCURRENCES,
    )
    first: dict[str, Occurrence] = {}
    for occurrence in found:
        first.setdefault(occurrence.event.id, occurrence)
    return list(first.values())[:LISTED]


def own_view(turn: Turn) -> str | None:
    """The user's district, both districts for someone from elsewhere, None when not known yet."""
    district = turn.user.district
    if district in DISTRICTS:
        return district
    return ALL if district == "outside" else None


def _label(turn: Turn, view: str) -> str:
    return turn.raw("events.both_districts" if view == ALL else f"district.{view}")


def ask_district(turn: Turn) -> list[Reply]:
    rows = [(turn.button(f"district.{d}", EventsPage(d, 0)),) for d in DISTRICTS]
    rows.append((turn.button("events.both_districts", EventsPage(ALL, 0)),))
    return [Reply(turn.t("events.ask_district"), tuple(rows))]


async def events_command(turn: Turn, args: str = "") -> list[Reply]:
    view = own_view(turn)
    return ask_district(turn) if view is None else await page(turn, view, 0)


async def show_events(turn: Turn, action: ShowEvents) -> list[Reply]:
    return await events_command(turn)


async def on_text(turn: Turn, text: str) -> list[Reply] | None:
    if not turn.services.matcher.intents.asks_events(text):
        return None
    turn.question_settled()
    return await events_command(turn)


async def events_page(turn: Turn, action: EventsPage) -> list[Reply]:
    if action.district not in VIEWS or action.page > MAX_PAGE:
        return stale(turn)
    if turn.user.district is None and action.district in DISTRICTS:
        turn.user.district = action.district  # the answer to "which district?": where the person lives
    return await page(turn, action.district, action.page, edit=True)


async def page(turn: Turn, view: str, number: int, edit: bool = False, notice: str = "") -> list[Reply]:
    found = upcoming(turn, view)
    pages = max(1, -(-len(found) // PAGE_SIZE))
    number = min(number, pages - 1)
    shown = found[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
    subscribed = await store.districts_of(turn.services.db, turn.user.user_id)
    now, label = turn.services.clock(), _label(turn, view)
    parts = [notice] if notice else []
    if shown:
        parts.append(f"<b>{turn.t('events.title', district=label)}</b>")
        kb, locales = turn.kb, turn.services.locales
        parts.extend(event_texts.list_block(o, kb, locales, turn.lang, now) for o in shown)
    else:
        parts.append(turn.t("events.none", district=label))
    if pages > 1:
        parts.append(turn.t("menu.page", page=number + 1, pages=pages))
    parts.append(_state_line(turn, subscribed))
    rows: list[tuple[Button, ...]] = [(_more(turn, o.event, view, number),) for o in shown]
    nav = []
    if number > 0:
        nav.append(turn.button("buttons.previous", EventsPage(view, number - 1)))
    if number < pages - 1:
        nav.append(turn.button("buttons.next", EventsPage(view, number + 1)))
    if nav:
        rows.append(tuple(nav))
    rows.extend(_toggles(turn, view, number, subscribed))
    others = [v for v in VIEWS if v != view]
    rows.append(tuple(turn.button("events.view", EventsPage(v, 0), district=_label(turn, v)) for v in others))
    rows.append((turn.button("buttons.menu", ShowMenu()),))
    return [Reply("\n\n".join(parts), tuple(rows), edit=edit)]


def _state_line(turn: Turn, subscribed: tuple[str, ...]) -> str:
    if not subscribed:
        return turn.t("events.not_subscribed")
    names = ", ".join(turn.raw(f"district.{d}") for d in subscribed)
    return turn.t("events.subscribed", districts=names)


def _toggles(turn: Turn, view: str, number: int, subscribed: tuple[str, ...]) -> list[tuple[Button, ...]]:
    rows: list[tuple[Button, ...]] = []
    for district in DISTRICTS if view == ALL else (view,):
        on = district in subscribed
        key = "events.unsubscribe" if on else "events.subscribe"
        name = turn.raw(f"district.{district}")
        rows.append((turn.button(key, SubscribeEvents(district, not on, back(view, number)), district=name),))
    return rows


def _more(turn: Turn, event: Event, view: str, number: int) -> Button:
    position = turn.kb.events.index(event)
    action = EventDetails(turn.services.generation, position, back(view, number))
    return Button(turn.raw("events.more", title=event_texts.short_title(event, turn.lang, 50)), action.pack())


async def event_details(turn: Turn, action: EventDetails) -> list[Reply]:
    events, leads_back = turn.kb.events, back_of(action.back)
    if action.gen != turn.services.generation or action.event >= len(events) or leads_back is None:
        return stale(turn)
    view, number = leads_back
    event = events[action.event]
    now = turn.services.clock()
    coming = occurrences(event, now, now + dt.timedelta(days=AHEAD_DAYS * 3))[: LATER_DATES + 1]
    if not event.active or not coming:
        return [Reply(turn.t("events.gone"), ((turn.button("events.all_events", ShowEvents()),),))]
    text = event_texts.details(coming[0], coming[1:], turn.kb, turn.services.locales, turn.lang, now)
    if view == NEWS:
        way_back = turn.button("events.all_events", ShowEvents())
    else:
        way_back = turn.button("buttons.back", EventsPage(view, number))
    return [Reply(text, ((way_back, turn.button("buttons.menu", ShowMenu())),), edit=view != NEWS)]


async def subscribe(turn: Turn, action: SubscribeEvents) -> list[Reply]:
    db, user_id, leads_back = turn.services.db, turn.user.user_id, back_of(action.back)
    if leads_back is None:
        return stale(turn)
    view, number = leads_back
    if action.district == ALL and not action.on:
        await store.unsubscribe(db, user_id)
        return [Reply(turn.t("events.stopped"))]
    if action.district not in DISTRICTS:
        return stale(turn)
    name = turn.raw(f"district.{action.district}")
    stamp = turn.services.clock().timestamp()
    if action.on:
        await store.subscribe(db, user_id, action.district, stamp)
        # what is on the list now is not news to this person
        await store.note_seen(db, (e.id for e in turn.kb.events), stamp)
        notice = turn.t("events.subscribe_done", district=name, cap=WEEKLY_CAP)
    else:
        await store.unsubscribe(db, user_id, action.district)
        notice = turn.t("events.unsubscribe_done", district=name)
    if view == NEWS:
        return [Reply(notice)]
    return await page(turn, view, number, edit=True, notice=notice)


FLOW = Flow(
    commands=(Command("events", events_command),),
    buttons={
        ShowEvents: show_events, EventsPage: events_page, EventDetails: event_details, SubscribeEvents: subscribe,
    },
    on_text={None: on_text},
)
