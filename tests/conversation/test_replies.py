"""Channel-neutral replies: long texts split within Telegram's limits, buttons within 64 bytes."""

from __future__ import annotations

import random
import re

import pytest

from bot.conversation.replies import MAX_CALLBACK_BYTES, MAX_TEXT, Button, split_text

_SPACE = re.compile(r"\s+")


def squeezed(text: str) -> str:
    return _SPACE.sub("", text)


def test_a_short_text_stays_whole() -> None:
    text = "<b>Bürgeramt</b>\n\nZeile 2\n" + "x" * 100
    assert split_text(text) == [text]
    assert split_text("y" * MAX_TEXT) == ["y" * MAX_TEXT]


def test_a_long_text_is_split_at_line_breaks_into_whole_lines() -> None:
    lines = [f"{n:04d} " + "Wort " * 30 for n in range(200)]  # about 31 000 characters
    text = "\n".join(lines)

    chunks = split_text(text)

    assert len(chunks) > 1
    assert all(len(chunk) <= MAX_TEXT for chunk in chunks)
    assert "\n".join(chunks) == text  # nothing lost, nothing cut inside a line
    assert all(line in lines for chunk in chunks for line in chunk.split("\n"))


def test_each_chunk_is_filled_before_the_next_starts() -> None:
    line = "z" * 999
    chunks = split_text("\n".join([line] * 9))  # four lines and their breaks fit in 4096
    assert [chunk.count(line) for chunk in chunks] == [4, 4, 1]


def test_blank_lines_inside_a_chunk_are_kept() -> None:
    text = "Absatz eins\n\nAbsatz zwei\n\n\nAbsatz drei\n" + "w " * 2500
    chunks = split_text(text)
    assert chunks[0].startswith("Absatz eins\n\nAbsatz zwei\n\n\nAbsatz drei")
    assert squeezed("".join(chunks)) == squeezed(text)


def test_one_line_longer_than_the_limit_is_split_between_words() -> None:
    words = [f"w{n}" for n in range(2000)]  # about 11 000 characters on one line
    text = " ".join(words)

    chunks = split_text(text)

    assert len(chunks) >= 3
    assert all(len(chunk) <= MAX_TEXT for chunk in chunks)
    assert " ".join(chunks).split() == words  # no word cut in two, none lost


def test_one_line_without_spaces_is_cut_at_the_limit() -> None:
    text = "x" * 10_000
    chunks = split_text(text)
    assert [len(chunk) for chunk in chunks] == [MAX_TEXT, MAX_TEXT, 10_000 - 2 * MAX_TEXT]
    assert "".join(chunks) == text


@pytest.mark.parametrize("seed", range(5))
def test_random_texts_keep_every_character_within_the_limit(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(200):
        limit = rng.randint(10, 80)
        parts: list[str] = []
        for _ in range(rng.randint(1, 60)):
            roll = rng.random()
            if roll < 0.2:
                parts.append("\n")
            elif roll < 0.3:
                parts.append("q" * rng.randint(1, 3 * limit) + " ")
            else:
                parts.append("".join(rng.choice("abcäß&<>;") for _ in range(rng.randint(1, 12))) + " ")
        text = "".join(parts).strip() or "a"

        chunks = split_text(text, limit)

        assert all(0 < len(chunk) <= limit for chunk in chunks), (text, limit, chunks)
        assert squeezed("".join(chunks)) == squeezed(text), (text, limit, chunks)


def test_a_button_takes_callback_data_up_to_64_bytes() -> None:
    assert Button("ok", "x" * MAX_CALLBACK_BYTES).data == "x" * MAX_CALLBACK_BYTES


@pytest.mark.parametrize("data", ["x" * 65, "ä" * 33, "🗣" * 17])  # 65, 66 and 68 bytes
def test_a_button_refuses_callback_data_over_64_bytes(data: str) -> None:
    assert len(data) < 66
    with pytest.raises(ValueError, match="64 bytes"):
        Button("label", data)
