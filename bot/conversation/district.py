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



def on_postcode(turn: Turn, text: str) -> list[Reply] | None:
    """A postcode typed at the district question; None when the text is not a postcode."""
    postcode = text.strip()
    if turn.user.awaiting != "district" or not (postcode.isdigit() and len(postcode) == 5):
        return None
    districts = turn.kb.districts_of_postcode(postcode)
    if len(districts) == 1:
        code = districts[0] if districts[0] in DISTRICTS else "outside"
        return set_district(turn, code)
    ours = [d for d in districts if d in DISTRICTS]
    key = "district.postcode_ambiguous" if districts else "district.postcode_unknown"
    rows = [(Button(turn.raw(f"district.{code}"), encode("D", code)),) for code in (ours or DISTRICTS)]
    if not districts or len(ours) < len(districts):
        rows.append((Button(turn.raw("buttons.district_other"), encode("D", "outside")),))
    rows.append((Button(turn.raw("buttons.district_unknown"), encode("D", "none")),))
    return [Reply(turn.t(key, postcode=postcode), tuple(rows))]


def district_label(turn: Turn) -> str:
    return turn.raw(f"district.{turn.user.district}") if turn.user.district else turn.raw("district.none")
