"""What every flow gets: the shared services and the turn's user, language and helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from bot.i18n import Locales
from bot.knowledge.directory_schema import Organisation
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import Entry
from bot.matching import Matcher
from bot.matching.semantic_layer import SemanticLayer
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.users import UserRecord

from .protocol import Action, Awaiting, ShowEntry, ShowOrg, knowledge_tag
from .replies import Button

_STATES = frozenset(state.value for state in Awaiting)


@dataclass
class Services:
    """Swappable as a whole on /reload, so a turn never sees half-new knowledge."""

    settings: Settings
    db: Database
    kb: KnowledgeBase
    matcher: Matcher
    locales: Locales
    clock: Callable[[], dt.datetime]
    semantic: SemanticLayer = field(default_factory=SemanticLayer.off)
    generation: str = field(init=False)
    # admin.Prepared: the next /reload's knowledge, built before that update's unit of work opened
    prepared_reload: object | None = field(default=None, init=False)
    # the knowledge_version row (bot/storage/knowledge_version.py) the knowledge in use was loaded at
    knowledge_version: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self.generation = knowledge_tag(self.kb)

    def swap(self, kb: KnowledgeBase, matcher: Matcher, locales: Locales) -> None:
        self.kb, self.matcher, self.locales = kb, matcher, locales
        self.generation = knowledge_tag(kb)


@dataclass(frozen=True)
class Sender:
    user_id: int
    language_code: str | None = None
    is_admin: bool = False
    display_name: str | None = None  # only used when the user agrees to share it


@dataclass
class Turn:
    """One incoming message or press: flows change `user` (saved once at the end) and return replies."""

    services: Services
    sender: Sender
    user: UserRecord
    is_new: bool = False
    erased: bool = False  # /deletemydata ran: the record is gone and must not be saved again

    @property
    def lang(self) -> str:
        return self.user.lang

    @property
    def kb(self) -> KnowledgeBase:
        return self.services.kb

    @property
    def awaiting(self) -> Awaiting | None:
        value = self.user.awaiting
        return Awaiting(value) if value is not None and value in _STATES else None

    @awaiting.setter
    def awaiting(self, state: Awaiting | None) -> None:
        self.user.awaiting = state.value if state is not None else None

    def question_settled(self) -> None:
        """A question was answered: "which one?" is over, but the language or district question asked at
        the start stays open until it is answered."""
        if self.awaiting not in (Awaiting.LANGUAGE, Awaiting.DISTRICT):
            self.awaiting = None
        self.user.clarify_rounds = 0

    def t(self, key: str, **values: object) -> str:
        """Locale text, HTML-escaped (placeholders are escaped too)."""
        return escape(self.services.locales.t(self.lang, key, **values))

    def raw(self, key: str, **values: object) -> str:
        return self.services.locales.t(self.lang, key, **values)

    def entry_ref(self, entry: Entry) -> int:
        return self.kb.position[entry.id]

    def entry_at(self, gen: str, position: int) -> Entry | None:
        """The entry a button points to; None when the button is from an older knowledge base."""
        if gen != self.services.generation or position >= len(self.kb.active):
            return None
        return self.kb.active[position]

    def org_at(self, gen: str, position: int) -> Organisation | None:
        """The organisation a button points to; None when the button is from an older knowledge base."""
        orgs = self.kb.organisations
        if gen != self.services.generation or position >= len(orgs) or not orgs[position].active:
            return None
        return orgs[position]

    def org_button(self, org: Organisation) -> Button:
        label = org.name if len(org.name) <= 60 else org.name[:58].rstrip() + "…"
        return Button(label, ShowOrg(self.services.generation, self.kb.organisations.index(org)).pack())

    def button(self, key: str, action: Action, **values: object) -> Button:
        return Button(self.raw(key, **values), action.pack())

    def entry_button(self, entry: Entry) -> Button:
        title = entry.texts(self.lang).title
        label = title if len(title) <= 60 else title[:58].rstrip() + "…"
        return Button(label, ShowEntry(self.services.generation, self.entry_ref(entry)).pack())
