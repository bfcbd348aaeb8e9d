"""/mydata and /deletemydata: users see and erase what is stored about them."""

from __future__ import annotations

import datetime as dt

from bot.handoff.desk import Desk
from bot.storage import questions, tickets, users

from .context import Turn
from .district import district_label
from .replies import Reply


async def show(turn: Turn) -> list[Reply]:
    db = turn.services.db
    since = dt.datetime.fromtimestamp(turn.user.created_at or 0, dt.UTC).date().isoformat()
    text = turn.t(
        "mydata.text",
        language=turn.services.locales.name(turn.lang),
        district=district_label(turn),
        since=since,
        questions=await questions.count_for_user(db, turn.user.user_id),
        tickets=await tickets.count_for_user(db, turn.user.user_id),
    )
    return [Reply(text)]


def confirm(turn: Turn) -> list[Reply]:
    rows = ((turn.button("buttons.delete_confirm", "X", "y"), turn.button("buttons.cancel", "X", "n")),)
    return [Reply(turn.t("deletemydata.confirm"), rows)]


async def answer(turn: Turn, choice: str) -> tuple[list[Reply], bool]:
    """Returns the replies and whether the user's record is gone (the caller must not save it)."""
    if choice != "y":
        return [Reply(turn.t("deletemydata.cancelled"), edit=True)], False
    await Desk(turn.services).withdraw_user(turn.user.user_id)  # same transaction as the deletion below
    await users.delete_all(turn.services.db, turn.user.user_id)
    return [Reply(turn.t("deletemydata.done"), edit=True)], True
