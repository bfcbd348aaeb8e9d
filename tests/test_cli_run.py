"""`wegweiser run` refuses an open webhook; the listener stays on loopback unless told otherwise."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.settings import Settings, SettingsError


def test_a_webhook_without_a_secret_refuses_to_start(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BOT_TOKEN", "123:abc")
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/telegram")
    monkeypatch.delenv("WEBHOOK_SECRET", raising=False)
    assert main(["run"]) == 1
    assert "WEBHOOK_SECRET" in capsys.readouterr().err


def test_the_webhook_listens_on_loopback_by_default() -> None:
    assert Settings.from_env({}).webhook_listen == "127.0.0.1"
    assert Settings.from_env({"WEBHOOK_LISTEN": "0.0.0.0"}).webhook_listen == "0.0.0.0"


def test_the_semantic_layer_switch_reads_on_and_off() -> None:
    assert Settings.from_env({}).semantic_layer is True
    assert Settings.from_env({"SEMANTIC_LAYER": "off"}).semantic_layer is False
    with pytest.raises(SettingsError, match="SEMANTIC_LAYER"):
        Settings.from_env({"SEMANTIC_LAYER": "maybe"})
