"""A caseworker edits an answer that already went to the newcomer: the stored text follows the edit.

Does not commit; the desk step that relays the correction commits it with its outbox rows.
"""

from __future__ import annotations

from .db import Database, now


async def correct_answer(db: Database, source_message_id: int, text: str) -> int | None:
    """The ticket whose relayed answer this group message was (its text now the edited one), else None."""
    async with db.conn.execute(
        "SELECT ticket_id FROM ticket_messages WHERE direction = 'caseworker' AND source_message_id = ?",
        (source_message_id,),
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return None
    ticket_id = int(row[0])
    await db.conn.execute(
        "UPDATE ticket_messages SET text = ? WHERE direction = 'caseworker' AND source_message_id = ?",
        (text, source_message_id),
    )
    await db.conn.execute("UPDATE tickets SET updated_at = ? WHERE id = ?", (now(), ticket_id))
    return ticket_id
