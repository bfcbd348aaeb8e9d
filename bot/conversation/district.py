"""Where the user lives: asked once after the language, changeable with /district."""

from __future__ import annotations

from bot.languages import DISTRICTS

from .callbacks import encode
from .context import Turn
from .replies import Button, Reply

CHOICES = (*DISTRICTS, "outside", "none")


def ask_district(turn: Turn) -> list[Reply]:
    rows = (
        *((Button(turn.raw(f"district.{code}"), encode("D", code)),) for code in DISTRICTS),
        (Button(turn.raw("buttons.district_other"), encode("D", "outside")),),
        (Button(turn.raw("buttons.district_unknown"), encode("D", "none")),),
    )
    turn.update(awaiting="district")
    return [Reply(turn.t("district.ask"), rows)]


def set_district(turn: Turn, code: str) -> list[Reply]:
    from .start import menu_row, stale

    if code not in CHOICES:
        return stale(turn)
    turn.update(district=None if code == "none" else code, awaiting=None)
    if code in DISTRICTS:
        text = turn.t("district.set", district=turn.raw(f"district.{code}"))
    else:
        text = turn.t("district.other" if code == "outside" else "district.unknown")
    return [Reply(text, edit=True), Reply(turn.t("start.ready"), menu_row(turn))]


def district_label(turn: Turn) -> str:
    return turn.raw(f"district.{turn.user.district}") if turn.user.district else turn.raw("district.none")
