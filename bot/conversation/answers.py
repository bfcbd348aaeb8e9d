"""Showing entries: the card with its buttons, district variants, the location, feedback on a card."""

from __future__ import annotations

from bot.knowledge.schema import Entry
from bot.matching.tuning import CANDIDATES_SHOWN
from bot.storage import feedback, questions

from .card import render_card
from .common import offer_person, stale
from .context import Turn
from .protocol import AskPerson, Feedback, ShowEntry, ShowMenu, ShowVenue
from .registry import Flow
from .replies import Button, Reply, Venue, split_text


def card_buttons(turn: Turn, entry: Entry, person: bool = True) -> tuple[tuple[Button, ...], ...]:
    gen, ref = turn.services.generation, turn.entry_ref(entry)
    rows: list[tuple[Button, ...]] = []
    if entry.geo:
        rows.append((turn.button("buttons.location", ShowVenue(gen, ref)),))
    rows.append(
        (
            turn.button("buttons.helpful_yes", Feedback(gen, ref, True)),
            turn.button("buttons.helpful_no", Feedback(gen, ref, False)),
        )
    )
    menu = turn.button("buttons.menu", ShowMenu())
    rows.append((turn.button("buttons.ask_person", AskPerson()), menu) if person else (menu,))
    return tuple(rows)


def card(turn: Turn, entry: Entry, edit: bool = False, person: bool = True) -> list[Reply]:
    chosen, others = turn.kb.office_for(entry, turn.user.district, picked=True)
    if chosen.scope == "residents" and turn.user.district == "outside":
        return elsewhere(turn, chosen, edit)
    text = render_card(chosen, turn.kb, turn.services.locales, turn.lang, turn.services.clock())
    if chosen.scope == "residents" and turn.user.district not in chosen.service_area:
        text += "\n\nℹ️ " + turn.t("card.responsible_depends")
    chunks = split_text(text)
    replies = [Reply(chunk) for chunk in chunks[:-1]]
    buttons = card_buttons(turn, chosen, person)
    if others:
        buttons = tuple((turn.entry_button(o),) for o in others) + buttons
    replies.append(Reply(chunks[-1], buttons, edit=edit and len(chunks) == 1))
    return replies


def elsewhere(turn: Turn, entry: Entry, edit: bool = False) -> list[Reply]:
    """Someone from another Berlin district: where to find their own office, and the Berlin-wide services
    of the same kind; never another district's office as the headline."""
    topic = entry.topics[0]
    text = "\n".join(
        [
            f"<b>{turn.t(f'topics.{topic}')}</b>",
            f"ℹ️ {turn.t('card.responsible_depends')} {turn.t('card.other_district')}",
        ]
    )
    berlin_wide = {e.id: e for t in entry.topics for e in turn.kb.in_topic(t) if e.scope == "berlin-wide"}
    rows = tuple((turn.entry_button(e),) for e in berlin_wide.values())
    return [Reply(text, (*rows[:CANDIDATES_SHOWN], (turn.button("buttons.menu", ShowMenu()),)), edit=edit)]


async def show_entry(turn: Turn, action: ShowEntry) -> list[Reply]:
    entry = turn.entry_at(action.gen, action.entry)
    if entry is None:
        return stale(turn)
    turn.question_settled()
    return card(turn, entry)


async def show_venue(turn: Turn, action: ShowVenue) -> list[Reply]:
    entry = turn.entry_at(action.gen, action.entry)
    if entry is None:
        return stale(turn)
    if entry.geo is None:
        return []
    address = entry.address.one_line() if entry.address else ""
    return [Reply(venue=Venue(entry.geo.lat, entry.geo.lon, entry.texts(turn.lang).title[:100], address))]


async def rate_card(turn: Turn, action: Feedback) -> list[Reply]:
    entry = turn.entry_at(action.gen, action.entry)
    if entry is None:
        return stale(turn)
    db = turn.services.db
    await feedback.record(db, turn.user.user_id, entry.id, action.helpful)
    if action.helpful:
        return [Reply(turn.t("feedback.thanks"))]
    await questions.mark_outcome(db, turn.user.user_id, "not-helpful")
    return [Reply(turn.t("feedback.sorry"), offer_person(turn)[0].buttons)]


FLOW = Flow(buttons={ShowEntry: show_entry, ShowVenue: show_venue, Feedback: rate_card})
