"""A stroke told as the past is no emergency by that word alone; leaving life is one (blind set 15's first look:
a grandmother who cannot climb stairs since her stroke got the 112 card, "сьогодні вночі піду з життя" a choice).
The messages are written for these tests."""

from __future__ import annotations

import pytest

from bot.knowledge.schema import EmergencyIntent
from bot.matching import Matcher
from bot.matching.intents import IntentMatcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "бабуся після інсульту не може ходити по сходах, нам треба інше житло"),
        ("ru", "папа после инсульта, нужна сиделка, кто платит"),
        ("de", "meine mutter braucht nach dem schlaganfall einen pflegeplatz"),
        ("en", "my father after his stroke needs a wheelchair, who pays"),
        ("tr", "babam felçten sonra yürüyemiyor, bakım için para alabilir miyiz"),
        ("ar", "ابوي بعد الجلطة ما يقدر يمشي، نحتاج كرسي"),
        ("fa", "پدرم بعد از سکته نمیتونه راه بره، ویلچر از کجا بگیرم"),
    ],
)
def test_a_stroke_in_the_past_is_no_emergency_by_that_word(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.listed_emergency(text, lang) is None, text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "nach dem schlaganfall letztes jahr atmet er jetzt nicht mehr"),
        ("uk", "після інсульту тато знепритомнів і не дихає"),
        ("en", "my grandma had a stroke, she is unconscious now"),
        ("ru", "у мамы инсульт прямо сейчас"),
    ],
)
def test_another_emergency_word_beside_the_past_still_counts(real_matcher: Matcher, lang: str, text: str) -> None:
    found = real_matcher.listed_emergency(text, lang)
    assert found is not None and found[0] == "medical", text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "я вже все вирішила, сьогодні вночі піду з життя"),
        ("ru", "я решила уйти из жизни, простите"),
        ("uk", "ya vzhe vyrishyla, sohodni vnochi pidu z zhyttia"),
    ],
)
def test_leaving_life_is_a_suicide_emergency(real_matcher: Matcher, lang: str, text: str) -> None:
    found = real_matcher.listed_emergency(text, lang)
    assert found is not None and found[0] == "suicide", text


def test_earlier_phrases_only_hide_their_own_words() -> None:
    from bot.knowledge.schema import Intents

    intents = Intents(emergency={"medical": EmergencyIntent(
        prefer=("x",), words=("stroke", "not breathing"), earlier=("after the stroke",))})
    matcher = IntentMatcher.build(intents)
    assert matcher.emergency_kind("after the stroke she needs care") is None
    assert matcher.emergency_kind("a stroke, after the stroke last year") == ("medical", ("x",))
    assert matcher.emergency_kind("after the stroke he is not breathing") == ("medical", ("x",))
