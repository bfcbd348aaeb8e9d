"""Where flows declare what they handle: commands, button actions, and text in a waiting state.

Each flow module exposes one `Flow`. `Registry.of(...)` merges them once at start-up and refuses
a command or action declared twice, so dispatch is a table look-up and the command menu shown
in Telegram is derived from the same table.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.storage.outbox import Media

from .context import Services, Turn
from .protocol import Action, Awaiting
from .replies import Reply


@dataclass(frozen=True)
class Upload:
    """A newcomer's photo or document: Telegram's file id (never the file), its caption, its message."""

    media: Media
    caption: str
    message_id: int
    album: str | None = None  # several photos sent at once share one
    mime_type: str | None = None  # of a document


CommandHandler = Callable[[Turn, str], Awaitable[list[Reply]]]
ButtonHandler = Callable[[Turn, Any], Awaitable[list[Reply]]]  # Any: the handler's own Action type
TextHandler = Callable[[Turn, str], Awaitable[list[Reply] | None]]  # None: not for me, go on
UploadHandler = Callable[[Turn, Upload], Awaitable[list[Reply]]]


class Audience(StrEnum):
    USER = "user"  # every newcomer; listed in the command menu
    ADMIN = "admin"  # ADMIN_IDS only
    DESK = "desk"  # the caseworkers' group (and admins in a private chat)


@dataclass(frozen=True)
class Actor:
    """Who acts at the caseworkers' desk."""

    user_id: int
    name: str  # first name, shown only inside the caseworkers' group
    in_group: bool  # the update came from a configured desk group (caseworkers, or the speaker broker)
    is_admin: bool
    desks: frozenset[str] = frozenset({"question"})  # the ticket kinds this group works on

    @property
    def allowed(self) -> bool:
        return self.in_group or self.is_admin

    def reaches(self, kind: str) -> bool:
        """A group acts only on its own kind of ticket; an admin in a private chat on any."""
        return kind in self.desks if self.in_group else self.is_admin


@dataclass(frozen=True)
class Pressed:
    """The group message whose button a caseworker pressed."""

    chat_id: int
    message_id: int


@dataclass(frozen=True)
class Posted:
    """A caseworker's message in the group, new or edited: where it is, its text or caption, its file."""

    chat_id: int
    message_id: int
    reply_to: int | None
    thread_id: int | None
    text: str
    media: Media | None = None
    edited_at: int | None = None  # when Telegram says it was edited: a correction of what was relayed
    relayable: bool = True  # False for stickers, voice, video...: only text, photos and documents are relayed


DeskCommand = Callable[[Services, Actor, str], Awaitable[list[Reply]]]
DeskButton = Callable[[Services, Actor, Pressed, Any], Awaitable[list[Reply]]]


@dataclass(frozen=True)
class DeskFlow:
    """The caseworkers' group: its commands and the buttons under ticket posts."""

    commands: Mapping[str, DeskCommand] = field(default_factory=dict)
    buttons: Mapping[type[Action], DeskButton] = field(default_factory=dict)


@dataclass(frozen=True)
class Command:
    name: str
    handler: CommandHandler
    audience: Audience = Audience.USER


@dataclass(frozen=True)
class Flow:
    commands: tuple[Command, ...] = ()
    buttons: Mapping[type[Action], ButtonHandler] = field(default_factory=dict)
    # text while waiting for a state; the key None: any text, after the state's handler passed
    on_text: Mapping[Awaiting | None, TextHandler] = field(default_factory=dict)
    before_state: TextHandler | None = None  # sees every text first, in any state (emergencies)
    on_upload: UploadHandler | None = None  # photos and documents, in any state (one flow only)


@dataclass(frozen=True)
class Registry:
    commands: Mapping[str, Command]
    buttons: Mapping[type[Action], ButtonHandler]
    on_text: Mapping[Awaiting, TextHandler]
    any_text: tuple[TextHandler, ...]  # in flow order; the first that answers wins
    before_state: tuple[TextHandler, ...]
    desk: DeskFlow = field(default_factory=DeskFlow)
    upload: UploadHandler | None = None

    @classmethod
    def of(cls, *flows: Flow, desk: DeskFlow | None = None) -> Registry:
        commands: dict[str, Command] = {}
        buttons: dict[type[Action], ButtonHandler] = {}
        on_text: dict[Awaiting, TextHandler] = {}
        any_text: list[TextHandler] = []
        before_state = [flow.before_state for flow in flows if flow.before_state is not None]
        uploads = [flow.on_upload for flow in flows if flow.on_upload is not None]
        if len(uploads) > 1:
            raise ValueError(f"declared twice: on_upload ({len(uploads)} flows)")
        for flow in flows:
            for command in flow.commands:
                _put(commands, command.name, command)
            for action, handler in flow.buttons.items():
                _put(buttons, action, handler)
            for state, text_handler in flow.on_text.items():
                if state is None:
                    any_text.append(text_handler)
                else:
                    _put(on_text, state, text_handler)
        desk = desk or DeskFlow()
        for name in desk.commands:
            _put(dict(commands), name, None)  # a desk command may not shadow a newcomer's command
        for action in desk.buttons:
            _put(dict(buttons), action, None)
        return cls(commands, buttons, on_text, tuple(any_text), tuple(before_state), desk, next(iter(uploads), None))

    def text_handlers(self, state: Awaiting | None) -> tuple[TextHandler, ...]:
        """Who may answer a text in this state, in order."""
        own = self.on_text.get(state) if state is not None else None
        return (*self.before_state, *((own,) if own is not None else ()), *self.any_text)

    def menu(self) -> tuple[str, ...]:
        """The newcomers' commands, in declaration order: Telegram's command menu and /help."""
        return tuple(name for name, c in self.commands.items() if c.audience is Audience.USER)

    def desk_menu(self) -> tuple[str, ...]:
        """The caseworkers' commands, in declaration order: the command menu of their group."""
        return tuple(self.desk.commands)


def _put(table: dict[Any, Any], key: object, value: object) -> None:
    if key in table:
        raise ValueError(f"declared twice: {key!r}")
    table[key] = value
