"""Retention: after RETENTION_DAYS no personal text is left in any table, nor in the database files.

The data is made through the running Application (desk harness); retention then runs as if days had passed.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from dbkit import Places
from harness import (
    CW_TEXT,
    MARIA,
    OLENA,
    OMAR,
    Q_AR,
    Q_UK,
    Harness,
    assert_not_stored,
    stored_bytes,
    wal_size,
)

from bot.conversation.protocol import Feedback
from bot.conversation.ticket_texts import DESK_LANG
from bot.storage import retention, tickets
from bot.storage.db import Database
from bot.storage.retention import DAY
from bot.storage.tickets import Ticket
from bot.telegram import app as app_module

DAYS = 90  # the settings' default RETENTION_DAYS
FOLLOW_AR = "ابني عمره ٧ سنوات وعندنا موعد في المحكمة"
DRAFT_DE = "Mein Jobcenter hat die Miete für Juli nicht überwiesen, was tun?"


async def _scene(h: Harness) -> tuple[Ticket, Ticket]:
    """Omar: a ticket with his name, a follow-up and an answer, then closed. Olena: an open ticket.
    Maria: an unsent draft for a caseworker and a feedback press."""
    closed = await h.open_ticket(OMAR, "ar", Q_AR, share_name=True)
    assert closed.display_name == OMAR.full_name
    await h.add_to_ticket(OMAR, FOLLOW_AR)
    await h.group_say(CW_TEXT, reply_to=closed.group_message_id)
    await h.deliver()
    await h.group_command(f"/close {closed.id}")
    await h.deliver()
    still_open = await h.open_ticket(OLENA, "uk", Q_UK)
    await h.onboard(MARIA, "de")
    await h.say(MARIA, DRAFT_DE)
    await h.press(MARIA, "P")
    await h.press(MARIA, Feedback(h.services.generation, 0, True).pack())
    return closed, still_open


async def _scalar(h: Harness, sql: str, *args: Any) -> Any:
    async with h.db.conn.execute(sql, args) as cursor:
        row = await cursor.fetchone()
    return row[0] if row else None


async def test_retention_erases_every_table_but_keeps_open_tickets_and_counts(desk: Harness) -> None:
    h = desk
    closed, still_open = await _scene(h)
    assert await _scalar(h, "SELECT draft FROM users WHERE user_id = ?", MARIA.id) == DRAFT_DE

    purged = await retention.purge(h.db, DAYS, time.time() + (DAYS + 2) * DAY)

    assert (purged.tickets, purged.ticket_messages, purged.feedback, purged.drafts) == (1, 3, 1, 1)
    assert purged.questions >= 3
    assert purged.outbox > 0
    row = await tickets.get(h.db, closed.id)
    assert row is not None
    assert (row.text, row.display_name, row.user_id, row.status, row.lang) == (None, None, None, "closed", "ar")
    assert await _scalar(h, "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ?", closed.id) == 0
    assert await _scalar(h, "SELECT COUNT(*) FROM tickets") == 2  # the closed one stays as an anonymous count
    # the open ticket is never purged: text, person and messages stay
    kept = await tickets.get(h.db, still_open.id)
    assert kept is not None and (kept.text, kept.user_id, kept.status) == (Q_UK, OLENA.id, "open")
    assert await _scalar(h, "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ?", still_open.id) == 1
    # drafts and pending questions of idle users; their settings stay
    draft, pending, awaiting, lang = (await (await h.db.conn.execute(
        "SELECT draft, pending_question, awaiting, lang FROM users WHERE user_id = ?", (MARIA.id,))).fetchone())
    assert (draft, pending, awaiting, lang) == (None, None, None, "de")
    assert await _scalar(h, "SELECT COUNT(*) FROM feedback") == 0
    assert await _scalar(h, "SELECT COUNT(*) FROM questions") == 0
    # delivered payloads are empty; no delivery row names Omar's chat any more
    assert await _scalar(h, "SELECT COUNT(*) FROM outbox WHERE payload != '{}'") == 0
    assert await _scalar(h, "SELECT COUNT(*) FROM outbox WHERE chat_id = ?", OMAR.id) == 0
    assert await retention.purge(h.db, DAYS, time.time() + (DAYS + 2) * DAY) == retention.Purged()  # idempotent


async def test_retention_waits_for_its_deadlines(desk: Harness) -> None:
    h = desk
    await _scene(h)
    assert (await retention.purge(h.db, DAYS, time.time() + DAY / 2)).total == 0  # within the delivery grace
    two_days = await retention.purge(h.db, DAYS, time.time() + 2 * DAY)
    assert two_days.outbox > 0  # delivered payloads go after a day ...
    assert two_days == retention.Purged(outbox=two_days.outbox)  # ... nothing else before RETENTION_DAYS
    assert await _scalar(h, "SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND payload != '{}'") == 0
    assert await _scalar(h, "SELECT COUNT(*) FROM tickets WHERE text IS NOT NULL") == 2


async def test_pending_deliveries_are_never_emptied(desk: Harness) -> None:
    h = desk
    ticket = await h.open_ticket(OMAR, "ar", Q_AR)
    await h.group_command(f"/close {ticket.id}")  # the "closed" message to Omar is queued, not delivered
    await retention.purge(h.db, DAYS, time.time() + (DAYS + 2) * DAY)
    assert await _scalar(h, "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND payload != '{}'") == 1
    assert await h.deliver() == 1


async def test_daily_job_leaves_no_erased_text_in_the_database_files(
    desk: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    h = desk
    await _scene(h)
    before = stored_bytes(h)
    assert Q_AR.encode() in before  # the check below reads real bytes
    jobs = [job.callback for job in h.app.job_queue.jobs()]
    assert app_module.purge_old_data in jobs

    monkeypatch.setattr(app_module, "now", lambda: time.time() + (DAYS + 2) * DAY)
    caplog.set_level("INFO", logger="bot.telegram.app")
    purged = await app_module.apply_retention(h.services)

    assert purged.tickets == 1
    blob = stored_bytes(h)
    assert_not_stored(blob, Q_AR, FOLLOW_AR, CW_TEXT, DRAFT_DE, OMAR.full_name, OMAR.last_name)
    assert Q_UK.encode() in blob  # the open ticket is kept
    assert wal_size(h) == 0  # checkpointed and truncated
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "tickets 1" in logged and Q_AR not in logged and DRAFT_DE not in logged


async def test_caseworker_reply_to_an_expired_ticket_is_refused(desk: Harness) -> None:
    h = desk
    closed, _ = await _scene(h)
    await retention.purge(h.db, DAYS, time.time() + (DAYS + 2) * DAY)
    _, replies = await h.group_say("Noch eine Frage?", reply_to=closed.group_message_id)
    assert [c.text for c in replies] == [h.et(DESK_LANG, "desk.expired", ticket=closed.id)]
    assert await h.deliver() == 0


@pytest.mark.parametrize("lang", ["de", "en", "ar", "uk", "ru", "tr", "fa"])
def test_privacy_text_states_every_period(loaded: Any, lang: str) -> None:
    """Questions, ratings, drafts, tickets and which events were sent each with RETENTION_DAYS; delivered payloads
    after a day."""
    text = loaded.locales.t(lang, "privacy.text", days=37)
    assert text.count("37") == 5
    assert "/mydata" in text and "/deletemydata" in text
    assert retention.DELIVERED_GRACE == DAY  # the text says "one day"
    assert "37" in loaded.locales.t(lang, "start.privacy_short", days=37)


async def test_retention_drops_file_ids_of_expired_tickets_and_unsent_photos(where: Places) -> None:
    db = await Database.open(where("files.db"))
    now = time.time()
    old = now - 100 * DAY
    await db.conn.execute(
        "INSERT INTO tickets (id, user_id, lang, text, status, candidates, created_at, updated_at, closed_at)"
        " VALUES (1, 7, 'ar', 'x', 'closed', '', ?, ?, ?)", (old, old, old))
    for ticket_id, created, file_id in ((1, old, "expired-ticket-file"), (None, now - 2 * DAY, "unsent-file"),
                                        (None, now - 60, "fresh-draft-file")):
        await db.conn.execute(
            "INSERT INTO attachments (user_id, ticket_id, kind, file_id, created_at) VALUES (7, ?, 'photo', ?, ?)",
            (ticket_id, file_id, created))
    purged = await retention.purge(db, 90, now)
    async with db.conn.execute("SELECT file_id FROM attachments") as cursor:
        left = [row[0] for row in await cursor.fetchall()]
    await db.close()
    assert purged.attachments == 2 and left == ["fresh-draft-file"]
