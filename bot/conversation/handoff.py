"""The newcomer's side of a hand-off: preview, consent to share the name, send, follow up, close, rate."""

from __future__ import annotations

from bot.localdates import format_hours
from bot.matching.tuning import CANDIDATES_SHOWN
from bot.storage import attachments, outbox, questions, tickets
from bot.storage.attachments import Attachment
from bot.storage.outbox import OutMessage
from bot.storage.tickets import Ticket

from . import answers
from . import ticket_texts as texts
from .context import Turn
from .protocol import (
    AddToTicket,
    AskPerson,
    Awaiting,
    CancelDraft,
    ClaimTicket,
    CloseMyTicket,
    CloseTicket,
    RateAnswer,
    SendDraft,
    SendEntryToUser,
    ToggleName,
)
from .registry import Command, Flow
from .replies import Button, Reply
from .ticket_texts import DESK_LANG

REOPEN_WITHIN = 7 * 86400  # a week: later, a new question is clearer for the caseworkers than an old thread
MAX_DRAFT = 8000  # a long question and its details; the group gets it in as many messages as it needs
PREVIEW_HEAD, PREVIEW_TAIL = 700, 300  # a longer draft is previewed by its start and end (sent in full)


def configured(turn: Turn) -> bool:
    return turn.services.settings.caseworker_chat_id is not None


def _preview_buttons(turn: Turn) -> tuple[tuple[Button, ...], ...]:
    state = turn.raw("ticket.share_yes" if turn.user.share_name else "ticket.share_no")
    return (
        (turn.button("buttons.send", SendDraft()),),
        (turn.button("buttons.share_name", ToggleName(), state=state),),
        (turn.button("buttons.cancel", CancelDraft()),),
    )


def _shortened(draft: str) -> str:
    if len(draft) <= PREVIEW_HEAD + PREVIEW_TAIL + 100:
        return draft
    return f"{draft[:PREVIEW_HEAD].rstrip()} […] {draft[-PREVIEW_TAIL:].lstrip()}"


async def preview(turn: Turn) -> list[Reply]:
    name = turn.sender.display_name if turn.user.share_name and turn.sender.display_name else None
    files = len(await attachments.pending(turn.services.db, turn.user.user_id))
    question = "\n".join(
        part for part in (_shortened(turn.user.draft or ""),
                          turn.raw("handoff.preview_attachments", count=files) if files else "")
        if part
    )
    text = turn.t(
        "handoff.preview",
        question=question,
        language=turn.services.locales.name(turn.lang),
        name=name or turn.raw("handoff.name_hidden"),
    )
    return [Reply(text, _preview_buttons(turn))]


async def ask_person(turn: Turn, action: AskPerson) -> list[Reply]:
    """"Ask a person": a caseworker when a group is configured, else the district's integration office."""
    await questions.mark_outcome(turn.services.db, turn.user.user_id, "person")
    if not configured(turn):
        return fallback_contact(turn)
    draft = (turn.user.pending_question or "").strip()
    turn.awaiting = Awaiting.HANDOFF
    turn.user.draft, turn.user.clarify_rounds = draft or None, 0
    if not draft and not await attachments.pending(turn.services.db, turn.user.user_id):
        return [Reply(turn.t("ticket.write_question"), ((turn.button("buttons.cancel", CancelDraft()),),))]
    return await preview(turn)


def fallback_contact(turn: Turn) -> list[Reply]:
    """Without a caseworker group: the integration office responsible for the user's district."""
    offices = [e for e in turn.kb.in_topic("integration-office") if e.scope == "residents"]
    replies = [Reply(turn.t("question.fallback_contact"))]
    if not offices:
        return replies
    own, others = turn.kb.office_for(offices[0], turn.user.district)
    if others or turn.user.district not in own.service_area:
        rows = tuple((turn.entry_button(e),) for e in (own, *others))
        return [*replies, Reply(turn.t("card.responsible_depends"), rows)]
    return [*replies, *answers.card(turn, own, person=False)]  # no "ask a person" button: it would loop


async def add_details(turn: Turn, text: str) -> list[Reply] | None:
    append_to_draft(turn, text)
    return [Reply(turn.t("handoff.added_details")), *await preview(turn)]


def append_to_draft(turn: Turn, text: str) -> None:
    draft = f"{turn.user.draft}\n{text}" if turn.user.draft else text
    turn.user.draft = draft[:MAX_DRAFT]


async def toggle_name(turn: Turn, action: ToggleName) -> list[Reply]:
    if turn.awaiting is not Awaiting.HANDOFF:
        return []
    turn.user.share_name = not turn.user.share_name
    return [Reply((await preview(turn))[0].text, _preview_buttons(turn), edit=True)]


async def cancel(turn: Turn, action: CancelDraft) -> list[Reply]:
    turn.awaiting, turn.user.draft = None, None
    await attachments.drop_pending(turn.services.db, turn.user.user_id)  # nothing sent, nothing kept
    return [Reply(turn.t("handoff.cancelled"), edit=True)]


async def send(turn: Turn, action: SendDraft) -> list[Reply]:
    """Store the ticket and its group post in one transaction, then say 'sent'."""
    services = turn.services
    group = services.settings.caseworker_chat_id
    draft = (turn.user.draft or "").strip()
    if turn.awaiting is not Awaiting.HANDOFF or group is None:
        return []
    files = await attachments.pending(services.db, turn.user.user_id)
    if not draft and not files:  # a photo of the letter alone is a question too
        return [Reply(turn.t("ticket.write_question"))]
    name = turn.sender.display_name if turn.user.share_name else None
    found = services.matcher.match(draft, turn.lang).candidates if draft else []
    candidates = [c.entry.id for c in found][:CANDIDATES_SHOWN]
    db = services.db
    ticket_id = await tickets.create(db, turn.user.user_id, turn.lang, draft, name, candidates)
    ticket = await tickets.get(db, ticket_id)
    assert ticket is not None
    post, more = post_message(turn, ticket, draft, len(files))
    await outbox.add(db, group, "post", post, ticket_id, f"post:{ticket_id}")
    for number, part in enumerate(more, start=1):  # the rest of a question too long for one message
        await outbox.add(db, group, "followup", texts.to_ticket(ticket, part), ticket_id, f"post:{ticket_id}:{number}")
    await queue_attachments(turn, ticket, files)  # after the post: they answer it, in this order
    turn.awaiting, turn.user.draft, turn.user.pending_question = None, None, None
    eta = texts.eta(services.locales, turn.lang, services.settings.caseworker_hours, services.clock())
    hours = format_hours(services.settings.caseworker_hours, turn.lang, services.locales)
    return [Reply(turn.t("handoff.sent", ticket=ticket_id, eta=eta, hours=hours), edit=True)]


def post_message(turn: Turn, ticket: Ticket, text: str, files: int = 0) -> tuple[OutMessage, list[str]]:
    """The ticket's post in the group: the question, "send this card" buttons, claim and close; and the
    rest of a question too long for one message."""
    services = turn.services
    locales, gen = services.locales, services.generation
    rows: list[tuple[tuple[str, str], ...]] = []
    for entry_id in ticket.candidates:
        entry = turn.kb.get(entry_id)
        if entry is not None:
            label = locales.t(DESK_LANG, "buttons.send_entry", title=entry.texts(DESK_LANG).title[:40])
            rows.append(((label, SendEntryToUser(ticket.id, gen, turn.entry_ref(entry)).pack()),))
    rows.append(
        (
            (locales.t(DESK_LANG, "buttons.claim"), ClaimTicket(ticket.id).pack()),
            (locales.t(DESK_LANG, "buttons.close"), CloseTicket(ticket.id).pack()),
        )
    )
    post, more = texts.ticket_post_parts(locales, ticket, text, locales.name(ticket.lang), files)
    return OutMessage(post, tuple(rows), topic=locales.t(DESK_LANG, "desk.ticket", ticket=ticket.id)), more


async def queue_attachments(turn: Turn, ticket: Ticket, files: list[Attachment]) -> None:
    """The person's photos and PDFs become part of the ticket and go to the group in reply to its post."""
    db, group = turn.services.db, turn.services.settings.caseworker_chat_id
    if group is None or not files:
        return
    await attachments.attach(db, [f.id for f in files], ticket.id)
    for file in files:
        for part, message in enumerate(texts.attachment_messages(turn.services.locales, ticket, file)):
            await outbox.add(db, group, "attachment", message, ticket.id, f"attachment:{file.id}:{part}")


async def reopen_if_closed(turn: Turn, ticket: Ticket) -> bool:
    """A message added to a recently closed ticket reopens it, and the group is told."""
    db, group = turn.services.db, turn.services.settings.caseworker_chat_id
    if ticket.is_open or group is None:
        return False
    await tickets.set_status(db, ticket.id, "open")
    notice = texts.desk_notice(turn.services.locales, ticket, "desk.reopened_by_user")
    await outbox.add(db, group, "notice", notice, ticket.id)
    return True


async def follow_up(turn: Turn, ticket: Ticket, text: str, urgent: bool = False) -> list[Reply]:
    """Add a message to the user's ticket (reopening it if closed) and forward it to the group."""
    db, group = turn.services.db, turn.services.settings.caseworker_chat_id
    if group is None:
        return []
    reopen = await reopen_if_closed(turn, ticket)
    await tickets.add_message(db, ticket.id, "user", text)
    message = texts.to_ticket(ticket, texts.followup(turn.services.locales, ticket.id, text, urgent))
    await outbox.add(db, group, "followup", message, ticket.id)
    key = "handoff.emergency_added" if urgent else "handoff.reopened" if reopen else "handoff.followup_added"
    return [Reply(turn.t(key, ticket=ticket.id))]


async def current_ticket(turn: Turn) -> Ticket | None:
    """The user's open question to a caseworker, or one closed within the last week."""
    if not configured(turn):
        return None
    db = turn.services.db
    ticket = await tickets.open_for_user(db, turn.user.user_id)
    return ticket or await tickets.recently_closed(db, turn.user.user_id, REOPEN_WITHIN)


async def add_offer(turn: Turn) -> list[Reply]:
    """Under an answer while a ticket is open: nothing goes to the caseworker unless the user says so."""
    ticket = await current_ticket(turn)
    if ticket is None or not turn.user.pending_question:
        return []
    button = turn.button("buttons.add_to_ticket", AddToTicket(ticket.id), ticket=ticket.id)
    return [Reply(turn.t("handoff.add_offer", ticket=ticket.id), ((button,),))]


async def add_to_ticket(turn: Turn, action: AddToTicket) -> list[Reply]:
    ticket = await own_ticket(turn, action.ticket)
    current = await current_ticket(turn)
    text = (turn.user.pending_question or "").strip()
    if ticket is None or current is None or current.id != ticket.id or not text:
        return [Reply(turn.t("handoff.none_open"), edit=True)]
    turn.user.pending_question = None  # pressed twice: added once
    return await follow_up(turn, ticket, text)


async def status(turn: Turn, args: str = "") -> list[Reply]:
    ticket = await tickets.open_for_user(turn.services.db, turn.user.user_id)
    if ticket is None:
        return [Reply(turn.t("handoff.none_open"), ((turn.button("buttons.ask_person", AskPerson()),),))]
    state = turn.raw(f"handoff.state_{ticket.status}")
    since = texts.day_of(ticket.created_at, turn.lang, turn.services.locales)
    rows = ((turn.button("buttons.close_ticket", CloseMyTicket(ticket.id)),),)
    return [Reply(turn.t("handoff.status", ticket=ticket.id, state=state, since=since), rows)]


async def close_by_user(turn: Turn, action: CloseMyTicket) -> list[Reply]:
    ticket = await own_ticket(turn, action.ticket)
    if ticket is None or not ticket.is_open:
        return [Reply(turn.t("handoff.none_open"), edit=True)]
    db, group = turn.services.db, turn.services.settings.caseworker_chat_id
    await tickets.set_status(db, ticket.id, "closed")
    if group is not None:
        notice = texts.desk_notice(turn.services.locales, ticket, "desk.closed_by_user")
        await outbox.add(db, group, "notice", notice, ticket.id)
    return [Reply(turn.t("handoff.closed", ticket=ticket.id), edit=True)]


async def rate(turn: Turn, action: RateAnswer) -> list[Reply]:
    ticket = await own_ticket(turn, action.ticket)
    if ticket is None:
        return []
    await tickets.set_rating(turn.services.db, ticket.id, action.helpful)
    return [Reply(turn.t("ticket.rated"))]


async def own_ticket(turn: Turn, ticket_no: int) -> Ticket | None:
    """Only the user's own ticket: a forged number never reveals or changes another one."""
    ticket = await tickets.get(turn.services.db, ticket_no)
    return ticket if ticket is not None and ticket.user_id == turn.user.user_id else None


async def withdraw_user(turn: Turn) -> None:
    """/deletemydata: erase ticket texts, cancel their pending posts, take the bot's posts with the person's text
    out of the group (deleted, or overwritten where Telegram refuses), tell the group."""
    db, settings, locales = turn.services.db, turn.services.settings, turn.services.locales
    mine = await tickets.withdraw_for_user(db, turn.user.user_id)
    ids = [t.id for t in mine]
    posts = await outbox.group_posts(db, ids)
    await outbox.forget_user_texts(db, ids, turn.user.user_id)
    await attachments.delete_for_user(db, turn.user.user_id, ids)
    for chat_id, message_id, ticket_id in posts:
        await outbox.queue_removal(db, chat_id, message_id, ticket_id, texts.removal(locales, ticket_id, message_id))
    for ticket in (t for t in mine if t.is_open or t.group_message_id is not None):
        group = settings.desk_chat(ticket.kind)  # the caseworkers', or the speaker broker's group
        if group is None:
            continue
        notice = texts.desk_notice(locales, ticket, "desk.withdrawn" if ticket.is_open else "desk.erased")
        await outbox.add(db, group, "notice", notice, ticket.id, f"withdrawn:{ticket.id}")


FLOW = Flow(
    commands=(Command("ticket", status),),
    buttons={
        AskPerson: ask_person,
        SendDraft: send,
        ToggleName: toggle_name,
        CancelDraft: cancel,
        CloseMyTicket: close_by_user,
        AddToTicket: add_to_ticket,
        RateAnswer: rate,
    },
    on_text={Awaiting.HANDOFF: add_details},
)
