"""Short, opaque callback data: an action and small numbers, checked again on the server.

Entries and topics are referred to by their position in the current knowledge base and
a generation tag, so a button from before a reload is recognised as stale, not misread.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from bot.knowledge.model import KnowledgeBase

SEP = ":"


def generation(kb: KnowledgeBase) -> str:
    digest = hashlib.blake2s("|".join(e.id for e in kb.active).encode(), digest_size=3).hexdigest()
    return digest


@dataclass(frozen=True)
class Callback:
    action: str
    args: tuple[str, ...]


def encode(action: str, *args: object) -> str:
    return SEP.join([action, *(str(a) for a in args)])


def decode(data: str | None) -> Callback | None:
    if not data or len(data) > 64 or not data.isascii():
        return None
    action, *args = data.split(SEP)
    if not action.isalnum():
        return None
    return Callback(action, tuple(args))


def small_int(value: str, upper: int) -> int | None:
    """A non-negative int below `upper`, or None for anything forged."""
    if not value.isdigit() or len(value) > 6:
        return None
    number = int(value)
    return number if number < upper else None
