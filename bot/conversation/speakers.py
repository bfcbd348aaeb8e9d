""""I am looking for a speaker or expert": topic, date, place, language and a contact, then the person's
consent, then a request in the coordination office's own group (BROKER_CHAT_ID).

The request is a ticket of kind "speaker": the same posts, replies, outbox, retention and erasure as a
question for a caseworker, only in the broker's group. The answers collected so far live in the user's
draft (JSON) while the form is open.
"""

from __future__ import annotations

import json
from html import escape

from bot.knowledge.directory import find_organisations
from bot.matching import Decision
from bot.storage import outbox, tickets
from bot.storage.outbox import OutMessage

from . import answers
from .context import Turn
from .protocol import Awaiting, ClaimTicket, CloseTicket, SpeakerCancel, SpeakerSend, SpeakerStart
from .registry import Command, Flow
from .replies import Reply
from .ticket_texts import DESK_LANG

STEPS = ("topic", "date", "place", "language", "contact")
ORGS_OFFERED = 3  # organisations that offer speakers themselves, under the offer
MAX_ANSWER = 500  # one step's answer: a topic or an address, not a letter (five fit one Telegram message)
Form = dict[str, str]


def _form(turn: Turn) -> Form:
    if turn.awaiting is not Awaiting.SPEAKER or not turn.user.draft:
        return {}
    try:
        loaded = json.loads(turn.user.draft)
    except ValueError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {step: str(loaded[step]) for step in STEPS if isinstance(loaded.get(step), str)}


def _next_step(form: Form) -> str | None:
    return next((step for step in STEPS if step not in form), None)


def _ask(turn: Turn, step: str) -> Reply:
    return Reply(turn.t(f"speaker.ask_{step}"), ((turn.button("buttons.cancel", SpeakerCancel()),),))


def unavailable(turn: Turn) -> list[Reply]:
    """No broker group configured: say so, and show the coordination office's own card."""
    replies = [Reply(turn.t("speaker.unavailable"))]
    office = next((e for e in (turn.kb.get(i) for i in turn.kb.intents.speaker_office) if e is not None), None)
    return replies + (answers.card(turn, office, person=False) if office is not None else [])


def offer(turn: Turn, text: str, decision: Decision) -> list[Reply]:
    """A message looking for a speaker or expert: the request to the coordination office, organisations that
    offer speakers, and the service the matcher was sure of as a button (never instead of the offer)."""
    turn.user.pending_question = text
    turn.question_settled()
    rows = [(turn.button("buttons.speaker", SpeakerStart()),)]
    rows += [(turn.org_button(org),) for org in find_organisations(turn.kb, speakers=True)[:ORGS_OFFERED]]
    best = decision.best
    if decision.action == "answer" and best is not None and "community" not in best.topics:
        rows.append((turn.entry_button(best),))
    return [Reply(turn.t("speaker.offer"), tuple(rows))]


async def start(turn: Turn, args: str = "") -> list[Reply]:
    if turn.services.settings.broker_chat_id is None:
        return unavailable(turn)
    turn.awaiting = Awaiting.SPEAKER
    turn.user.draft, turn.user.clarify_rounds = json.dumps({}), 0
    return [Reply(turn.t("speaker.intro")), _ask(turn, STEPS[0])]


async def start_button(turn: Turn, action: SpeakerStart) -> list[Reply]:
    return await start(turn)


def summary(turn: Turn, form: Form) -> list[Reply]:
    rows = ((turn.button("buttons.speaker_send", SpeakerSend()),), (turn.button("buttons.cancel", SpeakerCancel()),))
    return [Reply(turn.t("speaker.summary", **form), rows)]


async def on_text(turn: Turn, text: str) -> list[Reply] | None:
    """The answer to the step the form is at; once complete, the summary again with its buttons."""
    form = _form(turn)
    step = _next_step(form)
    if step is None:
        return [Reply(turn.t("speaker.press_send")), *summary(turn, form)]
    form[step] = " ".join(text.split())[:MAX_ANSWER]
    turn.user.draft = json.dumps(form, ensure_ascii=False)
    following = _next_step(form)
    return [_ask(turn, following)] if following is not None else summary(turn, form)


async def cancel(turn: Turn, action: SpeakerCancel) -> list[Reply]:
    if turn.awaiting is Awaiting.SPEAKER:
        turn.awaiting, turn.user.draft = None, None
    return [Reply(turn.t("speaker.cancelled"), edit=True)]


def request_text(turn: Turn, form: Form) -> str:
    """The request as the coordination office reads it (German labels, the person's words); plain text."""
    locales = turn.services.locales
    lines = [locales.t(DESK_LANG, "desk.speaker_from", language=locales.name(turn.lang))]
    lines += [locales.t(DESK_LANG, f"desk.speaker_{step}", value=form[step]) for step in STEPS]
    return "\n".join(lines)


def post_message(turn: Turn, ticket_id: int, text: str) -> OutMessage:
    locales = turn.services.locales
    header = locales.t(DESK_LANG, "desk.speaker_request", ticket=ticket_id)
    body = "\n".join([f"<b>{escape(header)}</b>", escape(text), "", escape(locales.t(DESK_LANG, "desk.how_to_answer"))])
    rows = (
        (
            (locales.t(DESK_LANG, "buttons.claim"), ClaimTicket(ticket_id).pack()),
            (locales.t(DESK_LANG, "buttons.close"), CloseTicket(ticket_id).pack()),
        ),
    )
    return OutMessage(body, rows, topic=header)


async def send(turn: Turn, action: SpeakerSend) -> list[Reply]:
    """With the person's consent: the ticket and its post in the broker's group, in the turn's one commit."""
    group = turn.services.settings.broker_chat_id
    form = _form(turn)
    if turn.awaiting is not Awaiting.SPEAKER or _next_step(form) is not None:
        return [Reply(turn.t("speaker.nothing_to_send"), edit=True)]
    if group is None:  # the setting went away since the form was started
        turn.awaiting, turn.user.draft = None, None
        return unavailable(turn)
    db = turn.services.db
    text = request_text(turn, form)
    ticket_id = await tickets.create(db, turn.user.user_id, turn.lang, text, None, [], kind="speaker")
    await outbox.add(db, group, "post", post_message(turn, ticket_id, text), ticket_id, f"post:{ticket_id}")
    turn.awaiting, turn.user.draft = None, None
    return [Reply(turn.t("speaker.sent", ticket=ticket_id), edit=True)]


FLOW = Flow(
    commands=(Command("speaker", start),),
    buttons={SpeakerStart: start_button, SpeakerSend: send, SpeakerCancel: cancel},
    on_text={Awaiting.SPEAKER: on_text},
)
