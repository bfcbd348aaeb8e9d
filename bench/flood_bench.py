"""One chat's flood wait must not delay the others: the outbox's per-chat queues, measured.

Chat A gets "429 retry after 30" on every send; while A waits, answers to N other chats are queued one
after another, at --interval (default 50 ms: 20 a second, under Telegram's overall 30 a second, which the
worker also keeps and which would add its own wait), and the running delivery worker sends them. Prints the delay from
queueing to delivery for the other chats (p50, p99, max; issue 13's target: at most 1 s) and checks that
A's messages were not sent during its wait. Offline: the tests' recording fake of the Bot API, a real
SQLite file in a temporary folder.

    .venv/bin/python bench/flood_bench.py [--chats 50]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from fakes import RecordingRequest, too_many_requests  # noqa: E402

from bot.settings import Settings  # noqa: E402
from bot.storage import outbox  # noqa: E402
from bot.storage.outbox import OutMessage  # noqa: E402
from bot.telegram.app import build_application  # noqa: E402

FLOODED = 7_000_001
WAIT_S = 30
POLL_S = 0.002


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run(chats: int, interval: float, folder: Path) -> int:
    settings = Settings(semantic_layer=False, database_path=folder / "wegweiser.db",
                        knowledge_dir=REPO / "knowledge", locales_dir=REPO / "locales", user_rate_limit=1000)
    req = RecordingRequest()
    for _ in range(3):
        req.fail_chat(FLOODED, too_many_requests(WAIT_S))
    app = build_application(settings, request=req, rate_limiter=False)
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    worker = app.bot_data["outbox_worker"]
    db = app.bot_data["conversation"].services.db

    def delivered_to(chat_id: int) -> bool:
        return any(c.ok and str(c.params.get("chat_id")) == str(chat_id) for c in req.calls)

    async def queue(chat_id: int, text: str) -> None:
        async with db.unit_of_work():
            await outbox.add(db, chat_id, "answer", OutMessage(text))
        worker.wake()

    await queue(FLOODED, "first to the flooded chat")
    await queue(FLOODED, "second to the flooded chat")
    while not any(not c.ok for c in req.calls):  # A's first attempt got its 429
        await asyncio.sleep(POLL_S)
    delays: list[float] = []
    for n in range(chats):
        chat_id = 8_000_000 + n
        started = time.perf_counter()
        await queue(chat_id, f"answer {n}")
        while not delivered_to(chat_id):
            await asyncio.sleep(POLL_S)
            if time.perf_counter() - started > WAIT_S:
                print(f"chat {chat_id}: not delivered within {WAIT_S} s")
                return 1
        delays.append(time.perf_counter() - started)
        await asyncio.sleep(max(0.0, interval - delays[-1]))
    flooded_sent = delivered_to(FLOODED)
    await worker.stop()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)
    print(f"{chats} other chats while one chat waits out a {WAIT_S} s flood: delay queue->delivered "
          f"p50 {1000 * percentile(delays, 0.5):.0f} ms, p99 {1000 * percentile(delays, 0.99):.0f} ms, "
          f"max {1000 * max(delays):.0f} ms (target: at most 1000 ms)")
    print(f"the flooded chat's messages sent during its wait: {'yes (WRONG)' if flooded_sent else 'none'}")
    return 0 if max(delays) <= 1.0 and not flooded_sent else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--interval", type=float, default=0.05, help="seconds between two queued answers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        return asyncio.run(run(args.chats, args.interval, Path(folder)))


if __name__ == "__main__":
    sys.exit(main())
