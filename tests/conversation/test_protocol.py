"""Button actions: every action survives pack -> unpack, anything malformed or forged is refused."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from bot.conversation import protocol
from bot.conversation.protocol import (
    ACTIONS,
    MAX_BYTES,
    Action,
    CloseMyTicket,
    SetDistrict,
    SetLanguage,
    knowledge_tag,
    unpack,
)
from bot.knowledge.model import KnowledgeBase
from bot.languages import DISTRICTS, SUPPORTED

CLASSES = sorted(ACTIONS.values(), key=lambda cls: cls.code)
LONGEST_WORD = "x" * 32  # the longest str field `unpack` accepts
LARGEST_INT = 999_999_999  # the largest int field `unpack` accepts (9 digits)


def build(cls: type[Action], text: str = "mitte", number: int = 7, flag: bool = True) -> Action:
    """An instance of `cls` with every str field `text`, every int `number`, every bool `flag`."""
    hints = typing.get_type_hints(cls)
    sample: dict[object, object] = {str: text, int: number, bool: flag}
    return cls(**{f.name: sample[hints[f.name]] for f in dataclasses.fields(cls)})


def field_count(cls: type[Action]) -> int:
    return len(dataclasses.fields(cls))


def all_subclasses(cls: type[Action]) -> set[type[Action]]:
    found: set[type[Action]] = set()
    for sub in cls.__subclasses__():
        found |= {sub, *all_subclasses(sub)}
    return found


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("flag", [True, False])
def test_every_action_round_trips(cls: type[Action], flag: bool) -> None:
    action = build(cls, flag=flag)
    data = action.pack()
    assert data.split(protocol.SEP)[0] == cls.code
    back = unpack(data)
    assert type(back) is cls
    assert back == action


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_a_packed_action_fits_telegrams_64_bytes_even_at_the_largest_accepted_values(cls: type[Action]) -> None:
    action = build(cls, text=LONGEST_WORD, number=LARGEST_INT)
    data = action.pack()
    assert len(data.encode()) <= MAX_BYTES
    assert unpack(data) == action


def test_realistic_values_are_well_inside_the_limit(real_kb: KnowledgeBase) -> None:
    gen = knowledge_tag(real_kb)
    longest_district = max((*DISTRICTS, "outside", "none"), key=len)
    packed = [
        protocol.SendEntryToUser(LARGEST_INT, gen, len(real_kb.active) - 1).pack(),
        protocol.TopicPage(gen, len(real_kb.topics) - 1, 999).pack(),
        protocol.Feedback(gen, len(real_kb.active) - 1, False).pack(),
        protocol.RateAnswer(LARGEST_INT, True).pack(),
        SetDistrict(longest_district).pack(),
        *(SetLanguage(code).pack() for code in SUPPORTED),
    ]
    assert max(len(data.encode()) for data in packed) <= 40


def test_every_action_class_is_registered_under_its_own_code() -> None:
    # a second class with an existing code would silently replace the first in ACTIONS
    assert set(ACTIONS.values()) == all_subclasses(Action)
    assert all(ACTIONS[cls.code] is cls for cls in all_subclasses(Action))
    assert all(cls.code.isascii() and protocol.SEP not in cls.code and cls.code for cls in ACTIONS.values())


MALFORMED = [
    "",
    None,
    "L",  # a field missing
    "L:de:en",  # a field too many
    "M:1",  # no fields expected
    "T:abc123:1",  # TopicPage needs three fields
    "HX:abc",  # an int that is not a number
    "HX:-1",
    "HX:1.5",
    "HX: 1",
    "HX:",
    "HX:1234567890",  # ten digits
    "CS:1:abc123:9999999999",
    "X:2",  # a bool that is not 0 or 1
    "X:true",
    "X:01",
    "X:",
    "F:abc123:1:yes",
    "L:dé",  # not ASCII
    "L:٣",
    "HX:١٢",  # Arabic-Indic digits pass str.isdigit()
    "L:DE",  # upper case is not a code
    "L:d e",
    "D:" + "x" * 33,  # a word longer than 32 characters
    "L:" + "a" * 63,  # over 64 bytes
    "Q:1",  # unknown code
    "l:de",
    ":de",
    "L::",
    "E:abc123:1:",
]


@pytest.mark.parametrize("data", MALFORMED)
def test_malformed_or_forged_data_is_refused(data: str | None) -> None:
    assert unpack(data) is None


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_one_field_more_or_less_is_refused(cls: type[Action]) -> None:
    data = build(cls).pack()
    assert unpack(data + ":1") is None
    if field_count(cls):
        assert unpack(data.rsplit(protocol.SEP, 1)[0]) is None


def test_nine_digit_ints_are_accepted() -> None:
    assert unpack("HX:999999999") == CloseMyTicket(999_999_999)
    assert unpack("HX:0") == CloseMyTicket(0)


def test_pack_refuses_data_telegram_would_reject() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        SetDistrict("x" * 70).pack()
    with pytest.raises(ValueError, match="ASCII"):
        SetDistrict("wedding-é").pack()


@pytest.mark.parametrize("action", [SetLanguage("DE"), SetDistrict("a:b"), CloseMyTicket(-1)], ids=repr)
def test_pack_only_writes_what_unpack_reads_back(action: Action) -> None:
    try:
        data = action.pack()
    except ValueError:
        return  # refusing to pack is fine
    assert unpack(data) == action


# --- knowledge_tag ----------------------------------------------------------------------------


def rebuilt(kb: KnowledgeBase, entries: tuple[object, ...]) -> KnowledgeBase:
    return KnowledgeBase(  # type: ignore[arg-type]
        entries, kb.topics, kb.language_names, kb.intents, kb.postcodes,
        organisations=kb.organisations, events=kb.events,
    )


def test_knowledge_tag_is_a_short_word_that_fits_a_button(real_kb: KnowledgeBase) -> None:
    tag = knowledge_tag(real_kb)
    assert tag == knowledge_tag(rebuilt(real_kb, real_kb.entries))
    assert len(tag) == 6 and protocol._WORD.match(tag)


def test_knowledge_tag_changes_when_the_active_entries_change(real_kb: KnowledgeBase) -> None:
    tag = knowledge_tag(real_kb)
    first, second, *rest = real_kb.active
    retired = first.model_copy(update={"status": "inactive"})
    assert knowledge_tag(rebuilt(real_kb, (retired, second, *rest))) != tag  # one entry gone
    assert knowledge_tag(rebuilt(real_kb, (second, first, *rest))) != tag  # positions moved
    assert knowledge_tag(rebuilt(real_kb, (first, second, *rest)[:-1])) != tag


def test_knowledge_tag_ignores_inactive_entries_and_text_edits(real_kb: KnowledgeBase) -> None:
    tag = knowledge_tag(real_kb)
    first, *rest = real_kb.active
    retired = first.model_copy(update={"status": "inactive", "id": "retired-office"})
    assert knowledge_tag(rebuilt(real_kb, (*real_kb.active, retired))) == tag
    edited = first.model_copy(update={"organization": "Renamed e.V."})
    assert knowledge_tag(rebuilt(real_kb, (edited, *rest))) == tag  # same positions: old buttons stay valid
