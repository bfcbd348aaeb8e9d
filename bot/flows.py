"""Every flow registered in one place: the table the conversation core and the desk dispatch from."""

from __future__ import annotations

from bot.conversation import admin, answers, district, handoff, menu, mydata, question, start
from bot.conversation.registry import Registry
from bot.handoff.desk import DESK

# Order matters only for text that no waiting state claims: an open ticket before a new question.
REGISTRY = Registry.of(
    start.FLOW, menu.FLOW, district.FLOW, answers.FLOW, handoff.FLOW, question.FLOW, mydata.FLOW, admin.FLOW,
    desk=DESK,
)
USER_COMMANDS = REGISTRY.menu()
