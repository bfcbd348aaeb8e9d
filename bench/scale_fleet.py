"""Workers for bench/scale_bench.py: N real `wegweiser run` processes in webhook mode on loopback.

Each worker listens on 127.0.0.1 on a free port, talks to the fake Bot API for its outgoing calls and shares
one database (an SQLite file, or a PostgreSQL schema of its own made for the run and dropped after it).
`Fleet.post` delivers a webhook update the way Telegram and a round-robin proxy do together: to the next
worker, with the secret header, and to the next one again when a worker is down, answers 5xx or does not
answer in time (so an update may arrive twice: the workers keep one per update_id). `Fleet.chaos` SIGKILLs a
random worker every 2-5 s and starts it again.
"""

from __future__ import annotations

import contextlib
import http.client
import itertools
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SECRET = "scale-bench-secret-0123456789"
POST_TIMEOUT = 10.0  # seconds a webhook POST may take before it is sent to the next worker
POST_GIVE_UP = 120.0  # seconds an update is offered to the workers before the bench counts it refused
READY_TIMEOUT = 90.0  # seconds a starting worker may take to listen (4 start at once on 2 cores)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Worker:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.env = {**env, "PORT": str(self.port)}
        self.log = open(log, "ab")  # noqa: SIM115 - open for the whole run
        self.proc: subprocess.Popen[bytes] | None = None
        self.cpu = 0.0  # CPU seconds of the processes that ended (each start is a new process)

    def cpu_now(self) -> float:
        """CPU seconds (user + system) of the running process, from /proc; 0 where there is none."""
        if self.proc is None:
            return 0.0
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def start(self) -> None:
        code = self.env.get("PYTHONPATH") or str(REPO)  # the checkout whose bot/ the workers run
        self.proc = subprocess.Popen([sys.executable, str(REPO / "bench" / "scale_worker.py")], cwd=code,
                                     env=self.env, stdout=self.log, stderr=self.log)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def wait_ready(self, seconds: float = READY_TIMEOUT) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.alive():
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
            time.sleep(0.05)
        return False

    def kill(self) -> None:
        if self.proc is not None:
            self.cpu += self.cpu_now()
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> int:
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.cpu += self.cpu_now()
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()


class Fleet:
    def __init__(self, count: int, env: dict[str, str], folder: Path) -> None:
        self.workers = [Worker(env, folder / f"worker{k}.log") for k in range(count)]
        self._next = itertools.count()
        self.kills = 0
        self.retries = 0
        self._stop = threading.Event()
        self.closing = threading.Event()  # set when the bench ends early: posts give up at once
        self._killer: threading.Thread | None = None

    def start(self) -> None:
        for worker in self.workers:
            worker.start()
        for k, worker in enumerate(self.workers):
            if not worker.wait_ready():
                raise SystemExit(f"worker {k} did not start: see {worker.log.name}")

    def logs(self) -> str:
        texts = []
        for worker in self.workers:
            with contextlib.suppress(OSError):
                texts.append(Path(worker.log.name).read_text(errors="replace"))
        return "".join(texts)

    def stop(self) -> list[int]:
        self._stop.set()
        self.closing.set()
        if self._killer is not None:
            self._killer.join()
        return [worker.stop() for worker in self.workers]

    def cpu(self) -> float:
        """CPU seconds all worker processes used so far (the ones killed included)."""
        return sum(worker.cpu + worker.cpu_now() for worker in self.workers)

    def post(self, update: dict[str, Any]) -> bool:
        """Offer the update round-robin until a worker answers 200; False if none did within POST_GIVE_UP."""
        body = json.dumps(update).encode()
        headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
        deadline = time.monotonic() + POST_GIVE_UP
        while time.monotonic() < deadline and not self.closing.is_set():
            worker = self.workers[next(self._next) % len(self.workers)]
            conn = http.client.HTTPConnection("127.0.0.1", worker.port, timeout=POST_TIMEOUT)
            try:
                conn.request("POST", "/telegram", body, headers)
                if conn.getresponse().status == 200:
                    return True
            except OSError:
                pass
            finally:
                conn.close()
            self.retries += 1
            time.sleep(0.02)
        return False

    def chaos(self, seed: int, low: float = 2.0, high: float = 5.0) -> None:
        """From now on, SIGKILL a random worker every low-high seconds and start it again at once."""
        rng = random.Random(seed)

        def loop() -> None:
            while not self._stop.wait(rng.uniform(low, high)):
                worker = rng.choice(self.workers)
                worker.kill()
                self.kills += 1
                worker.start()

        self._killer = threading.Thread(target=loop, daemon=True)
        self._killer.start()

    def calm(self) -> None:
        """Stop the killing and wait until every worker listens again."""
        self._stop.set()
        if self._killer is not None:
            self._killer.join()
        for worker in self.workers:
            if not worker.alive():
                worker.start()
            worker.wait_ready()


def postgres_cpu() -> float:
    """CPU seconds of every running PostgreSQL server process on this machine (other users' included: an upper
    bound for the bench's share), from /proc; connections that ended meanwhile are not counted."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            text = stat.read_text()
            if text.split("(", 1)[1].startswith("postgres)"):
                fields = text.rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


class Readback:
    """Reads the shared database from the bench's threads (a connection per thread, closed by `close`)."""

    def __init__(self, database: str) -> None:
        self.database, self.postgres = database, database.startswith("postgres")
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()

    def rows(self, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if self.postgres:
                import psycopg

                conn = psycopg.connect(self.database, autocommit=True)
            else:
                conn = sqlite3.connect(self.database, timeout=30, check_same_thread=False)
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        if self.postgres:
            query = query.replace("?", "%s")
        return list(conn.execute(query, params).fetchall())

    def stored_updates(self) -> dict[int, bool]:
        """update_id -> processed."""
        rows = self.rows("SELECT update_id, processed_at IS NOT NULL FROM inbound_updates")
        return {int(u): bool(p) for u, p in rows}

    def sent_recorded(self, message_ids: list[int]) -> int | None:
        """The first of these message ids the outbox committed as sent (a caseworker can only answer a post
        the bot knows it posted: Telegram's answer reaches the fake a moment before the worker's commit, and a
        post sent again after a kill has a new id)."""
        for message_id in message_ids:
            if self.rows("SELECT 1 FROM outbox WHERE sent_message_id = ?", (message_id,)):
                return message_id
        return None

    def close(self) -> None:
        for conn in self._all:
            conn.close()


@contextlib.contextmanager
def database(url: str | None, folder: Path) -> Any:
    """Yields (env entries, what to read back): a new SQLite file, or a fresh schema dropped at the end."""
    if not url:
        path = folder / "wegweiser.db"
        yield {"DATABASE_PATH": str(path)}, str(path)
        return
    import psycopg

    from bot.storage.pg_conn import with_search_path

    schema = f"scale_bench_{os.getpid()}_{random.randrange(10**6)}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            scoped = with_search_path(url, schema)
            yield {"DATABASE_URL": scoped, "DATABASE_PATH": str(folder / "unused.db")}, scoped
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
