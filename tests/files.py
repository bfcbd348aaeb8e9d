"""Photos, documents and edits as Telegram sends them, for the hand-off harness (tests/harness.py).

Private photos and PDFs from newcomers; photos, documents, stickers and edited answers from caseworkers in
the group. Each builder returns the calls the update caused, as `Harness.say` does. Nothing touches the network.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

from fakes import Call, Person
from harness import CASEWORKER, GROUP, Harness
from telegram import Update

_ids = itertools.count(900_000)
BOT = {"id": 4242, "is_bot": True, "first_name": "Wegweiser"}
PDF = "application/pdf"


def photo(file_id: str) -> dict[str, Any]:
    small = {"file_id": f"{file_id}-small", "file_unique_id": f"{file_id}-s", "width": 90, "height": 120}
    return {"photo": [small, {"file_id": file_id, "file_unique_id": f"{file_id}-u", "width": 1200, "height": 1600}]}


def document(file_id: str, mime: str = PDF, name: str = "bescheid.pdf") -> dict[str, Any]:
    return {"document": {"file_id": file_id, "file_unique_id": f"{file_id}-u", "file_name": name, "mime_type": mime}}


def sticker(file_id: str = "sticker-1") -> dict[str, Any]:
    return {"sticker": {"file_id": file_id, "file_unique_id": "st", "width": 512, "height": 512,
                        "is_animated": False, "is_video": False, "type": "regular"}}


async def send_file(h: Harness, person: Person, content: dict[str, Any], caption: str = "",
                    album: str | None = None, message_id: int | None = None, edited: bool = False) -> list[Call]:
    """A newcomer's photo or document in their private chat (`content` from `photo()` or `document()`)."""
    chat = {"id": person.id, "type": "private", "first_name": person.first_name}
    message: dict[str, Any] = {"message_id": message_id or next(_ids), "date": int(time.time()), "chat": chat,
                               "from": person.as_dict(), **content}
    if caption:
        message["caption"] = caption
    if album:
        message["media_group_id"] = album
    if edited:
        message["edit_date"] = int(time.time()) + 1
    update = Update.de_json({"update_id": next(_ids), "edited_message" if edited else "message": message}, h.app.bot)
    assert update is not None
    return await h._run(update, person.id)


async def group_post(h: Harness, reply_to: int | None, text: str = "", content: dict[str, Any] | None = None,
                     message_id: int | None = None, edit_date: int | None = None) -> tuple[int, list[Call]]:
    """A caseworker's message in the group (text, or a photo/document/sticker with `text` as its caption),
    replying to `reply_to`; with `edit_date` it arrives as an edited message. Returns its id and the calls."""
    chat = {"id": GROUP, "type": "supergroup", "title": "Beratung Mitte"}
    message: dict[str, Any] = {"message_id": message_id or next(_ids), "date": int(time.time()), "chat": chat,
                               "from": CASEWORKER, **(content or {})}
    if content is None:
        message["text"] = text
    elif text:
        message["caption"] = text
    if reply_to is not None:
        message["reply_to_message"] = {"message_id": reply_to, "date": int(time.time()), "chat": chat, "from": BOT,
                                       "text": "…"}
    kind = "message"
    if edit_date is not None:
        message["edit_date"], kind = edit_date, "edited_message"
    update = Update.de_json({"update_id": next(_ids), kind: message}, h.app.bot)
    assert update is not None
    return int(message["message_id"]), await h._run(update, GROUP)


def media_to(h: Harness, chat_id: int) -> list[Call]:
    """Photos and documents sent to one chat, in order."""
    return [c for c in h.req.sent("sendPhoto", "sendDocument") if str(c.params.get("chat_id")) == str(chat_id)]


def file_of(call: Call) -> str:
    return str(call.params.get("photo") or call.params.get("document"))
