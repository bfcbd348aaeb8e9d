"""Free text: match it, then answer with a card, ask which one was meant, or offer a person."""

from __future__ import annotations

from bot.matching import Decision
from bot.matching.cyrillic import readings
from bot.matching.index import content_tokens
from bot.matching.tuning import CANDIDATES_SHOWN
from bot.storage import questions

from . import answers, handoff, organisations, speakers
from .common import menu_row, offer_person
from .context import Turn
from .protocol import AskPerson, Awaiting, NoneOfThese
from .registry import Flow
from .replies import Button, Reply

# a message asking for an association may go to the directory unless it is an emergency, a legal case or chat
_DIRECTORY_INTENTS = frozenset({"service", "offtopic", "unknown"})
MAX_CLARIFY_ROUNDS = 2  # after two "which one?" rounds a person helps more than a third guess
# Beside a request for a person, this many content words that find a service tell a question ("ich verstehe die
# Briefe vom Jobcenter nicht": 3); fewer are the request said at length ("میخوام ... حرف بزنم", "I want to talk": 2)
QUESTION_WORDS_BESIDE_PERSON = 3
_THANKS = ("thank", "danke", "شكر", "спасиб", "дяку", "tesekk", "teşekk", "merci", "mersi", "ممنون", "مرسی")


async def ask(turn: Turn, text: str) -> list[Reply]:
    matcher = turn.services.matcher
    if matcher.intents.is_gibberish(text):  # keyboard mash, markup, emoji: no guess, no hand-off offer
        return [Reply(turn.t("errors.not_understood"), menu_row(turn))]
    if matcher.intents.wants_person(text):  # the question before "I want a human" is the one to send
        return await _ask_person(turn, text)
    vector = await turn.services.semantic.vector(matcher, text, turn.lang)  # None: the lexical matcher decides alone
    decision = matcher.match(text, turn.lang, turn.user.district, vector)
    if decision.intent == "person":  # asked in a form only the matcher reads ("zhyva liudyna": Cyrillic in Latin)
        return await _ask_person(turn, text)
    best = decision.best
    await questions.log(
        turn.services.db, turn.user.user_id, decision.lang, text, decision.action, decision.intent,
        best.id if best and decision.action == "answer" else None,
    )
    if decision.intent == "smalltalk":
        return smalltalk(turn, text)
    if decision.intent in _DIRECTORY_INTENTS and matcher.intents.asks_for_speaker(text):
        replies = speakers.offer(turn, text, decision)
    elif decision.intent in _DIRECTORY_INTENTS and matcher.intents.asks_for_organisation(text):
        replies = await _organisations(turn, text, decision)
    else:
        replies = await _answer(turn, text, decision)
    if decision.intent != "complex" and _urgent_legal(turn, text, decision.lang):
        replies = urgent_legal_help(turn) + replies  # a deadline or detention: legal help today, first
    return replies + await handoff.add_offer(turn)


async def _ask_person(turn: Turn, text: str) -> list[Reply]:
    """A caseworker for the question asked before; with none, the request itself when it also tells a question
    ("kann mir jemand persönlich helfen, ich verstehe die Briefe vom Jobcenter nicht": what is left beside the request
    finds a service): the draft is shown before it is sent, so nothing goes out unseen."""
    if not turn.user.pending_question and _tells_a_question(turn, text):
        turn.user.pending_question = text
    return await handoff.ask_person(turn, AskPerson())


def _tells_a_question(turn: Turn, text: str) -> bool:
    matcher = turn.services.matcher
    rest = matcher.intents.without_person_request(text)
    if len(content_tokens(rest)) < QUESTION_WORDS_BESIDE_PERSON:
        return False
    found = matcher.rank(rest, turn.lang)
    return bool(found) and found[0].score >= matcher.thresholds.clarify


def _urgent_legal(turn: Turn, text: str, lang: str) -> bool:
    """Deportation, detention or a deadline, also in Russian or Ukrainian typed in Latin letters."""
    return any(turn.services.matcher.intents.urgent_legal(form) for form in readings(text, lang))


async def _answer(turn: Turn, text: str, decision: Decision) -> list[Reply]:
    user, best = turn.user, decision.best
    if decision.intent == "emergency" and best is not None:  # normally caught earlier by the emergency flow
        user.pending_question = text
        turn.question_settled()
        others = tuple((turn.entry_button(c.entry),) for c in decision.candidates[1:])
        return [Reply(turn.t("question.emergency_first"), others), *answers.card(turn, best)]
    if decision.action == "answer" and best is not None:
        user.pending_question = text
        turn.question_settled()
        return answers.card(turn, best)
    if decision.intent == "offtopic":  # a gym, a recipe: say what the bot is for; a person stays a tap away
        user.pending_question = text
        turn.question_settled()
        return offer_person(turn, "question.offtopic")
    if decision.intent == "complex":  # a personal case; legal help first only when it is urgent (deportation)
        user.pending_question = text
        turn.question_settled()
        urgent = urgent_legal_help(turn) if _urgent_legal(turn, text, decision.lang) else []
        return urgent + offer_person(turn, "question.personal_case")
    rounds = user.clarify_rounds + 1 if turn.awaiting is Awaiting.CLARIFY else 1
    user.pending_question, user.clarify_rounds = text, rounds
    if decision.action == "clarify" and rounds <= MAX_CLARIFY_ROUNDS:
        turn.awaiting = Awaiting.CLARIFY
        return clarify(turn, decision)
    turn.question_settled()
    return offer_person(turn)


async def _organisations(turn: Turn, text: str, decision: Decision) -> list[Reply]:
    """A message asking for an association: an official matter still gets its office first (organisations
    only as an extra button); otherwise the organisations that fit, or the usual answer when none does."""
    office = organisations.official_matter(turn, text, decision)
    if office is not None:
        return await _answer(turn, text, office) + organisations.also_button(turn)
    found = organisations.for_question(turn, text)
    if found is not None:
        return found
    return [*organisations.none_for_question(turn), *await _answer(turn, text, decision)]


def urgent_legal_help(turn: Turn) -> list[Reply]:
    """Deadlines, courts, deportation, detention: free legal counselling today, not in three days."""
    helpers = [e for e in (turn.kb.get(i) for i in turn.kb.intents.urgent_legal_help) if e is not None]
    if not helpers:
        return []
    return [Reply(turn.t("question.urgent_legal"), tuple((turn.entry_button(e),) for e in helpers))]


def clarify(turn: Turn, decision: Decision) -> list[Reply]:
    rows: list[tuple[Button, ...]] = [(turn.entry_button(c.entry),) for c in decision.candidates[:CANDIDATES_SHOWN]]
    rows.append((turn.button("buttons.none_of_these", NoneOfThese()),))
    return [Reply(turn.t("question.clarify"), tuple(rows))]


def smalltalk(turn: Turn, text: str) -> list[Reply]:
    lowered = text.casefold()
    key = "smalltalk.thanks" if any(w in lowered for w in _THANKS) else "smalltalk.hello"
    return [Reply(turn.t(key), menu_row(turn))]


async def none_of_these(turn: Turn, action: NoneOfThese) -> list[Reply]:
    await questions.mark_outcome(turn.services.db, turn.user.user_id, "none-of-these")
    if turn.user.clarify_rounds >= MAX_CLARIFY_ROUNDS:
        turn.question_settled()
        return offer_person(turn)
    turn.awaiting = Awaiting.CLARIFY
    person = ((turn.button("buttons.ask_person", AskPerson()),),)
    return [Reply(turn.t("question.rephrase"), person, edit=True)]


FLOW = Flow(buttons={NoneOfThese: none_of_these}, on_text={None: ask})
