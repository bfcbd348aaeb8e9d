"""A small fake Telegram Bot API on 127.0.0.1 for bench/chaos.py and bench/scale_bench.py (standard library
only, loopback only).

getUpdates behaves like Telegram's: an update stays until a later call's offset confirms it, so a bot that
dies before confirming gets it again. sendMessage, editMessageText, sendVenue answer with a message and are
logged (sendMessage in `sent`; all three per chat, for `wait_for`); setWebhook is counted; getMe, getChat and
the rest answer plausibly.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

BOT = {"id": 4242, "is_bot": True, "first_name": "Wegweiser", "username": "wegweiser_chaos_bot",
       "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}
LONG_POLL_CAP = 1.0  # seconds a getUpdates may wait for news (the bot asks for more)


@dataclass
class Sent:
    chat_id: int
    text: str
    message_id: int
    reply_to: int | None
    at: float = field(default_factory=time.monotonic)
    method: str = "sendMessage"


class FakeBotApi:
    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._waiting: list[dict[str, Any]] = []
        self._message_ids = itertools.count(500_000)
        self.confirmed_below = 0  # every update_id below this was confirmed by an offset
        self.sent: list[Sent] = []
        self.polls = 0
        self.webhooks_set = 0
        self._chat_lock = threading.Lock()
        self._by_chat: dict[int, list[Sent]] = {}
        self._chat_waits: dict[int, threading.Condition] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/bot"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def push(self, update: dict[str, Any]) -> None:
        with self._lock:
            self._waiting.append(update)
            self._lock.notify_all()

    def sent_copy(self) -> list[Sent]:
        with self._lock:
            return list(self.sent)

    def wait_for(self, chat_id: int, since: float, match: Callable[[Sent], bool], timeout: float) -> Sent | None:
        """The first message call to chat_id at or after `since` (monotonic) that `match`es, waiting up to
        `timeout` seconds for it; None if none came."""
        deadline, seen = time.monotonic() + timeout, 0
        with self._chat_lock:
            wait = self._chat_waits.setdefault(chat_id, threading.Condition(self._chat_lock))
            while True:
                calls = self._by_chat.get(chat_id, [])
                for call in calls[seen:]:
                    if call.at >= since and match(call):
                        return call
                seen = len(calls)
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                wait.wait(left)

    def calls_to(self, chat_id: int) -> list[Sent]:
        with self._chat_lock:
            return list(self._by_chat.get(chat_id, []))

    # -- the API ----------------------------------------------------------------------------------
    def call(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getUpdates":
            return self._get_updates(params)
        if method == "getMe":
            return BOT
        if method == "getChat":
            return {"id": params.get("chat_id"), "type": "supergroup", "title": "Beratung", "is_forum": False,
                    "accent_color_id": 0, "max_reaction_count": 11,
                    "accepted_gift_types": {"unlimited_gifts": False, "limited_gifts": False,
                                            "unique_gifts": False, "premium_subscription": False,
                                            "gifts_from_channels": False}}
        if method in ("sendMessage", "editMessageText", "sendVenue"):
            return self._message(method, params)
        if method == "setWebhook":
            with self._lock:
                self.webhooks_set += 1
        return True

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), LONG_POLL_CAP)
        with self._lock:
            self.polls += 1
            if offset:
                self.confirmed_below = max(self.confirmed_below, offset)
                self._waiting = [u for u in self._waiting if u["update_id"] >= offset]
            while not self._waiting and time.monotonic() < deadline:
                self._lock.wait(max(0.0, deadline - time.monotonic()))
            return list(self._waiting[:100])

    def _message(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params.get("chat_id") or 0)
        text = str(params.get("text") or params.get("title") or "")
        reply = params.get("reply_parameters")
        reply_to = reply.get("message_id") if isinstance(reply, dict) else params.get("reply_to_message_id")
        with self._lock:
            message_id = int(params.get("message_id") or next(self._message_ids))
            call = Sent(chat_id, text, message_id, int(reply_to) if reply_to else None, method=method)
            if method == "sendMessage":
                self.sent.append(call)
        with self._chat_lock:
            self._by_chat.setdefault(chat_id, []).append(call)
            if chat_id in self._chat_waits:
                self._chat_waits[chat_id].notify_all()
        chat_type = "private" if chat_id > 0 else "supergroup"
        message: dict[str, Any] = {"message_id": message_id, "date": int(time.time()),
                                   "chat": {"id": chat_id, "type": chat_type}, "from": BOT, "text": text}
        if method == "sendVenue":
            message.pop("text")
            message["venue"] = {"location": {"latitude": 52.5, "longitude": 13.4}, "title": text, "address": text}
        return message

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                method = self.path.rstrip("/").rsplit("/", 1)[-1]
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    result = api.call(method, _params(self.headers.get("Content-Type", ""), body))
                    payload = json.dumps({"ok": True, "result": result}).encode()
                    self.send_response(200)
                except Exception as exc:  # a bug in the fake shows up as a 500, not a hang
                    payload = json.dumps({"ok": False, "error_code": 500, "description": repr(exc)}).encode()
                    self.send_response(500)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the bot was killed meanwhile
                    self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

        return Handler


def _params(content_type: str, body: bytes) -> dict[str, Any]:
    """PTB posts form-encoded fields whose values are JSON for anything but plain strings."""
    if content_type.startswith("application/json"):
        loaded = json.loads(body or b"{}")
        return loaded if isinstance(loaded, dict) else {}
    params: dict[str, Any] = {}
    for key, values in parse_qs(body.decode(), keep_blank_values=True).items():
        try:
            params[key] = json.loads(values[-1])
        except ValueError:
            params[key] = values[-1]
    return params
