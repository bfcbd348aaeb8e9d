"""The languages Wegweiser speaks; one place so knowledge, locales and matching agree."""

from __future__ import annotations

from typing import Final

SUPPORTED: Final = ("de", "en", "ar", "uk", "ru", "tr", "fa")
DEFAULT: Final = "en"
RTL: Final = frozenset({"ar", "fa"})
DISTRICTS: Final = ("charlottenburg-wilmersdorf", "mitte")


def normalise_code(code: str | None) -> str | None:
    """Map a Telegram language_code such as 'de-AT' or 'pt-br' to a supported code, else None."""
    if not code:
        return None
    base = code.split("-")[0].split("_")[0].lower()
    if base == "prs":  # Dari readers get Persian
        base = "fa"
    return base if base in SUPPORTED else None
