"""The loaded knowledge base: immutable, shared by the bot, the CLI and the tests."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from .directory_schema import Event, Organisation
from .schema import Entry, Intents

if TYPE_CHECKING:
    from .vocabulary import Vocabulary


def _no_vocabulary() -> Vocabulary:
    """An empty vocabulary; imported late because the vocabulary uses the matcher's normalisation, and the
    matcher package imports this module."""
    from .vocabulary import Vocabulary

    return Vocabulary()


@dataclass(frozen=True)
class KnowledgeBase:
    entries: tuple[Entry, ...]
    topics: Mapping[str, str]
    language_names: Mapping[str, str]
    intents: Intents = field(default_factory=Intents)
    postcodes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    organisations: tuple[Organisation, ...] = ()  # knowledge/organisations/, in a fixed order (buttons refer to it)
    events: tuple[Event, ...] = ()  # knowledge/events/, file order
    vocabulary: Vocabulary = field(default_factory=_no_vocabulary)  # organisations/communities.yaml
    by_id: Mapping[str, Entry] = field(init=False)
    active: tuple[Entry, ...] = field(init=False)  # what users see, in a fixed order (buttons refer to it)
    position: Mapping[str, int] = field(init=False)  # entry id -> index in `active`
    by_topic: Mapping[str, tuple[Entry, ...]] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", MappingProxyType({e.id: e for e in self.entries}))
        active = tuple(e for e in self.entries if e.active)
        object.__setattr__(self, "active", active)
        object.__setattr__(self, "position", MappingProxyType({e.id: n for n, e in enumerate(active)}))
        topics = {t: tuple(e for e in active if t in e.topics) for t in {t for e in active for t in e.topics}}
        object.__setattr__(self, "by_topic", MappingProxyType(topics))
        object.__setattr__(self, "topics", MappingProxyType(dict(self.topics)))
        object.__setattr__(self, "language_names", MappingProxyType(dict(self.language_names)))
        object.__setattr__(self, "postcodes", MappingProxyType(dict(self.postcodes)))

    def organisation(self, organisation_id: str) -> Organisation | None:
        """An active organisation by id."""
        found = next((o for o in self.organisations if o.id == organisation_id), None)
        return found if found is not None and found.active else None

    def get(self, entry_id: str) -> Entry | None:
        entry = self.by_id.get(entry_id)
        return entry if entry is not None and entry.active else None

    def in_topic(self, topic: str) -> tuple[Entry, ...]:
        return self.by_topic.get(topic, ())

    def districts_of_postcode(self, postcode: str) -> tuple[str, ...]:
        """Districts a Berlin postcode lies in (empty when unknown)."""
        return tuple(self.postcodes.get(postcode.strip(), ()))

    def office_for(
        self, entry: Entry, lives_in: str | None, named: str | None = None, picked: bool = False
    ) -> tuple[Entry, tuple[Entry, ...]]:
        """The office of `entry`'s service for this person, and the other offices when that is unknown.

        The one rule for matching, cards and hand-off: for offices that serve only their residents
        (Jobcenter), where one lives decides, else the district named in the message; if neither is
        known, the first office and the others as alternatives. Offices open to everyone (Bürgerämter)
        follow the district named in the message, else where one lives, unless the person picked
        this very office (`picked`). Berlin-wide services have one office.
        """
        variants = self.variants(entry)
        if len(variants) < 2 or entry.scope == "berlin-wide":
            return entry, ()
        variants = (entry, *(v for v in variants if v is not entry))  # the office at hand wins a tie
        if entry.scope == "residents":
            own = self._variant(variants, lives_in or named, located=False)
            return (own, ()) if own is not None else (entry, tuple(v for v in variants if v is not entry))
        if picked:
            return entry, ()
        own = self._variant(variants, named or lives_in, located=True)
        return own or entry, ()

    @staticmethod
    def _variant(variants: tuple[Entry, ...], district: str | None, located: bool) -> Entry | None:
        if district is None:
            return None
        if located:
            return next((v for v in variants if district in v.districts), None)
        return next((v for v in variants if district in v.service_area), None)

    def variants(self, entry: Entry) -> tuple[Entry, ...]:
        """District variants of the same service (shared `service` key), including `entry`."""
        if not entry.service:
            return (entry,)
        return tuple(e for e in self.active if e.service == entry.service)
