"""One typed settings object, read from the environment once at start-up."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_TELEGRAM_BASE_URL = "https://api.telegram.org/bot"


class SettingsError(ValueError):
    """A setting has a value we cannot use; the message names the variable."""


def _int_list(name: str, raw: str) -> frozenset[int]:
    try:
        return frozenset(int(part) for part in raw.replace(";", ",").split(",") if part.strip())
    except ValueError as exc:
        raise SettingsError(f"{name} must be a comma-separated list of numeric Telegram ids") from exc


def _int(name: str, raw: str | None, default: int | None) -> int | None:
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from exc


def _switch(name: str, raw: str | None, default: bool) -> bool:
    if raw is None:
        return default
    value = raw.lower()
    if value in ("on", "true", "1", "yes"):
        return True
    if value in ("off", "false", "0", "no"):
        return False
    raise SettingsError(f"{name} must be on or off, got {raw!r}")


@dataclass(frozen=True)
class Settings:
    bot_token: str | None = None
    telegram_base_url: str = DEFAULT_TELEGRAM_BASE_URL
    database_path: Path = Path("data/wegweiser.db")
    database_url: str | None = None  # postgresql://user@host:port/dbname: PostgreSQL instead of the SQLite file
    knowledge_dir: Path = Path("knowledge")
    locales_dir: Path = Path("locales")
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    caseworker_chat_id: int | None = None
    caseworker_hours: str = "Mo-Fr 09:00-16:00"
    webhook_url: str | None = None
    webhook_secret: str | None = None
    port: int = 8443
    log_level: str = "INFO"
    retention_days: int = 90
    user_rate_limit: int = 20
    webhook_listen: str = "127.0.0.1"  # behind a TLS reverse proxy; 0.0.0.0 only when told so
    semantic_layer: bool = True  # SEMANTIC_LAYER=off answers with the lexical matcher alone
    embed_timeout_ms: int = 400  # a message's embedding after this is dropped: the lexical decision stands
    broker_chat_id: int | None = None  # the coordination office's group that gets speaker requests

    def desk_chat(self, kind: str) -> int | None:
        """The group a ticket of this kind goes to: speaker requests to the broker, questions to caseworkers."""
        return self.broker_chat_id if kind == "speaker" else self.caseworker_chat_id

    def desks_of(self, chat_id: int) -> frozenset[str]:
        """The ticket kinds a group works on (both when one group is configured for both)."""
        kinds = (("question", self.caseworker_chat_id), ("speaker", self.broker_chat_id))
        return frozenset(kind for kind, chat in kinds if chat is not None and chat == chat_id)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = env.get(name)
            return value.strip() if value and value.strip() else None

        base_url = get("TELEGRAM_BASE_URL") or DEFAULT_TELEGRAM_BASE_URL
        database_url = get("DATABASE_URL")
        if database_url is not None and not database_url.startswith(("postgresql://", "postgres://")):
            raise SettingsError("DATABASE_URL must start with postgresql:// (leave it unset for the SQLite file)")
        retention = _int("RETENTION_DAYS", get("RETENTION_DAYS"), 90)
        if retention is None or retention < 1:
            raise SettingsError("RETENTION_DAYS must be at least 1")
        return cls(
            bot_token=get("BOT_TOKEN"),
            telegram_base_url=base_url,
            database_path=Path(get("DATABASE_PATH") or "data/wegweiser.db"),
            database_url=database_url,
            knowledge_dir=Path(get("KNOWLEDGE_DIR") or "knowledge"),
            locales_dir=Path(get("LOCALES_DIR") or "locales"),
            admin_ids=_int_list("ADMIN_IDS", get("ADMIN_IDS") or ""),
            caseworker_chat_id=_int("CASEWORKER_CHAT_ID", get("CASEWORKER_CHAT_ID"), None),
            caseworker_hours=get("CASEWORKER_HOURS") or "Mo-Fr 09:00-16:00",
            webhook_url=get("WEBHOOK_URL"),
            webhook_secret=get("WEBHOOK_SECRET"),
            port=_int("PORT", get("PORT"), 8443) or 8443,
            log_level=(get("LOG_LEVEL") or "INFO").upper(),
            retention_days=retention,
            user_rate_limit=_int("USER_RATE_LIMIT", get("USER_RATE_LIMIT"), 20) or 20,
            webhook_listen=get("WEBHOOK_LISTEN") or "127.0.0.1",
            semantic_layer=_switch("SEMANTIC_LAYER", get("SEMANTIC_LAYER"), True),
            embed_timeout_ms=_int("EMBED_TIMEOUT_MS", get("EMBED_TIMEOUT_MS"), 400) or 400,
            broker_chat_id=_int("BROKER_CHAT_ID", get("BROKER_CHAT_ID"), None),
        )

    @property
    def database(self) -> Path | str:
        """Where the data lives: the PostgreSQL URL when DATABASE_URL is set, else the SQLite file."""
        return self.database_url or self.database_path

    @property
    def telegram_base_file_url(self) -> str:
        """PTB wants a separate file URL; derive it so a local Bot API needs one variable."""
        if self.telegram_base_url.rstrip("/").endswith("/bot"):
            return self.telegram_base_url.rstrip("/")[: -len("/bot")] + "/file/bot"
        return self.telegram_base_url.rstrip("/") + "/file/bot"
