"""Self-harm told in the past, being pushed down now and "give me a person": what a blind set's first look showed
missed (the emergencies were offered among other services, not at once). The messages are written for these tests."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("uk", "я знову порізала собі руки, не можу зупинитись", "suicide"),
        ("ru", "порезала себе руки вчера и опять хочется", "suicide"),
        ("en", "i cut myself again last night and i want to do it more", "suicide"),
        ("de", "hab mich wieder geritzt und hab angst vor mir", "suicide"),
        ("tr", "dün gece yine kendimi kestim", "suicide"),
        ("ar", "jara7t 7ali mbare7 w bade a3idha", "suicide"),
        ("fa", "دیشب دوباره خودمو زخمی کردم", "suicide"),
        ("fa", "شوهرم منو هل داد زمین و هنوز خونه است", "violence"),
        ("en", "he pushed me to the ground and is still here", "violence"),
        ("ru", "муж толкнул меня на пол, он дома", "violence"),
        ("tr", "kocam beni yere itti evde hala", "violence"),
    ],
)
def test_self_harm_and_being_pushed_down_are_emergencies(
    real_matcher: Matcher, lang: str, text: str, kind: str
) -> None:
    found = real_matcher.listed_emergency(text, lang)
    assert found is not None and found[0] == kind, text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "ich habe mich beim kochen geschnitten, brauche ich einen arzt?"),
        ("ru", "порезала палец ножом на кухне"),
        ("en", "can you push my appointment to next week"),
    ],
)
def test_everyday_cuts_and_pushes_are_not(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.listed_emergency(text, lang) is None, text


@pytest.mark.parametrize(
    "text",
    ["дайте мені людину, бо бот не допомагає", "дайте человека, который разберется с моими бумагами",
     "потрібна людину яка розбереться з усім цим"],
)
def test_give_me_a_person_who_sorts_it_out_is_a_request_for_a_person(real_matcher: Matcher, text: str) -> None:
    """Also found by blind 14: "дайте людину яка розбереться саме з моєю ситуацією" was answered with a service."""
    assert real_matcher.intents.wants_person(text), text
