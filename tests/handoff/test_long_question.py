"""Telegram's length limit: a 4,000-character question reaches the caseworkers in full, in messages
Telegram accepts; the preview shows its start and end."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from fakes import bad_request
from harness import GROUP, OMAR, Harness, Launch, Recorder

from bot.conversation import ticket_texts as texts
from bot.settings import Settings
from bot.storage import tickets

SENTENCE = "Mein Jobcenter hat den Antrag abgelehnt, ich verstehe den Bescheid nicht."
LONG = " ".join(f"Satz {n}: {SENTENCE}" for n in range(48))


def visible(html_text: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html_text))


class StrictTelegram(Recorder):
    """Refuses a message longer than 4096 characters once parsed, as Telegram does."""

    async def do_request(self, url: str, method: str, request_data: Any = None, **kwargs: Any) -> tuple[int, bytes]:
        if url.endswith(("/sendMessage", "/editMessageText")) and request_data is not None:
            text = str(request_data.parameters.get("text", ""))
            if texts.units(visible(text)) > texts.TELEGRAM_LIMIT:
                self.fail(url.rsplit("/", 1)[-1], bad_request("message is too long"))
        return await super().do_request(url, method, request_data, **kwargs)


async def test_a_4000_character_question_goes_to_a_person_in_full(launch: Launch, hsettings: Settings) -> None:
    assert 3900 < len(LONG) <= 4000
    h = await launch(hsettings, StrictTelegram())
    await h.onboard(OMAR, "de")
    await h.say(OMAR, LONG)
    shown = await h.press(OMAR, "P")
    assert shown and shown[-1].callback_data() == ["HS", "HN", "HC"], "the preview did not reach the user"
    preview = shown[-1].text or ""
    assert LONG[:200] in unescape(preview) and LONG[-100:] in unescape(preview) and "[…]" in preview
    sent = await h.press(OMAR, "HS")
    assert sent and "HS" not in sent[-1].callback_data()
    ticket = await tickets.open_for_user(h.db, OMAR.id)
    assert ticket is not None and ticket.text == LONG  # the full draft, not the preview
    assert await h.deliver() == 2
    group = h.to(GROUP)
    assert [c.ok for c in h.req.attempts("sendMessage")] == [True] * len(h.req.attempts("sendMessage"))
    assert all(texts.units(visible(c.text or "")) <= texts.TELEGRAM_LIMIT for c in group)
    post, rest = visible(group[0].text or ""), visible(group[1].text or "")
    head = post.split("\n\n")[1].removesuffix("…")
    tail = rest.split("\n", 1)[1]
    assert f"{head} {tail}" == LONG
    assert h.errors() == []


async def test_details_added_to_a_long_draft_are_kept(desk: Harness) -> None:
    h = desk
    await h.onboard(OMAR, "de")
    await h.say(OMAR, LONG)
    await h.press(OMAR, "P")
    added = await h.say(OMAR, "Der Bescheid ist vom 3. März.")
    assert "Der Bescheid ist vom 3. März." in unescape(added[-1].text or "")  # the end of the draft is shown
    await h.press(OMAR, "HS")
    ticket = await tickets.open_for_user(h.db, OMAR.id)
    assert ticket is not None and ticket.text == f"{LONG}\nDer Bescheid ist vom 3. März."


def test_a_question_is_cut_between_words_and_nothing_is_lost() -> None:
    head, rest = texts.cut(LONG, 1000)
    assert len(head) <= 1000 and f"{head} {rest}" == LONG and not head.endswith(" ")
    emoji = "🙂" * 3000  # two UTF-16 units each, as Telegram counts them
    head, rest = texts.cut(emoji, 4000)
    assert texts.units(head) <= 4000 and head + rest == emoji
