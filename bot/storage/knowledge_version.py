"""The knowledge version: a counter `/reload` raises, so every worker on the database swaps to the new knowledge.

Each worker remembers the version its knowledge was loaded at (Services.knowledge_version) and polls this row
(bot/telegram/cluster.py); when it differs, the worker rebuilds from the knowledge folder and swaps.
"""

from __future__ import annotations

from .db import Database, now


async def current(db: Database) -> int:
    async with db.conn.execute("SELECT version FROM knowledge_version WHERE id = 1") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def bump(db: Database) -> int:
    """Raise the version (in the caller's unit of work) and return the new one."""
    await db.conn.execute("UPDATE knowledge_version SET version = version + 1, changed_at = ? WHERE id = 1", (now(),))
    return await current(db)
