"""Replies every flow may need: the menu button, the topics menu, the stale-button notice."""

from __future__ import annotations

from .context import Turn
from .protocol import AskPerson, OrgMenu, ShowEvents, ShowMenu, TopicPage
from .replies import Button, Reply

Rows = tuple[tuple[Button, ...], ...]


def menu_row(turn: Turn) -> Rows:
    return ((turn.button("buttons.menu", ShowMenu()),),)


def topics_menu(turn: Turn, edit: bool = False) -> list[Reply]:
    gen = turn.services.generation
    order = list(turn.kb.topics)
    buttons = [
        turn.button(f"topics.{t}", TopicPage(gen, position, 0))
        for position, t in enumerate(order)
        if turn.kb.in_topic(t)
    ]
    rows = tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))
    rows += ((turn.button("buttons.organisations", OrgMenu()),),)  # associations, communities, speakers
    if any(event.active for event in turn.kb.events):
        rows += ((turn.button("events.button", ShowEvents()),),)
    return [Reply(turn.t("menu.title"), rows, edit=edit)]


def stale(turn: Turn) -> list[Reply]:
    """A button from before a reload, or forged data: say so and show the menu, nothing else."""
    return [Reply(turn.t("errors.stale_button")), *topics_menu(turn)]


def offer_person(turn: Turn, key: str = "question.offer_person") -> list[Reply]:
    """A caseworker offered with the Ask-a-person and Menu buttons; `key` says why ("no good answer" by default,
    `question.personal_case` when the answer depends on the person's own situation)."""
    rows = ((turn.button("buttons.ask_person", AskPerson()), turn.button("buttons.menu", ShowMenu())),)
    return [Reply(turn.t(key), rows)]
