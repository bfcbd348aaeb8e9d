"""Fictional organisations for the bot's flow tests (tests/data/orgs-bot/), and a knowledge base holding them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from bot.knowledge.directory_schema import Organisation
from bot.runtime import Loaded

FIXTURES = Path(__file__).resolve().parent / "data" / "orgs-bot" / "organisations.yaml"


def fixture_orgs() -> tuple[Organisation, ...]:
    raw = yaml.safe_load(FIXTURES.read_text(encoding="utf-8"))
    return tuple(Organisation.model_validate(item) for item in raw)


def with_orgs(loaded: Loaded, orgs: tuple[Organisation, ...] | None = None) -> Loaded:
    """The repository's knowledge and matcher, plus the fixture organisations."""
    kb = dataclasses.replace(loaded.kb, organisations=fixture_orgs() if orgs is None else orgs)
    return Loaded(kb, loaded.matcher, loaded.locales)
