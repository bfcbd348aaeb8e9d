"""The conversation protocol in one place: what the bot waits for, and every button's action.

A button carries a short, opaque action: a code and a few small fields, packed as
`code:field:field` (at most 64 bytes, ASCII). Each action is one frozen dataclass with typed
fields; `pack()` writes it and `unpack()` reads it back, refusing anything malformed or forged.
Actions that point into the knowledge base carry its version tag (`gen`), so a button from before
a reload is recognised as stale instead of being misread.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import typing
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from bot.knowledge.model import KnowledgeBase

SEP = ":"
MAX_BYTES = 64  # Telegram's limit for callback data
MAX_INT_DIGITS = 9  # ticket numbers and positions; anything longer is forged
_WORD = re.compile(r"^[a-z0-9-]{1,32}$")  # language and district codes, knowledge version tags


class Awaiting(StrEnum):
    """What the bot expects next from a user; None (no state) means a free question."""

    LANGUAGE = "language"  # first contact: the language picker is open
    DISTRICT = "district"  # the district question is open (a postcode or a place name answers it)
    CLARIFY = "clarify"  # the bot asked which service was meant
    HANDOFF = "handoff"  # a question for a caseworker is being written (text adds details)
    SPEAKER = "speaker"  # a speaker request is being filled in (text answers the current step)


@dataclass(frozen=True)
class Action:
    """A button's meaning. Subclasses set `code` and declare typed fields (str, int or bool)."""

    code: ClassVar[str]

    def pack(self) -> str:
        parts = [self.code]
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            parts.append(("1" if value else "0") if isinstance(value, bool) else str(value))
        data = SEP.join(parts)
        if len(data.encode()) > MAX_BYTES or not data.isascii():
            raise ValueError(f"callback data over {MAX_BYTES} bytes or not ASCII: {data!r}")
        if unpack(data) != self:  # a value the reader would refuse: the button would always be "out of date"
            raise ValueError(f"button data {data!r} would not be read back as {self!r}")
        return data

    @classmethod
    def from_parts(cls, parts: list[str]) -> Action | None:
        """Build from the packed fields; None when any field is missing, extra or malformed."""
        fields = dataclasses.fields(cls)
        if len(parts) != len(fields):
            return None
        hints = typing.get_type_hints(cls)
        values: dict[str, object] = {}
        for f, raw in zip(fields, parts, strict=True):
            value = _parse(hints[f.name], raw)
            if value is None:
                return None
            values[f.name] = value
        return cls(**values)


def _parse(kind: object, raw: str) -> object | None:
    if kind is bool:
        return {"1": True, "0": False}.get(raw)
    if kind is int:
        return int(raw) if raw.isdigit() and len(raw) <= MAX_INT_DIGITS else None
    return raw if _WORD.match(raw) else None


# --- the newcomer's buttons -------------------------------------------------------------------


@dataclass(frozen=True)
class SetLanguage(Action):
    code: ClassVar[str] = "L"
    lang: str


@dataclass(frozen=True)
class SetDistrict(Action):
    code: ClassVar[str] = "D"
    district: str  # a district code, "outside" or "none"


@dataclass(frozen=True)
class ShowMenu(Action):
    code: ClassVar[str] = "M"


@dataclass(frozen=True)
class TopicPage(Action):
    code: ClassVar[str] = "T"
    gen: str
    topic: int  # position in the knowledge base's topic order
    page: int


@dataclass(frozen=True)
class ShowEntry(Action):
    code: ClassVar[str] = "E"
    gen: str
    entry: int  # position among the active entries


@dataclass(frozen=True)
class ShowVenue(Action):
    code: ClassVar[str] = "V"
    gen: str
    entry: int


@dataclass(frozen=True)
class Feedback(Action):
    code: ClassVar[str] = "F"
    gen: str
    entry: int
    helpful: bool


@dataclass(frozen=True)
class NoneOfThese(Action):
    code: ClassVar[str] = "N"


@dataclass(frozen=True)
class AskPerson(Action):
    code: ClassVar[str] = "P"


@dataclass(frozen=True)
class SendDraft(Action):
    code: ClassVar[str] = "HS"


@dataclass(frozen=True)
class ToggleName(Action):
    code: ClassVar[str] = "HN"


@dataclass(frozen=True)
class CancelDraft(Action):
    code: ClassVar[str] = "HC"


@dataclass(frozen=True)
class CloseMyTicket(Action):
    code: ClassVar[str] = "HX"
    ticket: int


@dataclass(frozen=True)
class AddToTicket(Action):
    """Add the last message to an open (or recently closed) question for a caseworker."""

    code: ClassVar[str] = "HA"
    ticket: int


@dataclass(frozen=True)
class AddFilesToTicket(Action):
    """Add the photos and documents just sent to an open (or recently closed) question for a caseworker."""

    code: ClassVar[str] = "HF"
    ticket: int


@dataclass(frozen=True)
class RateAnswer(Action):
    code: ClassVar[str] = "HR"
    ticket: int
    helpful: bool


@dataclass(frozen=True)
class EraseMyData(Action):
    code: ClassVar[str] = "X"
    confirmed: bool


@dataclass(frozen=True)
class OrgMenu(Action):
    """"Find an organisation": by theme, by language, near me, or a speaker."""

    code: ClassVar[str] = "O"


@dataclass(frozen=True)
class OrgChoose(Action):
    """The choices of one way to search: themes ("t"), languages ("l") or districts ("d")."""

    code: ClassVar[str] = "OC"
    by: str


@dataclass(frozen=True)
class OrgsByTheme(Action):
    """A page of the organisations with a theme."""

    code: ClassVar[str] = "OT"
    theme: str
    page: int


@dataclass(frozen=True)
class OrgsByLanguage(Action):
    """A page of the organisations where a language is spoken."""

    code: ClassVar[str] = "OL"
    lang: str
    page: int


@dataclass(frozen=True)
class OrgsNear(Action):
    """A page of the organisations in a district (and Berlin-wide ones)."""

    code: ClassVar[str] = "OD"
    district: str
    page: int


@dataclass(frozen=True)
class OrgsForQuestion(Action):
    """A page of the organisations that fit the user's last question."""

    code: ClassVar[str] = "OQ"
    page: int


@dataclass(frozen=True)
class ShowOrg(Action):
    code: ClassVar[str] = "OS"
    gen: str
    org: int  # position in the knowledge base's organisations


@dataclass(frozen=True)
class SpeakerStart(Action):
    """"I am looking for a speaker or expert": start the request."""

    code: ClassVar[str] = "S"


@dataclass(frozen=True)
class SpeakerSend(Action):
    """Consent given: the request and the contact go to the coordination office."""

    code: ClassVar[str] = "SS"


@dataclass(frozen=True)
class SpeakerCancel(Action):
    code: ClassVar[str] = "SX"


@dataclass(frozen=True)
class ShowEvents(Action):
    """The events list of the user's own district (asked first when unknown)."""

    code: ClassVar[str] = "EM"


@dataclass(frozen=True)
class EventsPage(Action):
    """The upcoming events of a district ("all": both districts), one page of them."""

    code: ClassVar[str] = "EL"
    district: str
    page: int


@dataclass(frozen=True)
class EventDetails(Action):
    """"More" about one event, and the way back to the list it was picked from."""

    code: ClassVar[str] = "ED"
    gen: str
    event: int  # position in the knowledge base's events
    back: int  # the list it was picked from: a view and page, packed by bot/conversation/events.py


@dataclass(frozen=True)
class SubscribeEvents(Action):
    """Event news for a district on or off ("all" with on=False: every district off)."""

    code: ClassVar[str] = "ES"
    district: str
    on: bool
    back: int  # the list it was pressed under, shown again with the new state (as in EventDetails)


# --- the caseworkers' buttons under a ticket post --------------------------------------------


@dataclass(frozen=True)
class ClaimTicket(Action):
    code: ClassVar[str] = "CC"
    ticket: int


@dataclass(frozen=True)
class CloseTicket(Action):
    code: ClassVar[str] = "CX"
    ticket: int


@dataclass(frozen=True)
class SendEntryToUser(Action):
    code: ClassVar[str] = "CS"
    ticket: int
    gen: str
    entry: int


ACTIONS: dict[str, type[Action]] = {
    cls.code: cls
    for cls in (
        SetLanguage, SetDistrict, ShowMenu, TopicPage, ShowEntry, ShowVenue, Feedback, NoneOfThese, AskPerson,
        SendDraft, ToggleName, CancelDraft, CloseMyTicket, AddToTicket, AddFilesToTicket, RateAnswer, EraseMyData,
        OrgMenu, OrgChoose, OrgsByTheme, OrgsByLanguage, OrgsNear, OrgsForQuestion, ShowOrg,
        SpeakerStart, SpeakerSend, SpeakerCancel, ShowEvents, EventsPage, EventDetails, SubscribeEvents,
        ClaimTicket, CloseTicket, SendEntryToUser,
    )
}


def unpack(data: str | None) -> Action | None:
    """The action behind callback data, or None for anything stale, malformed or forged."""
    if not data or len(data.encode()) > MAX_BYTES or not data.isascii():
        return None
    code, *parts = data.split(SEP)
    cls = ACTIONS.get(code)
    return cls.from_parts(parts) if cls is not None else None


def knowledge_tag(kb: KnowledgeBase) -> str:
    """A short version tag of the active entries', the organisations' and the events' order: buttons from
    another version are stale."""
    ids = [*(e.id for e in kb.active), "#", *(o.id for o in kb.organisations), *(f"event:{e.id}" for e in kb.events)]
    return hashlib.blake2s("|".join(ids).encode(), digest_size=3).hexdigest()
