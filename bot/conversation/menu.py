"""Browsing: topics, the services of a topic (paged), back to topics."""

from __future__ import annotations

from .callbacks import encode, small_int
from .context import Turn
from .replies import Button, Reply

PAGE_SIZE = 6


def topics_menu(turn: Turn, edit: bool = False) -> list[Reply]:
    gen = turn.services.generation
    topics = [t for t in turn.kb.topics if turn.kb.in_topic(t)]
    order = list(turn.kb.topics)
    buttons = [Button(turn.raw(f"topics.{t}"), encode("T", gen, order.index(t), 0)) for t in topics]
    rows = tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))
    return [Reply(turn.t("menu.title"), rows, edit=edit)]


def topic_page(turn: Turn, gen: str, topic_no: str, page_no: str) -> list[Reply]:
    order = list(turn.kb.topics)
    index = small_int(topic_no, len(order))
    page = small_int(page_no, 1000)
    if gen != turn.services.generation or index is None or page is None:
        from .start import stale

        return stale(turn)
    topic = order[index]
    entries = sorted(turn.kb.in_topic(topic), key=lambda e: e.texts(turn.lang).title.casefold())
    if not entries:
        return [Reply(turn.t("menu.empty"), ((turn.button("buttons.back", "M"),),), edit=True)]
    pages = max(1, -(-len(entries) // PAGE_SIZE))
    page = min(page, pages - 1)
    shown = entries[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    rows: list[tuple[Button, ...]] = [(turn.entry_button(e),) for e in shown]
    nav: list[Button] = []
    if page > 0:
        nav.append(turn.button("buttons.previous", "T", gen, index, page - 1))
    if page < pages - 1:
        nav.append(turn.button("buttons.next", "T", gen, index, page + 1))
    if nav:
        rows.append(tuple(nav))
    rows.append((turn.button("buttons.back", "M"),))
    text = turn.t("menu.topic", topic=turn.raw(f"topics.{topic}"))
    if pages > 1:
        text += "\n" + turn.t("menu.page", page=page + 1, pages=pages)
    return [Reply(text, tuple(rows), edit=True)]
