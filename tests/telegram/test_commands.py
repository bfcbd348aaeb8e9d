"""Command forms: `/claim@bot 12` (what Telegram sends when a command is picked from the group's menu) works
like `/claim 12`; a command for another bot is left alone; a lone `/` and unknown commands get an answer."""

from __future__ import annotations

from fakes import BOT_USERNAME, Call
from harness import CASEWORKER, OMAR, Harness

from bot.storage import tickets
from bot.telegram.handlers import command_of


def test_command_forms() -> None:
    assert command_of("/claim@wegweiser_bot 12", "Wegweiser_Bot") == command_of("/claim 12", "wegweiser_bot")
    assert command_of("/claim\n12").args == "12"  # type: ignore[union-attr]
    assert command_of("/") == command_of("/ ") is not None
    assert command_of("/claim@other_bot 12", "wegweiser_bot") is None


async def test_claim_with_the_bots_name_works_like_claim(desk: Harness) -> None:
    h = desk
    ticket = await h.open_ticket(OMAR, "ar", "Ich brauche Hilfe mit dem Jobcenter")
    replies = await h.group_command(f"/claim@{BOT_USERNAME} {ticket.id}")
    assert replies, "no answer to /claim@bot"
    claimed = await tickets.get(h.db, ticket.id)
    assert claimed is not None and claimed.status == "claimed" and claimed.claimed_by == CASEWORKER["id"]


async def test_a_command_for_another_bot_is_left_alone(desk: Harness) -> None:
    h = desk
    ticket = await h.open_ticket(OMAR, "ar", "Ich brauche Hilfe mit dem Jobcenter")
    assert await h.group_command(f"/claim@some_other_bot {ticket.id}") == []
    still = await tickets.get(h.db, ticket.id)
    assert still is not None and still.status == "open"


async def test_a_lone_slash_and_unknown_commands_are_answered(desk: Harness) -> None:
    h = desk
    usage = h.et("de", "desk.usage")
    assert [c.text for c in await h.group_command("/")] == [usage]
    assert [c.text for c in await h.group_command("/gibtsnicht 3")] == [usage]
    await h.onboard(OMAR, "de")
    for text in ("/", "/gibtsnicht", f"/help@{BOT_USERNAME}"):
        answered: list[Call] = await h.command(OMAR, text)
        assert answered and answered[-1].text, text
    assert h.errors() == []
