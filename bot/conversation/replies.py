"""What the conversation core answers with: channel-neutral replies a renderer turns into messages."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_TEXT = 4096
MAX_CALLBACK_BYTES = 64


@dataclass(frozen=True)
class Button:
    label: str
    data: str  # opaque callback data, at most 64 bytes

    def __post_init__(self) -> None:
        if len(self.data.encode()) > MAX_CALLBACK_BYTES:
            raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {self.data!r}")


@dataclass(frozen=True)
class Venue:
    latitude: float
    longitude: float
    title: str
    address: str


@dataclass(frozen=True)
class Reply:
    """One message. `text` is HTML-safe (everything from users and files is escaped)."""

    text: str = ""
    buttons: tuple[tuple[Button, ...], ...] = ()
    venue: Venue | None = None
    edit: bool = False  # replace the message whose button was pressed, where the channel can
    to_chat: int | None = None  # another chat than the sender's (caseworker group)
    meta: dict[str, str] = field(default_factory=dict, compare=False)


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split long HTML text at blank lines, then lines, never inside a line if avoidable."""
    if len(text) <= limit:
        return [text]
    chunks: list[str] = []
    current = ""
    for paragraph in text.split("\n"):
        candidate = f"{current}\n{paragraph}" if current else paragraph
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
        while len(paragraph) > limit:
            cut = paragraph.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            chunks.append(paragraph[:cut])
            paragraph = paragraph[cut:].lstrip()
        current = paragraph
    if current:
        chunks.append(current)
    return chunks
