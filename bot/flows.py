"""Every flow registered in one place: the table the conversation core and the desk dispatch from."""

from __future__ import annotations

from bot.conversation import (
    admin,
    answers,
    district,
    emergency,
    events,
    handoff,
    menu,
    mydata,
    organisations,
    question,
    speakers,
    start,
    uploads,
)
from bot.conversation.registry import Registry
from bot.handoff.desk import DESK

# Emergencies see every text first (their flow's `before_state`), whatever the user is in the middle of;
# "what's on?" (events) comes before a text is matched as a question.
REGISTRY = Registry.of(
    emergency.FLOW, start.FLOW, menu.FLOW, district.FLOW, answers.FLOW, handoff.FLOW, events.FLOW, question.FLOW,
    uploads.FLOW, mydata.FLOW, admin.FLOW, organisations.FLOW, speakers.FLOW, desk=DESK,
)
USER_COMMANDS = REGISTRY.menu()
DESK_COMMANDS = REGISTRY.desk_menu()
