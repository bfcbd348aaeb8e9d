"""Browsing: topics, the services of a topic (paged), back to topics."""

from __future__ import annotations

from .common import stale, topics_menu
from .context import Turn
from .protocol import ShowMenu, TopicPage
from .registry import Command, Flow
from .replies import Button, Reply

PAGE_SIZE = 6  # six services and the navigation fit a phone screen without scrolling
MAX_PAGE = 999


async def show_menu(turn: Turn, args: str = "") -> list[Reply]:
    return topics_menu(turn)


async def menu_button(turn: Turn, action: ShowMenu) -> list[Reply]:
    return topics_menu(turn, edit=True)


async def topic_page(turn: Turn, action: TopicPage) -> list[Reply]:
    order = list(turn.kb.topics)
    if action.gen != turn.services.generation or action.topic >= len(order) or action.page > MAX_PAGE:
        return stale(turn)
    topic = order[action.topic]
    entries = sorted(turn.kb.in_topic(topic), key=lambda e: e.texts(turn.lang).title.casefold())
    if not entries:
        return [Reply(turn.t("menu.empty"), ((turn.button("buttons.back", ShowMenu()),),), edit=True)]
    pages = max(1, -(-len(entries) // PAGE_SIZE))
    page = min(action.page, pages - 1)
    shown = entries[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    rows: list[tuple[Button, ...]] = [(turn.entry_button(e),) for e in shown]
    nav: list[Button] = []
    if page > 0:
        nav.append(turn.button("buttons.previous", TopicPage(action.gen, action.topic, page - 1)))
    if page < pages - 1:
        nav.append(turn.button("buttons.next", TopicPage(action.gen, action.topic, page + 1)))
    if nav:
        rows.append(tuple(nav))
    rows.append((turn.button("buttons.back", ShowMenu()),))
    text = turn.t("menu.topic", topic=turn.raw(f"topics.{topic}"))
    if pages > 1:
        text += "\n" + turn.t("menu.page", page=page + 1, pages=pages)
    return [Reply(text, tuple(rows), edit=True)]


FLOW = Flow(commands=(Command("menu", show_menu),), buttons={ShowMenu: menu_button, TopicPage: topic_page})
