"""Emergencies come first, in every state: help at once, and the caseworkers are told if a ticket is open; when the
message also tells a stake only a caseworker can sort out (a residence tied to the violent partner), one is offered.

This flow sees every text before the district question, a draft for a caseworker, a "which one?"
question or an open ticket get it: someone in danger must never be asked to finish a form first.
"""

from __future__ import annotations

from bot.storage import questions

from . import answers, handoff
from .common import offer_person
from .context import Turn
from .protocol import Awaiting
from .registry import Flow
from .replies import Reply


async def on_text(turn: Turn, text: str) -> list[Reply] | None:
    matcher = turn.services.matcher
    kind = matcher.listed_emergency(text, turn.lang)  # also in the Cyrillic or Arabic-script reading
    if kind is None:  # told without a listed word: the sentence model may still recognise it
        vector = await turn.services.semantic.vector(matcher, text, turn.lang)
        kind = matcher.semantic_emergency(text, vector) if vector is not None else None
    if kind is None:
        return None
    _, prefer = kind
    helpers = [e for e in (turn.kb.get(entry_id) for entry_id in prefer) if e is not None]
    lang = matcher.detect_language(text, turn.lang)
    await questions.log(turn.services.db, turn.user.user_id, lang, text, "answer", "emergency",
                        helpers[0].id if helpers else None)
    replies: list[Reply] = []
    if helpers:
        others = tuple((turn.entry_button(e),) for e in helpers[1:])
        replies = [Reply(turn.t("question.emergency_first"), others), *answers.card(turn, helpers[0])]
    else:
        replies = [Reply(turn.t("question.emergency_first"))]
    if turn.awaiting is Awaiting.HANDOFF:  # writing to a caseworker: the words belong in the question too
        replies.extend(await handoff.add_details(turn, text) or [])
        return replies
    turn.user.pending_question = text
    turn.question_settled()  # the district question stays open for later
    ticket = await handoff.current_ticket(turn)
    if ticket is not None:
        replies.extend(await handoff.follow_up(turn, ticket, text, urgent=True))
    elif matcher.also_a_case(text, turn.lang):  # "he hits me and my permit depends on him": help first, then a person
        replies.extend(offer_person(turn, "question.personal_case"))
    return replies


FLOW = Flow(before_state=on_text)
