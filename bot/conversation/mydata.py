"""/mydata and /deletemydata: users see and erase what is stored about them."""

from __future__ import annotations

from bot.storage import attachments, questions, tickets, users
from bot.storage import events as event_news

from .context import Turn
from .district import district_label
from .handoff import withdraw_user
from .protocol import EraseMyData
from .registry import Command, Flow
from .replies import Reply
from .start import language_picker
from .ticket_texts import day_of


async def show(turn: Turn, args: str = "") -> list[Reply]:
    db = turn.services.db
    text = turn.t(
        "mydata.text",
        language=turn.services.locales.name(turn.lang),
        district=district_label(turn),
        since=day_of(turn.user.created_at or turn.services.clock().timestamp(), turn.lang, turn.services.locales),
        questions=await questions.count_for_user(db, turn.user.user_id),
        tickets=await tickets.count_for_user(db, turn.user.user_id),
        attachments=await attachments.count_for_user(db, turn.user.user_id),
        events=", ".join(turn.raw(f"district.{d}") for d in await event_news.districts_of(db, turn.user.user_id))
        or turn.raw("events.mydata_none"),
    )
    requests = await tickets.count_for_user(db, turn.user.user_id, kind="speaker")
    if requests:  # before /deletemydata, under the other counts
        head, _, tail = text.rpartition("\n\n")
        text = f"{head}\n{turn.t('mydata.speaker_requests', count=requests)}\n\n{tail}" if head else text
    return [Reply(text)]


async def confirm(turn: Turn, args: str = "") -> list[Reply]:
    rows = (
        (
            turn.button("buttons.delete_confirm", EraseMyData(True)),
            turn.button("buttons.cancel", EraseMyData(False)),
        ),
    )
    return [Reply(turn.t("deletemydata.confirm"), rows)]


async def erase(turn: Turn, action: EraseMyData) -> list[Reply]:
    if not action.confirmed:
        return [Reply(turn.t("deletemydata.cancelled"), edit=True)]
    db = turn.services.db
    async with db.unit_of_work() as tx:  # the turn's unit: the erasure is committed with it, all or nothing
        await withdraw_user(turn)
        await event_news.forget_user(db, turn.user.user_id)
        await users.delete_all(db, turn.user.user_id)
        tx.checkpoint_after_commit()  # no copy of the erased texts stays in the -wal file
    turn.erased = True
    # nothing is kept, not even the language: the person chooses again instead of getting Telegram's guess
    return [Reply(turn.t("deletemydata.done"), edit=True), Reply(turn.t("language.choose"), language_picker(turn))]


FLOW = Flow(
    commands=(Command("mydata", show), Command("deletemydata", confirm)),
    buttons={EraseMyData: erase},
)
