"""Where the user lives: asked once after the language, changeable with /district."""

from __future__ import annotations

from bot.languages import DISTRICTS
from bot.matching.normalize import ascii_digits
from bot.matching.places import district_from_text

from .common import menu_row, stale
from .context import Turn
from .protocol import Awaiting, SetDistrict
from .registry import Command, Flow
from .replies import Button, Reply

CHOICES = (*DISTRICTS, "outside", "none")


def _row(turn: Turn, code: str) -> tuple[Button, ...]:
    key = {"outside": "buttons.district_other", "none": "buttons.district_unknown"}.get(code, f"district.{code}")
    return (turn.button(key, SetDistrict(code)),)


def ask_district(turn: Turn) -> list[Reply]:
    turn.awaiting = Awaiting.DISTRICT
    return [Reply(turn.t("district.ask"), tuple(_row(turn, code) for code in CHOICES))]


async def district_command(turn: Turn, args: str = "") -> list[Reply]:
    return ask_district(turn)


async def set_district(turn: Turn, action: SetDistrict) -> list[Reply]:
    code = action.district
    if code not in CHOICES:
        return stale(turn)
    turn.user.district = None if code == "none" else code
    turn.awaiting = None
    if code in DISTRICTS:
        text = turn.t("district.set", district=turn.raw(f"district.{code}"))
    else:
        text = turn.t("district.other" if code == "outside" else "district.unknown")
    return [Reply(text, edit=True), Reply(turn.t("start.ready"), menu_row(turn))]


async def on_district_answer(turn: Turn, text: str) -> list[Reply] | None:
    """A postcode or a place name typed at the district question; None when the text is neither."""
    named = district_from_text(text)
    if named is not None:
        return await set_district(turn, SetDistrict(named))
    postcode = ascii_digits(text.strip())
    if not (postcode.isascii() and postcode.isdigit() and len(postcode) == 5):
        return None
    districts = turn.kb.districts_of_postcode(postcode)
    if len(districts) == 1:
        return await set_district(turn, SetDistrict(districts[0] if districts[0] in DISTRICTS else "outside"))
    ours = [d for d in districts if d in DISTRICTS]
    key = "district.postcode_ambiguous" if districts else "district.postcode_unknown"
    offered = set(ours or DISTRICTS) | {"none"}
    if not districts or len(ours) < len(districts):
        offered.add("outside")
    codes = [code for code in CHOICES if code in offered]  # always the same order: "2" means one thing
    return [Reply(turn.t(key, postcode=postcode), tuple(_row(turn, code) for code in codes))]


def district_label(turn: Turn) -> str:
    return turn.raw(f"district.{turn.user.district}") if turn.user.district else turn.raw("district.none")


FLOW = Flow(
    commands=(Command("district", district_command),),
    buttons={SetDistrict: set_district},
    on_text={Awaiting.DISTRICT: on_district_answer},
)
