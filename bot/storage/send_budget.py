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

CLEAN_EVERY = 30  # seconds: the first message in each such period deletes the counters older than STALE


def chat_key(chat_id: int) -> str:
    """No chat id in this table: a short hash is enough to tell the chats apart for two minutes."""
    return hashlib.sha256(str(chat_id).encode()).hexdigest()[:20]


async def reserve(db: Database, chat_id: int, limits: Limits, pace_chat: bool) -> float:
    """0 when one more message to this chat may go now (and it is counted); else seconds to wait. Usually two
    statements: the rows locked and read with the server's time, and one UPDATE."""
    key = chat_key(chat_id)
    names = keys(chat_id, key)
    marks = ", ".join("?" for _ in names)
    select = (f"SELECT key, times, last_at, extract(epoch FROM clock_timestamp()) FROM send_budget"
              f" WHERE key IN ({marks}) ORDER BY key FOR UPDATE")
    rows = list(await db.conn.execute_fetchall(select, names))
    if len(rows) < len(names):  # a chat's first message in a while: its rows first, then lock them all
        values = ", ".join("(?, '', 0)" for _ in names)
        await db.conn.execute(f"INSERT INTO send_budget (key, times, last_at) VALUES {values}"
                              " ON CONFLICT (key) DO NOTHING", names)
        rows = list(await db.conn.execute_fetchall(select, names))
    now = float(rows[0][3])
    counters = {str(name): Counter.decode(str(times)) for name, times, _, _ in rows}
    wait, writes = admit(limits, now, counters, chat_id, key, pace_chat)
    if writes:
        values = ", ".join("(?, ?)" for _ in writes)
        params = [value for name, counter in writes.items() for value in (name, counter.encode())]
        await db.conn.execute(f"UPDATE send_budget SET times = v.times, last_at = ? FROM (VALUES {values})"
                              " AS v(key, times) WHERE send_budget.key = v.key", [now, *params])
    last_message = {str(name): float(last) for name, _, last, _ in rows}.get(OVERALL, 0.0)
    if writes and int(now / CLEAN_EVERY) != int(last_message / CLEAN_EVERY):
        await purge(db, now)
    return wait


async def purge(db: Database, now: float) -> int:
    """Delete the counters of chats and groups that sent nothing for STALE seconds."""
    sql = "DELETE FROM send_budget WHERE key <> ? AND last_at < ?"
    async with db.conn.execute(sql, (OVERALL, now - STALE)) as cursor:
        return cursor.rowcount
