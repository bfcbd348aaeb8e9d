"""The newcomer's side of a hand-off: preview, consent to share the name, send, follow up, close, rate."""

from __future__ import annotations

import datetime as dt

from bot.handoff import texts
from bot.handoff.texts import DESK_LANG
from bot.storage import outbox, questions, tickets, users
from bot.storage.tickets import Ticket

from .callbacks import encode
from .context import Turn
from .replies import Button, Reply

REOPEN_WITHIN = 7 * 86400
MAX_DRAFT = 3500


def configured(turn: Turn) -> bool:
    return turn.services.settings.caseworker_chat_id is not None


def _preview_buttons(turn: Turn) -> tuple[tuple[Button, ...], ...]:
    state = turn.raw("ticket.share_yes" if turn.user.share_name else "ticket.share_no")
    return (
        (turn.button("buttons.send", "HS"),),
        (Button(turn.raw("buttons.share_name", state=state), encode("HN")),),
        (turn.button("buttons.cancel", "HC"),),
    )


def preview(turn: Turn) -> list[Reply]:
    name = turn.sender.display_name if turn.user.share_name and turn.sender.display_name else None
    text = turn.t(
        "handoff.preview",
        question=turn.user.draft or "",
        language=turn.services.locales.name(turn.lang),
        name=name or turn.raw("handoff.name_hidden"),
    )
    return [Reply(text, _preview_buttons(turn))]


async def offer(turn: Turn) -> list[Reply]:
    """Start a hand-off with the user's last question as the draft."""
    await questions.mark_outcome(turn.services.db, turn.user.user_id, "person")
    draft = (turn.user.pending_question or "").strip()
    turn.update(awaiting="handoff", draft=draft or None, clarify_rounds=0)
    if not draft:
        return [Reply(turn.t("ticket.write_question"), ((turn.button("buttons.cancel", "HC"),),))]
    return preview(turn)


def add_details(turn: Turn, text: str) -> list[Reply]:
    draft = f"{turn.user.draft}\n{text}" if turn.user.draft else text
    turn.update(draft=draft[:MAX_DRAFT])
    return [Reply(turn.t("handoff.added_details")), *preview(turn)]


def toggle_name(turn: Turn) -> list[Reply]:
    if turn.user.awaiting != "handoff":
        return []
    turn.update(share_name=not turn.user.share_name)
    return [Reply(preview(turn)[0].text, _preview_buttons(turn), edit=True)]


def cancel(turn: Turn) -> list[Reply]:
    turn.update(awaiting=None, draft=None)
    return [Reply(turn.t("handoff.cancelled"), edit=True)]


async def send(turn: Turn) -> list[Reply]:
    """Store the ticket and its group post in one transaction, then say 'sent'."""
    services = turn.services
    group = services.settings.caseworker_chat_id
    draft = (turn.user.draft or "").strip()
    if turn.user.awaiting != "handoff" or group is None:
        return []
    if not draft:
        return [Reply(turn.t("ticket.write_question"))]
    name = turn.sender.display_name if turn.user.share_name else None
    decision = services.matcher.match(draft, turn.lang)
    candidates = [c.entry.id for c in decision.candidates][:3]
    db = services.db
    ticket_id = await tickets.create(db, turn.user.user_id, turn.lang, draft, name, candidates)
    ticket = await tickets.get(db, ticket_id)
    assert ticket is not None
    await outbox.add(db, group, "post", post_payload(turn, ticket, draft), ticket_id, f"post:{ticket_id}", False)
    turn.update(awaiting=None, draft=None, pending_question=None)
    await users.save(db, turn.user)  # commits ticket, outbox item and user state together
    eta = texts.eta(services.locales, turn.lang, services.settings.caseworker_hours, services.clock())
    hours = services.settings.caseworker_hours
    return [Reply(turn.t("handoff.sent", ticket=ticket_id, eta=eta, hours=hours), edit=True)]


def post_payload(turn: Turn, ticket: Ticket, text: str) -> dict[str, object]:
    services = turn.services
    language = services.locales.name(ticket.lang)
    gen = services.generation
    rows: list[list[list[str]]] = []
    for entry_id in ticket.candidates:
        entry = turn.kb.get(entry_id)
        if entry is not None:
            title = entry.texts(DESK_LANG).title[:40]
            label = services.locales.t(DESK_LANG, "buttons.send_entry", title=title)
            rows.append([[label, encode("CS", ticket.id, gen, turn.entry_ref(entry))]])
    rows.append(
        [
            [services.locales.t(DESK_LANG, "buttons.claim"), encode("CC", ticket.id)],
            [services.locales.t(DESK_LANG, "buttons.close"), encode("CX", ticket.id)],
        ]
    )
    topic = services.locales.t(DESK_LANG, "desk.ticket", ticket=ticket.id)
    return {"text": texts.ticket_post(services.locales, ticket, text, language), "buttons": rows, "topic": topic}


async def follow_up(turn: Turn, ticket: Ticket, text: str, reopen: bool = False) -> list[Reply]:
    db, group = turn.services.db, turn.services.settings.caseworker_chat_id
    if group is None:
        return []
    if reopen:
        await tickets.set_status(db, ticket.id, "open")
        notice = texts.desk_notice(turn.services.locales, ticket, "desk.reopened_by_user")
        await outbox.add(db, group, "notice", notice, ticket.id, commit=False)
    await tickets.add_message(db, ticket.id, "user", text)
    payload = texts.to_ticket(ticket, texts.followup(turn.services.locales, ticket.id, text))
    await outbox.add(db, group, "followup", payload, ticket.id, commit=False)
    await db.commit()
    key = "handoff.reopened" if reopen else "handoff.followup_added"
    return [Reply(turn.t(key, ticket=ticket.id))]


async def status(turn: Turn) -> list[Reply]:
    ticket = await tickets.open_for_user(turn.services.db, turn.user.user_id)
    if ticket is None:
        return [Reply(turn.t("handoff.none_open"))]
    state = turn.raw(f"handoff.state_{ticket.status}")
    since = dt.datetime.fromtimestamp(ticket.created_at, dt.UTC).date().isoformat()
    rows = ((turn.button("buttons.close_ticket", "HX", ticket.id),),)
    return [Reply(turn.t("handoff.status", ticket=ticket.id, state=state, since=since), rows)]


async def close_by_user(turn: Turn, ticket_no: str) -> list[Reply]:
    ticket = await _own_ticket(turn, ticket_no)
    if ticket is None or not ticket.is_open:
        return [Reply(turn.t("handoff.none_open"), edit=True)]
    db, group = turn.services.db, turn.services.settings.caseworker_chat_id
    await tickets.set_status(db, ticket.id, "closed")
    if group is not None:
        notice = texts.desk_notice(turn.services.locales, ticket, "desk.closed_by_user")
        await outbox.add(db, group, "notice", notice, ticket.id, commit=False)
    await db.commit()
    return [Reply(turn.t("handoff.closed", ticket=ticket.id), edit=True)]


async def rate(turn: Turn, ticket_no: str, value: str) -> list[Reply]:
    ticket = await _own_ticket(turn, ticket_no)
    if ticket is None or value not in ("0", "1"):
        return []
    await tickets.set_rating(turn.services.db, ticket.id, value == "1")
    await turn.services.db.commit()
    return [Reply(turn.t("ticket.rated"))]


async def _own_ticket(turn: Turn, ticket_no: str) -> Ticket | None:
    """Only the user's own ticket: a forged number never reveals or changes another one."""
    if not ticket_no.isdigit() or len(ticket_no) > 9:
        return None
    ticket = await tickets.get(turn.services.db, int(ticket_no))
    return ticket if ticket is not None and ticket.user_id == turn.user.user_id else None


async def on_text(turn: Turn, text: str) -> list[Reply] | None:
    """Text that belongs to a hand-off (draft details, open ticket, recently closed ticket), else None."""
    if not configured(turn):
        return None
    if turn.user.awaiting == "handoff":
        return add_details(turn, text)
    db = turn.services.db
    ticket = await tickets.open_for_user(db, turn.user.user_id)
    if ticket is not None:
        return await follow_up(turn, ticket, text)
    closed = await tickets.recently_closed(db, turn.user.user_id, REOPEN_WITHIN)
    if closed is not None:
        return await follow_up(turn, closed, text, reopen=True)
    return None
