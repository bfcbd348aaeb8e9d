"""Made-up events for the tests (tests/data/events-bot/events.yaml), a fixed Berlin clock, and a way to put
the events into running services."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import yaml

from bot.conversation.context import Services
from bot.knowledge.directory import BERLIN
from bot.knowledge.directory_schema import Event

FIXTURE = Path(__file__).resolve().parent / "data" / "events-bot" / "events.yaml"
NOW = dt.datetime(2026, 12, 7, 9, 30, tzinfo=BERLIN)  # a Monday morning, after the quiet hours


def load_events() -> tuple[Event, ...]:
    return tuple(Event.model_validate(raw) for raw in yaml.safe_load(FIXTURE.read_text(encoding="utf-8")))


def with_events(services: Services, events: tuple[Event, ...] | None = None, now: dt.datetime = NOW) -> None:
    """The services' knowledge base with these events (the fixture by default) and a clock fixed at `now`."""
    kb = dataclasses.replace(services.kb, events=load_events() if events is None else events)
    services.swap(kb, services.matcher, services.locales)
    services.clock = lambda: now
