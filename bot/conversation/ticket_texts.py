"""What the caseworkers' group and the newcomer see of a ticket. Pure formatting."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from html import escape, unescape

from bot import hours
from bot.hours import BERLIN
from bot.i18n import Locales
from bot.localdates import format_date
from bot.storage.attachments import Attachment
from bot.storage.outbox import Media, OutMessage
from bot.storage.tickets import Ticket

from .replies import split_text

DESK_LANG = "de"  # the district's caseworkers work in German
CAPTION_LIMIT = 1024  # Telegram's limit for the caption of a photo or document
PART_LIMIT = 3900  # one message's text: with a bold header it stays within Telegram's 4,096
Part = tuple[str, Media | None]  # HTML text (the caption, with media) and the photo or document, if any
TELEGRAM_LIMIT = 4096  # characters of one message once its HTML is parsed, counted in UTF-16 units
SAFETY = 16  # margin for entities Telegram counts differently


def eta(locales: Locales, lang: str, caseworker_hours: str, now: dt.datetime) -> str:
    """'a few hours' while caseworkers are in (and for a while), else working days until they are."""
    state = hours.status(caseworker_hours, now)
    if state.is_open and state.next_change and (state.next_change - now).total_seconds() > 2 * 3600:
        return locales.t(lang, "handoff.eta_today")
    opens = state.next_change if not state.is_open and state.next_change else now
    days = 1 if (opens.date() - now.date()).days <= 1 else 2
    return locales.t(lang, "handoff.eta_days", days=days + 1)


def ticket_post(locales: Locales, ticket: Ticket, text: str, language_name: str, attachments: int = 0) -> str:
    """The group's first message of a ticket: number, language, the original text (escaped)."""
    name = ticket.display_name or locales.t(DESK_LANG, "desk.anonymous")
    files = [escape(locales.t(DESK_LANG, "desk.attachments_follow", count=attachments))] if attachments else []
    return "\n".join(
        [
            f"<b>{escape(locales.t(DESK_LANG, 'desk.ticket', ticket=ticket.id))}</b>",
            escape(locales.t(DESK_LANG, "desk.language", language=language_name)),
            escape(locales.t(DESK_LANG, "desk.from", name=name)),
            "",
            escape(text),
            *files,
            "",
            escape(locales.t(DESK_LANG, "desk.how_to_answer")),
        ]
    )


def units(text: str) -> int:
    """A text's length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _visible(html_text: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html_text))


def cut(text: str, budget: int) -> tuple[str, str]:
    """The longest start of `text` within `budget` units (ended at a line break or space when one is near),
    and the rest."""
    if units(text) <= budget:
        return text, ""
    used, end = 0, 0
    for end, char in enumerate(text):  # noqa: B007 - `end` is where the budget ran out
        used += 2 if ord(char) > 0xFFFF else 1
        if used > budget:
            break
    space = max(text.rfind("\n", 0, end), text.rfind(" ", 0, end))
    if space > end - 200 and space > 0:
        end = space
    return text[:end].rstrip(), text[end:].lstrip()


def ticket_post_parts(
    locales: Locales, ticket: Ticket, text: str, language_name: str, attachments: int = 0
) -> tuple[str, list[str]]:
    """The ticket's post with as much of the question as fits in one message, and the rest of a longer
    question as follow-up texts: the caseworkers get all of it, Telegram none too long."""
    empty = ticket_post(locales, ticket, "", language_name, attachments)
    room = TELEGRAM_LIMIT - SAFETY - units(_visible(empty)) - 1
    head, rest = cut(text, room)
    post = ticket_post(locales, ticket, f"{head}…" if rest else head, language_name, attachments)
    more = []
    while rest:
        chunk, rest = cut(rest, TELEGRAM_LIMIT - SAFETY - units(_visible(followup(locales, ticket.id, ""))))
        more.append(followup(locales, ticket.id, chunk))
    return post, more


def followup(locales: Locales, ticket_id: int, text: str, urgent: bool = False) -> str:
    """A newcomer's added message for the group; an emergency is marked so nobody reads past it."""
    key = "desk.urgent" if urgent else "desk.followup"
    return f"<b>{escape(locales.t(DESK_LANG, key, ticket=ticket_id))}</b>\n{escape(text)}"


def queue_listing(locales: Locales, open_tickets: list[Ticket], now: float) -> str:
    if not open_tickets:
        return escape(locales.t(DESK_LANG, "desk.queue_empty"))
    lines = [escape(locales.t(DESK_LANG, "desk.queue_title"))]
    for ticket in open_tickets:
        waited = max(0, int(now - ticket.created_at))
        hours_, minutes = divmod(waited // 60, 60)
        state = locales.t(DESK_LANG, f"desk.state_{ticket.status}")
        preview = (ticket.text or "")[:60].replace("\n", " ")
        lines.append(f"#{ticket.id} · {ticket.lang} · {hours_}h{minutes:02d} · {escape(state)} · {escape(preview)}")
    return "\n".join(lines)


def with_header(header: str, body: str, media: Media | None = None) -> list[Part]:
    """A bold header and a plain body (both escaped here) as messages within Telegram's limits, in order.

    The body is split before it is escaped, so no cut falls inside an HTML entity. With a photo or document:
    one captioned message when the caption fits, else the media under the header and the text after it.
    """
    head, body = f"<b>{escape(header)}</b>", body.strip()
    if media is not None and len(header) + 1 + len(body) <= CAPTION_LIMIT:
        return [(f"{head}\n{escape(body)}" if body else head, media)]
    chunks = [escape(chunk) for chunk in split_text(body, PART_LIMIT)] if body else []
    if media is not None:
        return [(head, media), *((chunk, None) for chunk in chunks)]
    first, *rest = chunks or [""]
    return [(f"{head}\n{first}", None), *((chunk, None) for chunk in rest)]


def user_key(kind: str, key: str) -> str:
    """The newcomer's text about a ticket: a question to a caseworker ("handoff.closed") or a speaker request
    ("speaker.closed")."""
    return f"speaker.{key}" if kind == "speaker" else f"handoff.{key}"


def answer_parts(
    locales: Locales, lang: str, text: str, media: Media | None, corrected: bool, kind: str = "question"
) -> list[Part]:
    """A caseworker's answer (or their correction of one) as the newcomer gets it: plain text, escaped, never
    parsed as markup; in order."""
    key = user_key(kind, "caseworker_corrected" if corrected else "caseworker_answered")
    return with_header(locales.t(lang, key), text, media)


def attachment_messages(locales: Locales, ticket: Ticket, attachment: Attachment) -> list[OutMessage]:
    """A newcomer's photo or PDF for the group, in reply to the ticket's post, its caption escaped."""
    header = locales.t(DESK_LANG, "desk.attachment", ticket=ticket.id)
    parts = with_header(header, attachment.caption, attachment.media)
    return [dataclasses.replace(to_ticket(ticket, text), media=media) for text, media in parts]


def to_ticket(ticket: Ticket, html_text: str) -> OutMessage:
    """A message for the caseworkers' group, in reply to the ticket's post (and in its topic)."""
    return OutMessage(html_text, reply_to=ticket.group_message_id, thread_id=ticket.thread_id)


def desk_notice(locales: Locales, ticket: Ticket, key: str) -> OutMessage:
    """A status line about a ticket for the group (closed, reopened, withdrawn, blocked), escaped."""
    return to_ticket(ticket, escape(locales.t(DESK_LANG, key, ticket=ticket.id)))


def removal(locales: Locales, ticket_id: int, message_id: int) -> OutMessage:
    """Deletes one of the bot's group posts about a ticket; where Telegram refuses, this text replaces it."""
    return OutMessage(escape(locales.t(DESK_LANG, "desk.deleted_by_user", ticket=ticket_id)), target=message_id)


def day_of(timestamp: float, lang: str, locales: Locales) -> str:
    """The Berlin calendar day of a timestamp, written out in the user's language."""
    return format_date(dt.datetime.fromtimestamp(timestamp, BERLIN).date(), lang, locales)
