"""`wegweiser chat`: the same conversation in a terminal, so anyone can try it without a token."""

from __future__ import annotations

import asyncio
import html
import re
import sys

from bot.conversation.context import Sender
from bot.conversation.core import Command, Conversation, Incoming, Press, Text
from bot.conversation.replies import Button, Reply
from bot.flows import REGISTRY
from bot.runtime import build_services
from bot.settings import Settings

_TAG = re.compile(r"<[^>]+>")
CONSOLE_USER = 1


def to_plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


def render(replies: list[Reply]) -> list[Button]:
    """Print the replies; return their buttons, numbered in the order shown."""
    buttons: list[Button] = []
    for reply in replies:
        if reply.text:
            print(to_plain(reply.text))
        if reply.venue:
            print(f"[map] {reply.venue.title}: {reply.venue.latitude}, {reply.venue.longitude}")
        for row in reply.buttons:
            labels = []
            for button in row:
                buttons.append(button)
                labels.append(f"[{len(buttons)}] {button.label}")
            print("   ".join(labels))
        print()
    return buttons


def parse(line: str, buttons: list[Button]) -> Incoming | None:
    line = line.strip()
    if line.isdigit() and 1 <= int(line) <= len(buttons):
        return Press(buttons[int(line) - 1].data)
    if line.startswith("/") and len(line) > 1:
        name, _, args = line[1:].partition(" ")
        return Command(name, args)
    return Text(line) if line else None


async def chat(settings: Settings, lang: str | None = None) -> int:
    services = await build_services(settings)
    conversation = Conversation(services, REGISTRY)
    sender = Sender(CONSOLE_USER, lang, is_admin=True)
    print("Wegweiser console chat. Type a question, a /command, or the number of a button. Ctrl-D quits.\n")
    buttons = render(await conversation.handle(sender, Command("start")))
    loop = asyncio.get_running_loop()
    try:
        while True:
            print("> ", end="", flush=True)
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if not line:
                break
            incoming = parse(line, buttons)
            if incoming is not None:
                buttons = render(await conversation.handle(sender, incoming))
    finally:
        await services.semantic.stop()
        await services.db.close()
    return 0
