"""Photos and PDFs of letters, the most common reason to ask a person.

The bot cannot read them, so every photo or PDF is about a caseworker, and nothing is shared without
the person's word, as with text:
- while a question for a caseworker is being written, it is attached to that draft (the preview counts it);
- while a question is open (or closed within a week), "➕ Add to question no. N" offers to send it there;
- otherwise "Ask a person" offers to start a question with it (without a caseworker group: the office).
Several photos sent at once (an album) get one answer. Only Telegram's file ids are stored, never the
files; the caption travels with the photo. Other files (Word, archives, programs) are not passed on.
"""

from __future__ import annotations

from bot.storage import attachments

from . import handoff
from .common import Rows
from .context import Turn
from .protocol import AddFilesToTicket, AskPerson, Awaiting, ShowMenu
from .registry import Flow, Upload
from .replies import Reply


def passes_on(upload: Upload) -> bool:
    """Photos, PDFs and pictures sent as files; nothing that could run on a caseworker's computer."""
    if upload.media.kind == "photo":
        return True
    mime = (upload.mime_type or "").lower()
    return mime == "application/pdf" or mime.startswith("image/")


def _person_row(turn: Turn) -> Rows:
    return ((turn.button("buttons.ask_person", AskPerson()), turn.button("buttons.menu", ShowMenu())),)


async def on_upload(turn: Turn, upload: Upload) -> list[Reply]:
    writing = turn.awaiting is Awaiting.HANDOFF
    if not passes_on(upload):  # while writing, the draft stays as it is: no button that would start anew
        return [Reply(turn.t("upload.unsupported"))] if writing else [
            Reply(turn.t("upload.unsupported"), _person_row(turn))]
    if not handoff.configured(turn):  # nobody to pass it to: the integration office behind "ask a person"
        return [Reply(turn.t("upload.no_desk"), _person_row(turn))]
    db, user = turn.services.db, turn.user
    stored = await attachments.add(db, user.user_id, upload.media, upload.caption, upload.message_id, upload.album)
    if stored is None:
        return []  # the same message again (redelivered, or its caption edited): handled the first time
    if writing:
        if upload.caption:
            handoff.append_to_draft(turn, upload.caption)
        return [Reply(turn.t("upload.attached")), *await handoff.preview(turn)]
    ticket = await handoff.current_ticket(turn)
    if ticket is None and upload.caption:
        user.pending_question = upload.caption  # "ask a person" drafts it, as it would a typed question
    if stored.album and await attachments.album_seen(db, user.user_id, stored.album, stored.id):
        return []  # the album's first photo got the answer for all of them
    if ticket is not None:  # the caption goes with its photo
        button = turn.button("buttons.add_to_ticket", AddFilesToTicket(ticket.id), ticket=ticket.id)
        return [Reply(turn.t("upload.add_offer", ticket=ticket.id), ((button,),))]
    return [Reply(turn.t("upload.offer"), _person_row(turn))]


async def add_files(turn: Turn, action: AddFilesToTicket) -> list[Reply]:
    """"➕ Add to question no. N" under a photo: every photo and PDF sent since goes to the caseworkers."""
    ticket = await handoff.own_ticket(turn, action.ticket)
    current = await handoff.current_ticket(turn)
    if ticket is None or current is None or current.id != ticket.id:
        return [Reply(turn.t("handoff.none_open"), edit=True)]
    db = turn.services.db
    files = await attachments.pending(db, turn.user.user_id)
    if not files:  # pressed twice, or the photo is more than a day old
        return [Reply(turn.t("upload.nothing_to_add"))]
    reopened = await handoff.reopen_if_closed(turn, ticket)
    await handoff.queue_attachments(turn, ticket, files)
    return [Reply(turn.t("handoff.reopened" if reopened else "handoff.followup_added", ticket=ticket.id))]


FLOW = Flow(buttons={AddFilesToTicket: add_files}, on_upload=on_upload)
