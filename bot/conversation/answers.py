"""Showing entries: the card with its buttons, district variants, the location."""

from __future__ import annotations

from bot.knowledge.schema import Entry

from .card import render_card
from .context import Turn
from .replies import Button, Reply, Venue, split_text


def card_buttons(turn: Turn, entry: Entry) -> tuple[tuple[Button, ...], ...]:
    gen, ref = turn.services.generation, turn.entry_ref(entry)
    rows: list[tuple[Button, ...]] = []
    if entry.geo:
        rows.append((turn.button("buttons.location", "V", gen, ref),))
    rows.append(
        (turn.button("buttons.helpful_yes", "F", gen, ref, 1), turn.button("buttons.helpful_no", "F", gen, ref, 0))
    )
    rows.append((turn.button("buttons.ask_person", "P"), turn.button("buttons.menu", "M")))
    return tuple(rows)


def for_district(turn: Turn, entry: Entry) -> tuple[Entry, tuple[Entry, ...]]:
    """The variant responsible for the user's district, and the others when that is unknown."""
    variants = turn.kb.variants(entry)
    if entry.scope != "residents" or len(variants) < 2:
        return entry, ()
    own = turn.kb.variant_for(entry, turn.user.district)
    if own is not None:
        return own, ()
    return entry, tuple(v for v in variants if v is not entry)


def card(turn: Turn, entry: Entry, edit: bool = False) -> list[Reply]:
    chosen, others = for_district(turn, entry)
    elsewhere = chosen.scope == "residents" and turn.user.district == "outside"
    text = render_card(chosen, turn.kb, turn.services.locales, turn.lang, turn.services.clock(), general=elsewhere)
    if elsewhere:
        others = ()
    elif chosen.scope == "residents" and turn.user.district not in chosen.service_area:
        text += "\n\nℹ️ " + turn.t("card.responsible_depends")
    chunks = split_text(text)
    replies = [Reply(chunk) for chunk in chunks[:-1]]
    buttons = card_buttons(turn, chosen)
    if others:
        buttons = tuple((turn.entry_button(o),) for o in others) + buttons
    replies.append(Reply(chunks[-1], buttons, edit=edit and len(chunks) == 1))
    return replies


def venue(turn: Turn, entry: Entry) -> list[Reply]:
    if entry.geo is None:
        return []
    address = entry.address.one_line() if entry.address else ""
    return [Reply(venue=Venue(entry.geo.lat, entry.geo.lon, entry.texts(turn.lang).title[:100], address))]
