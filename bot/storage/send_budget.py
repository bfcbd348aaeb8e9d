"""The cluster's shared send counters (table `send_budget`), read and written under row locks.

PostgreSQL only: SQLite serves one process, whose SendPolicy already sees every message. One call is one
unit of work of the caller's (ClusterBudget in bot/telegram/rate_limit.py opens it on a connection of its
own): the rows this message touches are locked in key order, bot/handoff/shared_budget.py decides, and the
counters are written only when the message may go. The time is the database server's, so the workers'
clocks need not agree. A chat appears only as a hash of its id, and its rows are deleted after STALE seconds.
"""

from __future__ import annotations

import hashlib

from bot.handoff.shared_budget import OVERALL, STALE, Counter, Limits, admit, keys

from .db import Database

CLEAN_EVERY = 30  # seconds: counters older than STALE are deleted when a new second starts at a multiple of this


def chat_key(chat_id: int) -> str:
    """No chat id in this table: a short hash is enough to tell the chats apart for two minutes."""
    return hashlib.sha256(str(chat_id).encode()).hexdigest()[:20]


async def reserve(db: Database, chat_id: int, limits: Limits, pace_chat: bool) -> float:
    """0 when one more message to this chat may go now (and it is counted); else seconds to wait."""
    key = chat_key(chat_id)
    names = keys(chat_id, key)
    async with db.conn.execute("SELECT extract(epoch FROM clock_timestamp())") as cursor:
        row = await cursor.fetchone()
    now = float(row[0])
    await db.conn.executemany(
        "INSERT INTO send_budget (key, start, used) VALUES (?, 0, 0) ON CONFLICT (key) DO NOTHING",
        [(name,) for name in names])
    marks = ", ".join("?" for _ in names)
    rows = await db.conn.execute_fetchall(
        f"SELECT key, start, used FROM send_budget WHERE key IN ({marks}) ORDER BY key FOR UPDATE", names)
    counters = {str(name): Counter(float(start), int(used)) for name, start, used in rows}
    wait, writes = admit(limits, now, counters, chat_id, key, pace_chat)
    await db.conn.executemany("UPDATE send_budget SET start = ?, used = ? WHERE key = ?",
                              [(c.start, c.used, name) for name, c in writes.items()])
    overall = counters.get(OVERALL)
    new_second = OVERALL in writes and (overall is None or writes[OVERALL].start != overall.start)
    if new_second and int(writes[OVERALL].start) % CLEAN_EVERY == 0:
        await purge(db, now)
    return wait


async def purge(db: Database, now: float) -> int:
    """Delete the counters of chats and groups that sent nothing for STALE seconds."""
    sql = "DELETE FROM send_budget WHERE key <> ? AND start < ?"
    async with db.conn.execute(sql, (OVERALL, now - STALE)) as cursor:
        return cursor.rowcount
