"""`wegweiser chat` shows the events list and subscribing works there: buttons are numbered lines."""

from __future__ import annotations

import io

import pytest
from eventkit import with_events

from bot import console
from bot.conversation.context import Services
from bot.runtime import Loaded, build_services
from bot.settings import Settings


async def test_the_console_chat_lists_events_and_subscribes(
    settings: Settings, loaded: Loaded, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async def services_with_events(custom: Settings) -> Services:
        services = await build_services(custom, loaded)
        with_events(services)
        return services

    monkeypatch.setattr(console, "build_services", services_with_events)
    # Deutsch, Mitte, /events, then the 4th button: "more" for the café, the parents' group and the festival,
    # then "subscribe: Mitte"
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n2\n/events\n4\n/mydata\n"))
    assert await console.chat(settings) == 0
    out = capsys.readouterr().out
    assert "Nächste Veranstaltungen – Mitte" in out and "morgen, 8. Dezember 2026 · 16:00–18:00" in out
    assert "[4] 🔔 Abonnieren: Mitte" in out
    assert "✅ Veranstaltungs-Nachrichten für Mitte abonniert" in out
    assert "Veranstaltungs-Nachrichten: Mitte" in out and "<b>" not in out
