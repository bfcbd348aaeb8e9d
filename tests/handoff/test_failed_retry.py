"""/failed lists the deliveries that failed for good, /retry N queues one again; the group's command menu."""

from __future__ import annotations

from fakes import Call, bad_request, blocked_by_user
from harness import GROUP, OMAR, Harness, make_all_due

from bot.conversation.ticket_texts import DESK_LANG
from bot.flows import DESK_COMMANDS
from bot.storage import tickets
from bot.storage.tickets import Ticket

ANSWER = "Bitte bringen Sie den Bescheid mit."
OUTSIDER = {"id": 8888, "is_bot": False, "first_name": "Fremd"}


async def failed_answer(h: Harness) -> tuple[Ticket, int]:
    """A ticket whose answer Telegram refused for good (the newcomer blocked the bot); the row's number."""
    ticket = await h.open_ticket(OMAR, "ar", "وصلتني رسالة من الدائرة")
    await h.group_say(ANSWER, reply_to=ticket.group_message_id)
    h.req.fail_chat(OMAR.id, blocked_by_user())
    await h.deliver()
    async with h.db.conn.execute("SELECT id FROM outbox WHERE status = 'failed'") as cursor:
        (number,) = await cursor.fetchone()
    return ticket, int(number)


def text_of(calls: list[Call]) -> str:
    assert calls, "no reply"
    return calls[-1].text or ""


async def test_failed_lists_number_purpose_question_reason_and_time(desk: Harness) -> None:
    h = desk
    assert text_of(await h.group_command("/failed")) == h.et(DESK_LANG, "desk.failed_none")
    ticket, number = await failed_answer(h)
    listing = text_of(await h.group_command("/failed"))
    assert listing.startswith(h.et(DESK_LANG, "desk.failed_title"))
    line = listing.split("\n")[1]
    assert line.startswith(f"Nr. {number} · {h.t(DESK_LANG, 'desk.purpose_answer')} · ")
    assert h.t(DESK_LANG, "desk.ticket", ticket=ticket.id) in line
    assert h.t(DESK_LANG, "desk.reason_blocked") in line
    assert ANSWER not in listing  # the list names deliveries, it does not repeat their texts


async def test_retry_queues_a_failed_delivery_again(desk: Harness) -> None:
    h = desk
    ticket, number = await failed_answer(h)
    reply = text_of(await h.group_command(f"/retry {number}"))
    assert reply == h.et(DESK_LANG, "desk.retried", number=number)
    assert await h.deliver() == 2  # the answer this time, then "delivered" in the group
    assert ANSWER in (h.to(OMAR.id)[-1].text or "")
    assert h.to(GROUP)[-1].text == h.et(DESK_LANG, "desk.delivered", ticket=ticket.id)
    assert text_of(await h.group_command("/failed")) == h.et(DESK_LANG, "desk.failed_none")
    again = text_of(await h.group_command(f"/retry {number}"))
    state = h.t(DESK_LANG, "desk.delivery_sent")
    assert again == h.et(DESK_LANG, "desk.retry_not_failed", number=number, state=state)


async def test_retry_answers_clearly_for_unknown_bad_and_erased_numbers(desk: Harness) -> None:
    h = desk
    assert text_of(await h.group_command("/retry 4711")) == h.et(DESK_LANG, "desk.retry_unknown", number=4711)
    assert text_of(await h.group_command("/retry")) == h.et(DESK_LANG, "desk.retry_usage")
    assert text_of(await h.group_command("/retry zwei")) == h.et(DESK_LANG, "desk.retry_usage")
    _, number = await failed_answer(h)
    await h.db.conn.execute("UPDATE outbox SET payload = '{}', chat_id = 0 WHERE id = ?", (number,))
    assert text_of(await h.group_command(f"/retry {number}")) == h.et(DESK_LANG, "desk.retry_erased", number=number)
    await make_all_due(h)
    assert await h.deliver() == 0


async def test_a_post_refused_for_good_is_listed_and_can_be_retried(desk: Harness) -> None:
    h = desk
    await h.onboard(OMAR, "ar")
    await h.say(OMAR, "وصلتني رسالة من الدائرة")
    await h.press(OMAR, "P")
    h.req.fail_chat(GROUP, bad_request("message thread not found"))
    await h.press(OMAR, "HS")
    await h.deliver()
    listing = text_of(await h.group_command("/failed"))
    assert h.t(DESK_LANG, "desk.purpose_post") in listing and "Message thread not found" in listing
    await h.group_command("/retry 1")
    await h.deliver()
    ticket = await tickets.get(h.db, 1)
    assert ticket is not None and ticket.group_message_id is not None  # the post is in the group now


async def test_only_the_caseworkers_group_gets_the_desk_commands(desk: Harness) -> None:
    h = desk
    await failed_answer(h)
    assert await h.group_command("/failed", chat_id=-100999) == []  # another group: ignored
    private = await h.command(OMAR, "failed")
    assert all(h.t(DESK_LANG, "desk.failed_title") not in (c.text or "") for c in private)


def test_the_groups_menu_comes_from_the_registry() -> None:
    assert DESK_COMMANDS == ("queue", "claim", "close", "reopen", "failed", "retry")


async def test_the_group_gets_its_own_command_menu(desk: Harness) -> None:
    menus = [c for c in desk.req.sent("setMyCommands") if (c.params.get("scope") or {}).get("chat_id") == GROUP]
    assert menus
    for call in menus:
        assert [c["command"] for c in call.params["commands"]] == list(DESK_COMMANDS)
    german = [c for c in menus if "language_code" not in c.params]
    assert german and german[0].params["commands"][4]["description"] == desk.t(DESK_LANG, "desk_commands.failed")
