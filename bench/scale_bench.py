"""Scale-out bench: N `wegweiser run` workers in webhook mode on loopback, one database, a fake Bot API.

Outside the unit suite. 200 newcomers (default) each write /start, pick language and district, ask a
question, press "Ask a person" and "Send"; when the ticket's post reaches the caseworker group, a caseworker
answers it twice (replies to the post), and the bot forwards each answer to the newcomer. Every update is
POSTed round-robin to the workers with the secret header (bench/scale_fleet.py), one step of a conversation
after the bot's reply to the previous one (`--concurrency` conversations at a time). Latency is the POST's
start to the first matching message the fake Bot API records: any message to the newcomer for their own
steps, the post in the group for "Send", the forwarded answer for a caseworker's reply.

Reported per run: updates per second (updates / wall time of the conversations) and p50/p99 latency. With
`--chaos` a random worker is SIGKILLed every 2-5 s and started again during the conversations; then the
bench waits for every known outcome and reports lost updates (answered 200 but never stored or processed),
lost and duplicated posts, answers and "delivered" notices, and answers out of order (like bench/chaos.py).

Telegram's send limits (30 a second, 20 a minute per group) are lifted in the workers (bench/scale_worker.py),
`--telegram-limits` keeps them. Only loopback; bounded by --max-seconds.

    .venv/bin/python bench/scale_bench.py --workers 1 --sqlite
    .venv/bin/python bench/scale_bench.py --workers 1 2 4 [--database-url postgresql://...] [--chaos]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from chaos import ANSWER, ANSWERS, CASEWORKER, GROUP, QUESTION, answer, conversation, message_update, person
from fake_bot_api import FakeBotApi, Sent
from scale_fleet import REPO, SECRET, Fleet, Readback, database, postgres_cpu

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
STEP_WAIT = 30.0  # seconds a step waits for its reply (a reply lost with a killed worker is not waited for)
POST_WAIT = 120.0  # seconds "Send" waits for the ticket's post (an outbox delivery: it must come)


class Run:
    def __init__(self, api: FakeBotApi, fleet: Fleet, readback: Readback) -> None:
        self.api, self.fleet, self.readback = api, fleet, readback
        self.latencies: dict[str, list[float]] = {"reply": [], "post": [], "answer": []}  # by what answers
        self.pushed: list[int] = []
        self.refused: list[int] = []
        self.no_reply = 0
        self.cw_messages: dict[int, tuple[int, int]] = {}  # caseworker message id -> (conversation, k)

    def step(self, update: dict[str, Any], chat_id: int, kind: str = "reply", match: Any = None,
             wait: float = STEP_WAIT) -> Sent | None:
        started = time.monotonic()
        self.pushed.append(int(update["update_id"]))
        if not self.fleet.post(update):
            self.refused.append(int(update["update_id"]))
            return None
        reply = self.api.wait_for(chat_id, started, match or (lambda call: True), wait)
        if reply is None:
            self.no_reply += 1
        else:
            self.latencies[kind].append(reply.at - started)
        return reply

    def recorded_post(self, marker: str) -> int | None:
        """The message id of the ticket's post that the outbox recorded as sent, once it did."""
        deadline = time.monotonic() + POST_WAIT
        while time.monotonic() < deadline:
            posts = [c.message_id for c in self.api.calls_to(GROUP) if marker in c.text and c.method == "sendMessage"]
            if (found := self.readback.sent_recorded(posts)) is not None:
                return found
            time.sleep(0.05)
        return None

    def converse(self, i: int) -> None:
        who = person(i)["id"]
        *steps, send = conversation(i)
        for update in steps:
            self.step(update, who)
        marker = f"frage{i:03d}"
        post = self.step(send, GROUP, "post", lambda call: marker in call.text and call.method == "sendMessage",
                         POST_WAIT)
        if post is None or (post_id := self.recorded_post(marker)) is None:
            return
        chat = {"id": GROUP, "type": "supergroup", "title": "Beratung"}
        for k in range(1, ANSWERS + 1):
            update = message_update(CASEWORKER, chat, answer(i, k), reply_to=post_id)
            self.cw_messages[int(update["message"]["message_id"])] = (i, k)
            expected = f"antwort{i:03d}-{k}"
            self.step(update, who, "answer", lambda call, expected=expected: expected in call.text)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def outcomes(run: Run, total: int, stored: dict[int, bool]) -> dict[str, int]:
    sent = run.api.sent_copy()
    posts = Counter(int(m.group(1)) for s in sent if s.chat_id == GROUP and (m := QUESTION.search(s.text)))
    answers = Counter((s.chat_id, m.groups()) for s in sent if s.chat_id > 0 and (m := ANSWER.search(s.text)))
    confirms = Counter(s.reply_to for s in sent if s.chat_id == GROUP and s.reply_to in run.cw_messages)
    expected = [(person(i)["id"], (f"{i:03d}", str(k))) for i in range(total) for k in range(1, ANSWERS + 1)]
    accepted = set(run.pushed) - set(run.refused)
    out_of_order = 0
    for i in range(total):
        order = [m.group(2) for s in sent if s.chat_id == person(i)["id"] and (m := ANSWER.search(s.text))]
        firsts = list(dict.fromkeys(order))
        out_of_order += firsts != sorted(firsts)
    return {
        "lost updates": sum(1 for u in accepted if not stored.get(u)),
        "posts lost": sum(1 for i in range(total) if posts[i] == 0),
        "posts duplicated": sum(n - 1 for n in posts.values() if n > 1),
        "answers lost": sum(1 for key in expected if answers[key] == 0),
        "answers duplicated": sum(n - 1 for n in answers.values() if n > 1),
        "delivered notices lost": sum(1 for m in run.cw_messages if confirms[m] == 0),
        "delivered notices duplicated": sum(n - 1 for n in confirms.values() if n > 1),
        "answers out of order": out_of_order,
    }


def busiest(times: list[float], window: float) -> int:
    """The most messages the fake Bot API received within any `window` seconds (Telegram's limits, kept?)."""
    times, most, first = sorted(times), 0, 0
    for last, at in enumerate(times):
        while at - times[first] >= window:
            first += 1
        most = max(most, last - first + 1)
    return most


def settle(run: Run, total: int, until: float) -> None:
    """Wait until every known outcome arrived (posts, answers, delivered notices) or the time is up."""
    while time.monotonic() < until:
        figures = outcomes(run, total, {})
        if not (figures["posts lost"] or figures["answers lost"] or figures["delivered notices lost"]):
            return
        time.sleep(0.5)


def bench(workers: int, url: str | None, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as scratch:
        folder = Path(scratch)
        api = FakeBotApi()
        api.start()
        with database(url, folder) as (db_env, readback):
            env = {"PATH": "/usr/bin:/bin", "BOT_TOKEN": "123456:scale-fake-token", "TELEGRAM_BASE_URL": api.url,
                   "CASEWORKER_CHAT_ID": str(GROUP), "CASEWORKER_HOURS": "Mo-Su 00:00-24:00",
                   "SEMANTIC_LAYER": "off", "LOG_LEVEL": "WARNING", "PYTHONPATH": str(args.code),
                   "PYTHONDONTWRITEBYTECODE": "1",
                   "WEBHOOK_URL": "https://bot.example.invalid/telegram", "WEBHOOK_SECRET": SECRET,
                   "WEBHOOK_LISTEN": "127.0.0.1", **db_env}
            if not args.telegram_limits:
                env["SCALE_BENCH_LIFT_LIMITS"] = "1"
            fleet = Fleet(workers, env, folder)
            try:
                fleet.start()
                run = Run(api, fleet, Readback(readback))
                started, cpu, own, pg = time.monotonic(), fleet.cpu(), time.process_time(), postgres_cpu()
                if args.chaos:
                    fleet.chaos(args.seed)
                pool = ThreadPoolExecutor(max_workers=args.concurrency)
                try:
                    list(pool.map(run.converse, range(args.conversations)))
                finally:
                    pool.shutdown(wait=False, cancel_futures=True)  # interrupted: the rest never starts
                seconds, cpu, own = time.monotonic() - started, fleet.cpu() - cpu, time.process_time() - own
                pg = postgres_cpu() - pg
                fleet.calm()
                settle(run, args.conversations, started + args.max_seconds)
                time.sleep(1.0)  # a late duplicate would show now
            finally:
                codes = fleet.stop()  # also when interrupted: no worker outlives the bench
            figures = outcomes(run, args.conversations, run.readback.stored_updates())
            run.readback.close()
            logs = fleet.logs()
        sent = api.sent_copy()  # the sendMessage calls the fake recorded (edits, which Telegram counts too, are not)
        api.stop()
    every = [value for values in run.latencies.values() for value in values]
    errors = sum(1 for line in logs.splitlines() if "Traceback" in line or " ERROR " in line)
    return {"workers": workers, "db": "PostgreSQL" if url else "SQLite", "updates": len(run.pushed),
            "seconds": seconds, "rate": len(run.pushed) / seconds, "p50": percentile(every, 0.5),
            "p99": percentile(every, 0.99),
            "p99 by kind": {kind: percentile(values, 0.99) for kind, values in run.latencies.items()},
            "no reply": run.no_reply, "refused": len(run.refused),
            "retries": fleet.retries, "kills": fleet.kills, "exit codes": codes, "log errors": errors,
            "cpu": cpu, "own cpu": own, "pg cpu": pg if url else 0.0,
            "busiest second (all chats)": busiest([m.at for m in sent], 1.0),
            "busiest minute (the group)": busiest([m.at for m in sent if m.chat_id == GROUP], 60.0), **figures}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--sqlite", action="store_true", help="SQLite file instead of PostgreSQL (1 worker)")
    parser.add_argument("--database-url", default=DEFAULT_URL, help="a fresh schema there, dropped at the end")
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=40, help="conversations in flight")
    parser.add_argument("--chaos", action="store_true", help="SIGKILL a random worker every 2-5 s")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-seconds", type=float, default=300.0)
    parser.add_argument("--telegram-limits", action="store_true", help="keep Telegram's send limits")
    parser.add_argument("--code", type=Path, default=REPO, help="the checkout whose bot/ the workers run"
                        " (e.g. an export of another branch); default: this one")
    args = parser.parse_args(argv)
    bad = 0
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before the first run")
    for workers in args.workers:
        if args.sqlite and workers != 1:
            print(f"skipped: {workers} workers on one SQLite file (SQLite serves one process)")
            continue
        r = bench(workers, None if args.sqlite else args.database_url, args)
        print(f"{r['db']}, {r['workers']} worker(s){', chaos' if args.chaos else ''}: {r['updates']} updates in"
              f" {r['seconds']:.1f} s = {r['rate']:.1f} updates/s; p50 {r['p50'] * 1000:.0f} ms,"
              f" p99 {r['p99'] * 1000:.0f} ms; CPU an update: workers {r['cpu'] * 1000 / r['updates']:.1f} ms,"
              f" bench and fake {r['own cpu'] * 1000 / r['updates']:.1f} ms,"
              f" PostgreSQL {r['pg cpu'] * 1000 / r['updates']:.1f} ms;"
              f" steps without a reply {r['no reply']}, refused {r['refused']},"
              f" re-posts {r['retries']}, kills {r['kills']}, exit codes {r['exit codes']},"
              f" log errors {r['log errors']}")
        kinds = ", ".join(f"{kind} {value * 1000:.0f} ms" for kind, value in r["p99 by kind"].items())
        print(f"  p99 by what answers: {kinds} (reply: the bot's direct reply; post and answer: the outbox)")
        print(f"  busiest second at the fake Bot API: {r['busiest second (all chats)']} messages; busiest minute in"
              f" the group: {r['busiest minute (the group)']} (Telegram: about 30 and 20; lifted unless"
              " --telegram-limits)")
        for name in ("lost updates", "posts lost", "posts duplicated", "answers lost", "answers duplicated",
                     "delivered notices lost", "delivered notices duplicated", "answers out of order"):
            print(f"  {name:30} {r[name]}")
            bad += r[name] if ("lost" in name or "order" in name) else 0
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
