"""What every flow gets: the shared services and the turn's user, language and helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from html import escape

from bot.i18n import Locales
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import Entry
from bot.matching import Matcher
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.users import UserRecord

from . import callbacks
from .replies import Button


@dataclass
class Services:
    """Swappable as a whole on /reload, so a turn never sees half-new knowledge."""

    settings: Settings
    db: Database
    kb: KnowledgeBase
    matcher: Matcher
    locales: Locales
    clock: Callable[[], dt.datetime]
    generation: str = field(init=False)

    def __post_init__(self) -> None:
        self.generation = callbacks.generation(self.kb)

    def swap(self, kb: KnowledgeBase, matcher: Matcher, locales: Locales) -> None:
        self.kb, self.matcher, self.locales = kb, matcher, locales
        self.generation = callbacks.generation(kb)


@dataclass(frozen=True)
class Sender:
    user_id: int
    language_code: str | None = None
    is_admin: bool = False
    display_name: str | None = None  # only used when the user agrees to share it


@dataclass
class Turn:
    services: Services
    sender: Sender
    user: UserRecord
    is_new: bool = False

    @property
    def lang(self) -> str:
        return self.user.lang

    @property
    def kb(self) -> KnowledgeBase:
        return self.services.kb

    def t(self, key: str, **values: object) -> str:
        """Locale text, HTML-escaped (placeholders are escaped too)."""
        return escape(self.services.locales.t(self.lang, key, **values))

    def raw(self, key: str, **values: object) -> str:
        return self.services.locales.t(self.lang, key, **values)

    def update(self, **changes: object) -> None:
        self.user = replace(self.user, **changes)  # type: ignore[arg-type]

    def entry_ref(self, entry: Entry) -> int:
        return self.kb.position[entry.id]

    def entry_from(self, gen: str, number: str) -> Entry | None:
        """Resolve callback args to an entry; None when stale or forged."""
        if gen != self.services.generation:
            return None
        index = callbacks.small_int(number, len(self.kb.active))
        return self.kb.active[index] if index is not None else None

    def button(self, key: str, action: str, *args: object) -> Button:
        return Button(self.raw(key), callbacks.encode(action, *args))

    def entry_button(self, entry: Entry, action: str = "E") -> Button:
        title = entry.texts(self.lang).title
        label = title if len(title) <= 60 else title[:58].rstrip() + "…"
        return Button(label, callbacks.encode(action, self.services.generation, self.entry_ref(entry)))
