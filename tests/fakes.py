"""A recording fake of the Bot API for python-telegram-bot 22, plus builders for incoming updates.

`RecordingRequest` replaces the HTTP layer: every Bot API call is recorded as a `Call`
(method name and decoded parameters) and answered with a plausible `{"ok": true, ...}`.
Failures can be scripted per method: `fail("sendMessage", (429, {...}), NetworkError("boom"))`
makes the next two sendMessage attempts fail that way, the third succeeds again.
Nothing here touches the network.
"""

from __future__ import annotations

import itertools
import json
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Bot, Update
from telegram.request import BaseRequest, RequestData

BOT_ID = 4242
BOT_USERNAME = "wegweiser_test_bot"

Scripted = tuple[int, dict[str, Any]] | BaseException


@dataclass
class Call:
    """One Bot API request: the method (e.g. 'sendMessage') and its decoded parameters."""

    method: str
    params: dict[str, Any] = field(default_factory=dict)
    ok: bool = True

    @property
    def text(self) -> str | None:
        value = self.params.get("text")
        return value if isinstance(value, str) else None

    @property
    def caption(self) -> str | None:
        value = self.params.get("caption")
        return value if isinstance(value, str) else None

    @property
    def markup(self) -> dict[str, Any] | None:
        value = self.params.get("reply_markup")
        if isinstance(value, str):
            value = json.loads(value)
        return value if isinstance(value, dict) else None

    def buttons(self) -> list[dict[str, Any]]:
        """All inline buttons of the call's keyboard, row by row flattened."""
        markup = self.markup or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]

    def callback_data(self) -> list[str]:
        return [b["callback_data"] for b in self.buttons() if "callback_data" in b]


def too_many_requests(retry_after: int = 1) -> tuple[int, dict[str, Any]]:
    return (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": f"Too Many Requests: retry after {retry_after}",
            "parameters": {"retry_after": retry_after},
        },
    )


def blocked_by_user() -> tuple[int, dict[str, Any]]:
    return 403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}


def bad_request(description: str) -> tuple[int, dict[str, Any]]:
    return 400, {"ok": False, "error_code": 400, "description": f"Bad Request: {description}"}


class RecordingRequest(BaseRequest):
    """A `BaseRequest` that never opens a connection; it records and answers every call."""

    def __init__(self) -> None:
        self.calls: list[Call] = []  # every attempt, failed ones included (ok=False)
        self._scripts: dict[str, deque[Scripted]] = defaultdict(deque)
        self._chat_scripts: dict[str, deque[Scripted]] = defaultdict(deque)  # any send to one chat
        self._message_ids = itertools.count(1000)
        # run once just before a send to that chat is answered: something happening while a request is under way
        self._before_send: dict[str, Callable[[], Awaitable[None]]] = {}

    # -- BaseRequest interface -------------------------------------------------------
    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = None,
        write_timeout: object = None,
        connect_timeout: object = None,
        pool_timeout: object = None,
    ) -> tuple[int, bytes]:
        del method, read_timeout, write_timeout, connect_timeout, pool_timeout
        name = url.rstrip("/").rsplit("/", 1)[-1]
        params = _decode(request_data)
        action = self._before_send.pop(str(params.get("chat_id")), None) if name.startswith("send") else None
        if action is not None:
            await action()
        script = self._scripts.get(name)
        to_chat = self._chat_scripts.get(str(params.get("chat_id")))
        if to_chat and name.startswith("send"):
            script = to_chat
        if script:
            scripted = script.popleft()
            self.calls.append(Call(name, params, ok=False))
            if isinstance(scripted, BaseException):
                raise scripted
            status, body = scripted
            return status, json.dumps(body).encode()
        self.calls.append(Call(name, params))
        return 200, json.dumps({"ok": True, "result": self._result(name, params)}).encode()

    # -- scripting and inspection ----------------------------------------------------
    def fail(self, method: str, *responses: Scripted) -> None:
        """The next attempts of `method` get these responses (or raise these exceptions), in order."""
        self._scripts[method].extend(responses)

    def before_send(self, chat_id: int, action: Callable[[], Awaitable[None]]) -> None:
        """Run `action` once, while the next send to `chat_id` is under way (before Telegram's answer)."""
        self._before_send[str(chat_id)] = action

    def fail_chat(self, chat_id: int, *responses: Scripted) -> None:
        """The next messages sent to `chat_id` (any send method) get these responses, in order."""
        self._chat_scripts[str(chat_id)].extend(responses)

    def pending(self, method: str) -> int:
        return len(self._scripts.get(method, ()))

    def clear(self) -> None:
        self.calls.clear()

    def sent(self, *methods: str) -> list[Call]:
        """Successful calls, optionally only of the given methods."""
        return [c for c in self.calls if c.ok and (not methods or c.method in methods)]

    def attempts(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def messages(self) -> list[Call]:
        """Successful calls that put text on the user's screen (new or edited messages)."""
        return self.sent("sendMessage", "editMessageText")

    def texts(self) -> list[str]:
        return [c.text for c in self.messages() if c.text is not None]

    def last_message(self) -> Call:
        messages = self.messages()
        assert messages, "no message was sent"
        return messages[-1]

    # -- answers ---------------------------------------------------------------------
    def _result(self, name: str, params: dict[str, Any]) -> Any:
        if name == "getMe":
            return {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "Wegweiser",
                "username": BOT_USERNAME,
                "can_join_groups": False,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        if name in ("sendMessage", "editMessageText", "sendVenue", "sendPhoto", "sendDocument"):
            chat_id = params.get("chat_id", 0)
            message_id = params.get("message_id") or next(self._message_ids)
            message: dict[str, Any] = {
                "message_id": int(message_id),
                "date": int(time.time()),
                "chat": {"id": int(chat_id) if str(chat_id).lstrip("-").isdigit() else 0, "type": "private"},
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "Wegweiser", "username": BOT_USERNAME},
            }
            if name == "sendPhoto":
                file = {"file_id": str(params.get("photo")), "file_unique_id": "u1", "width": 800, "height": 600}
                message.update(photo=[file], caption=params.get("caption"))
            elif name == "sendDocument":
                message.update(document={"file_id": str(params.get("document")), "file_unique_id": "u2"},
                               caption=params.get("caption"))
            elif name == "sendVenue":
                message["venue"] = {
                    "location": {"latitude": params.get("latitude", 0.0), "longitude": params.get("longitude", 0.0)},
                    "title": params.get("title", ""),
                    "address": params.get("address", ""),
                }
            else:
                message["text"] = params.get("text", "")
                if params.get("reply_markup") is not None:
                    message["reply_markup"] = params["reply_markup"]
            if name == "editMessageText":
                message["edit_date"] = int(time.time())
            return message
        if name == "getUpdates":
            return []
        return True  # answerCallbackQuery, setMyCommands, deleteWebhook, ...


def _decode(request_data: RequestData | None) -> dict[str, Any]:
    if request_data is None:
        return {}
    params: dict[str, Any] = {}
    for key, raw in request_data.json_parameters.items():
        try:
            params[key] = json.loads(raw)
        except (TypeError, ValueError):
            params[key] = raw
    # json_parameters keeps plain strings unquoted; prefer the native values for those
    for key, value in request_data.parameters.items():
        if isinstance(value, str):
            params[key] = value
    return params


# -------------------------------------------------------------------------- updates
_update_ids = itertools.count(1)
_message_ids = itertools.count(1)


@dataclass(frozen=True)
class Person:
    id: int = 1001
    language_code: str | None = "de"
    first_name: str = "Amina"

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.language_code is not None:
            data["language_code"] = self.language_code
        return data


def _chat(person: Person) -> dict[str, Any]:
    return {"id": person.id, "type": "private", "first_name": person.first_name}


def _message(person: Person, **content: Any) -> dict[str, Any]:
    return {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": _chat(person),
        "from": person.as_dict(),
        **content,
    }


def _update(bot: Bot, **payload: Any) -> Update:
    update = Update.de_json({"update_id": next(_update_ids), **payload}, bot)
    assert update is not None
    return update


def text_update(bot: Bot, text: str, person: Person | None = None) -> Update:
    """A private text message from `person`."""
    return _update(bot, message=_message(person or Person(), text=text))


def command_update(bot: Bot, command: str, args: str = "", person: Person | None = None) -> Update:
    """'/command args' with a bot_command entity, as Telegram sends it."""
    name = command if command.startswith("/") else f"/{command}"
    text = f"{name} {args}".strip()
    entities = [{"type": "bot_command", "offset": 0, "length": len(name)}]
    return _update(bot, message=_message(person or Person(), text=text, entities=entities))


def callback_update(
    bot: Bot,
    data: str,
    person: Person | None = None,
    message_id: int = 77,
    message_text: str = "…",
) -> Update:
    """A button press on a bot message (message_id) in the user's private chat."""
    who = person or Person()
    attached = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": _chat(who),
        "from": {"id": BOT_ID, "is_bot": True, "first_name": "Wegweiser", "username": BOT_USERNAME},
        "text": message_text,
    }
    query = {
        "id": str(next(_update_ids) * 7919),
        "from": who.as_dict(),
        "chat_instance": f"ci-{who.id}",
        "data": data,
        "message": attached,
    }
    return _update(bot, callback_query=query)


_FILE = {"file_id": "AgADBAAD", "file_unique_id": "AQADBAAD"}
NON_TEXT: dict[str, dict[str, Any]] = {
    "sticker": {
        "sticker": {**_FILE, "width": 512, "height": 512, "is_animated": False, "is_video": False, "type": "regular"}
    },
    "voice": {"voice": {**_FILE, "duration": 4, "mime_type": "audio/ogg"}},
    "photo": {"photo": [{**_FILE, "width": 90, "height": 60}, {**_FILE, "width": 800, "height": 600}]},
    "location": {"location": {"latitude": 52.5163, "longitude": 13.3777}},
    "contact": {"contact": {"phone_number": "+4930123456", "first_name": "Max"}},
    "document": {"document": {**_FILE, "file_name": "bescheid.pdf", "mime_type": "application/pdf"}},
}


def non_text_update(bot: Bot, kind: str, person: Person | None = None) -> Update:
    """A message without text: sticker, voice, photo, location, contact or document."""
    return _update(bot, message=_message(person or Person(), **NON_TEXT[kind]))
