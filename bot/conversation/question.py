"""Free text: match it, then answer with a card, ask which one was meant, or offer a person."""

from __future__ import annotations

from bot.matching import Decision
from bot.storage import questions

from . import answers
from .context import Turn
from .replies import Button, Reply

MAX_CLARIFY_ROUNDS = 2
_THANKS = ("thank", "danke", "شكر", "спасиб", "дяку", "tesekk", "teşekk", "merci", "mersi", "ممنون", "مرسی")


async def ask(turn: Turn, text: str) -> list[Reply]:
    decision = turn.services.matcher.match(text, turn.lang, turn.user.district)
    best = decision.best
    await questions.log(
        turn.services.db, turn.user.user_id, decision.lang, text, decision.action, decision.intent,
        best.id if best and decision.action == "answer" else None,
    )
    if decision.intent == "smalltalk":
        return smalltalk(turn, text)
    if decision.intent == "emergency" and best is not None:
        turn.update(pending_question=text, clarify_rounds=0, awaiting=None)
        others = tuple((turn.entry_button(c.entry),) for c in decision.candidates[1:])
        first = answers.card(turn, best)
        return [Reply(turn.t("question.emergency_first"), others), *first]
    if decision.action == "answer" and best is not None:
        turn.update(pending_question=text, clarify_rounds=0, awaiting=None)
        return answers.card(turn, best)
    rounds = turn.user.clarify_rounds + 1 if turn.user.awaiting == "clarify" else 1
    turn.update(pending_question=text, clarify_rounds=rounds, awaiting="clarify")
    if decision.action == "clarify" and rounds <= MAX_CLARIFY_ROUNDS:
        return clarify(turn, decision)
    turn.update(awaiting=None, clarify_rounds=0)
    return offer_person(turn)


def clarify(turn: Turn, decision: Decision) -> list[Reply]:
    rows: list[tuple[Button, ...]] = [(turn.entry_button(c.entry),) for c in decision.candidates[:3]]
    rows.append((turn.button("buttons.none_of_these", "N"),))
    return [Reply(turn.t("question.clarify"), tuple(rows))]


def smalltalk(turn: Turn, text: str) -> list[Reply]:
    from .start import menu_row

    lowered = text.casefold()
    key = "smalltalk.thanks" if any(w in lowered for w in _THANKS) else "smalltalk.hello"
    return [Reply(turn.t(key), menu_row(turn))]


def offer_person(turn: Turn) -> list[Reply]:
    rows = ((turn.button("buttons.ask_person", "P"), turn.button("buttons.menu", "M")),)
    return [Reply(turn.t("question.offer_person"), rows)]


async def none_of_these(turn: Turn) -> list[Reply]:
    await questions.mark_outcome(turn.services.db, turn.user.user_id, "none-of-these")
    rounds = turn.user.clarify_rounds
    if rounds >= MAX_CLARIFY_ROUNDS:
        turn.update(awaiting=None, clarify_rounds=0)
        return offer_person(turn)
    turn.update(awaiting="clarify")
    return [Reply(turn.t("question.rephrase"), edit=True)]


async def ask_person(turn: Turn) -> list[Reply]:
    """Until caseworker hand-off is configured: the district's integration office."""
    await questions.mark_outcome(turn.services.db, turn.user.user_id, "person")
    offices = [e for e in turn.kb.in_topic("integration-office") if e.scope == "residents"]
    own = [e for e in offices if turn.user.district in e.service_area]
    replies = [Reply(turn.t("question.fallback_contact"))]
    if own:
        replies.extend(answers.card(turn, own[0]))
    else:
        replies.append(Reply(turn.t("card.responsible_depends"), tuple((turn.entry_button(e),) for e in offices)))
    return replies
