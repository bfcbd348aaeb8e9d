"""Shared fixtures: settings on a temporary database, and a real PTB Application on a fake Bot API."""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from telegram.ext import Application, ContextTypes

from bot.knowledge.model import KnowledgeBase
from bot.matching import Matcher
from bot.runtime import Loaded, load
from bot.settings import Settings
from bot.telegram.app import build_application

if TYPE_CHECKING:
    from dbkit import Places

# CLI calls in tests read the environment: no real model or minutes-long cache build there
# (the model has its own tests in tests/matching/test_semantic.py)
os.environ["SEMANTIC_LAYER"] = "off"
TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
if str(TESTS) not in sys.path:  # `from fakes import ...` works however pytest was started
    sys.path.insert(0, str(TESTS))

from fakes import RecordingRequest  # noqa: E402

# fixtures for every module: the hand-off harness; knowledge folders; the database (SQLite or PostgreSQL)
pytest_plugins = ["dbkit", "harness", "kbkit"]

ERRORS = "test_errors"  # bot_data key: exceptions that reached PTB's error handlers
STOPPED = "test_stopped"

AppFactory = Callable[..., Awaitable[Any]]
_SHARED: dict[tuple[Path, Path], Loaded] = {}


def shared_knowledge(settings: Settings) -> Loaded | None:
    """The repository's knowledge, matcher and locales, built once per test session (about 2.5 s each
    time otherwise). Tests on copied or broken knowledge folders build their own."""
    key = (settings.knowledge_dir.resolve(), settings.locales_dir.resolve())
    if key != ((REPO / "knowledge").resolve(), (REPO / "locales").resolve()):
        return None
    if key not in _SHARED:
        _SHARED[key] = load(settings)
    return _SHARED[key]


@pytest.fixture(scope="session")
def loaded() -> Loaded:
    ready = shared_knowledge(Settings(knowledge_dir=REPO / "knowledge", locales_dir=REPO / "locales"))
    assert ready is not None
    return ready


@pytest.fixture(scope="session")
def real_kb(loaded: Loaded) -> KnowledgeBase:
    return loaded.kb


@pytest.fixture(scope="session")
def real_matcher(loaded: Loaded) -> Matcher:
    return loaded.matcher


@pytest.fixture
def settings(tmp_path: Path, where: Places) -> Settings:
    return Settings(
        semantic_layer=False,  # the real model is tested on its own (tests/matching/test_semantic.py)
        database_path=tmp_path / "wegweiser.db",
        database_url=where.url("wegweiser.db"),  # None on SQLite; a schema of this test's on PostgreSQL
        knowledge_dir=REPO / "knowledge",
        locales_dir=REPO / "locales",
        admin_ids=frozenset({999}),
        user_rate_limit=20,
    )


async def _record_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    context.application.bot_data.setdefault(ERRORS, []).append(context.error)


async def start_app(settings: Settings, request: RecordingRequest | None = None) -> Any:
    """Build and initialise the real Application on a fake Bot API.

    PTB 22 runs `post_init` only from run_polling/run_webhook, so it is awaited here.
    """
    app: Application = build_application(  # type: ignore[type-arg]
        settings, request=request or RecordingRequest(), rate_limiter=False, loaded=shared_knowledge(settings)
    )
    app.add_error_handler(_record_error)
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    app.bot_data[ERRORS] = []
    return app


async def stop_app(app: Any) -> None:
    """Shut down as run_polling does (shutdown, then post_shutdown: background workers stop and the
    database closes), and close the database in any case; safe to call twice."""
    if app.bot_data.get(STOPPED):
        return
    app.bot_data[STOPPED] = True
    if app.running:
        await app.stop()
    await app.shutdown()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)
    conversation = app.bot_data.get("conversation")
    if conversation is not None:
        await conversation.services.db.close()  # idempotent


@pytest.fixture
async def make_app(settings: Settings) -> AsyncIterator[Any]:
    """The Application for `settings`; feed it with `await app.process_update(update)`."""
    app = await start_app(settings)
    yield app
    await stop_app(app)


@pytest.fixture
async def app_factory(where: Places) -> AsyncIterator[AppFactory]:
    """`await app_factory(settings)` for extra Applications (restarts, other knowledge folders)."""
    started: list[Any] = []

    async def factory(custom: Settings, request: RecordingRequest | None = None) -> Any:
        app = await start_app(custom, request)
        started.append(app)
        return app

    yield factory
    for app in reversed(started):
        await stop_app(app)
