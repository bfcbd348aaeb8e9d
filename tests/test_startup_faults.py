"""A database that cannot be opened or migrated ends `wegweiser run` with a clear message and exit code 1,
within seconds and before it talks to Telegram (TELEGRAM_BASE_URL points at a closed loopback port)."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.storage.db import Database, DatabaseUnavailable

pytestmark = pytest.mark.sqlite_only  # unreadable, locked and read-only SQLite files

REPO = Path(__file__).resolve().parent.parent
# root writes anywhere; without these capabilities it is held to the permission bits like anyone else
WITHOUT_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # nothing listens there once the socket is closed


def run_bot(database: Path, held_to_permissions: bool = False) -> tuple[int, str, float]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "BOT_TOKEN": "123456:fake-token-for-tests",
        "TELEGRAM_BASE_URL": f"http://127.0.0.1:{closed_port()}/bot",
        "DATABASE_PATH": str(database),
        "SEMANTIC_LAYER": "off",
        "PYTHONPATH": str(REPO),
    }
    prefix = WITHOUT_OVERRIDE if held_to_permissions else []
    started = time.monotonic()
    done = subprocess.run([*prefix, sys.executable, "-m", "bot.cli", "run"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=30)
    return done.returncode, done.stderr, time.monotonic() - started


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    """A directory made read-only once the test has put what it needs there (`read_only`)."""
    path = tmp_path / "data"
    path.mkdir()
    yield path
    path.chmod(0o755)


def read_only(directory: Path) -> bool:
    """Make `directory` read-only for the bot; True when the bot must also lose root's override for that."""
    directory.chmod(0o555)
    if os.geteuid() != 0:
        return False
    if shutil.which("setpriv") is None:
        pytest.skip("running as root and setpriv is missing: no directory is read-only for root")
    return True


def assert_clean_exit(result: tuple[int, str, float]) -> None:
    code, err, seconds = result
    assert code == 1, err
    assert "cannot open the database" in err and "DATABASE_PATH" in err, err
    assert "Traceback" not in err, err
    assert "ConnectError" not in err, "it talked to Telegram before checking the database"
    assert seconds < 10, seconds


def test_a_corrupt_database_file_stops_run_with_exit_1(tmp_path: Path) -> None:
    database = tmp_path / "wegweiser.db"
    database.write_bytes(b"this is not a database, it was overwritten by something else " * 64)
    assert_clean_exit(run_bot(database))


def test_a_new_database_in_a_read_only_directory_stops_run_with_exit_1(locked: Path) -> None:
    assert_clean_exit(run_bot(locked / "wegweiser.db", held_to_permissions=read_only(locked)))


def test_an_existing_database_in_a_read_only_directory_stops_run_with_exit_1(locked: Path) -> None:
    with sqlite3.connect(locked / "wegweiser.db") as conn:  # WAL needs files beside it: it cannot open
        conn.execute("CREATE TABLE t (x)")
    assert_clean_exit(run_bot(locked / "wegweiser.db", held_to_permissions=read_only(locked)))


async def test_a_failed_migration_closes_the_connection(tmp_path: Path) -> None:
    database = tmp_path / "wegweiser.db"
    with sqlite3.connect(database) as conn:  # a table in the way of the first migration
        conn.execute("CREATE TABLE users (x)")
    with pytest.raises(DatabaseUnavailable, match="already exists"):
        await Database.open(database)

    def connection_threads() -> list[threading.Thread]:
        return [t for t in threading.enumerate() if "_connection_worker_thread" in t.name]

    deadline = time.monotonic() + 5
    while connection_threads() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not connection_threads()  # none left to keep the process alive
