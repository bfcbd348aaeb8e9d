"""Chaos soak: the real `wegweiser run` (polling) on a fake Bot API, killed with SIGKILL at random points.

Outside the unit suite. Each newcomer writes /start, picks language and district, asks a question with a
marker, presses "Ask a person" and "Send"; once the ticket's post reaches the group, a caseworker answers
it twice. The bot process is killed N times (default 20, at most 100) at random moments (some during
start-up, when stored updates are replayed) and started again each time; then it runs until everything
known has arrived (or the time is up) and is stopped with SIGTERM.

The report: updates lost (confirmed to "Telegram" but never stored and processed), known outcomes lost
or duplicated (one post per ticket, each caseworker answer once to the newcomer, one "delivered" per
answer in the group), and answers that reached a newcomer out of order. Exit code 1 on anything lost or
out of order; duplicates are reported (delivery is at least once: a kill between Telegram's answer and
the outbox's commit sends again).

Only loopback: the fake API listens on 127.0.0.1; bounded in kills (<= 100) and time (--max-seconds).

    .venv/bin/python bench/chaos.py [--kills 20] [--seed 1] [--max-seconds 900]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fake_bot_api import BOT, FakeBotApi  # noqa: E402

from bot.conversation.protocol import AskPerson, SendDraft, SetDistrict, SetLanguage  # noqa: E402

GROUP = -1001234567890
CASEWORKER = {"id": 4711, "is_bot": False, "first_name": "Karin"}
ANSWERS = 2  # per ticket, in this order
QUESTION = re.compile(r"frage(\d{3})")
ANSWER = re.compile(r"antwort(\d{3})-(\d)")
_update_ids = itertools.count(1000)
_message_ids = itertools.count(1)


def person(i: int) -> dict[str, Any]:
    return {"id": 700_000 + i, "is_bot": False, "first_name": f"Neu{i}", "language_code": "de"}


def message_update(sender: dict[str, Any], chat: dict[str, Any], text: str, reply_to: int | None = None) -> dict:
    message: dict[str, Any] = {"message_id": next(_message_ids), "date": int(time.time()), "chat": chat,
                               "from": sender, "text": text}
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    if reply_to is not None:
        message["reply_to_message"] = {"message_id": reply_to, "date": int(time.time()), "chat": chat,
                                       "from": BOT, "text": "…"}
    return {"update_id": next(_update_ids), "message": message}


def press_update(sender: dict[str, Any], data: str) -> dict[str, Any]:
    chat = {"id": sender["id"], "type": "private", "first_name": sender["first_name"]}
    query = {"id": str(next(_message_ids)), "from": sender, "chat_instance": f"ci{sender['id']}", "data": data,
             "message": {"message_id": 1, "date": int(time.time()), "chat": chat, "from": BOT, "text": "…"}}
    return {"update_id": next(_update_ids), "callback_query": query}


def conversation(i: int) -> list[dict[str, Any]]:
    """A newcomer's updates up to a sent ticket; processed in update_id order, so all can go at once."""
    who = person(i)
    chat = {"id": who["id"], "type": "private", "first_name": who["first_name"]}
    question = f"Mein Vermieter will die Kaution nicht zurückgeben, was kann ich tun? frage{i:03d}"
    return [message_update(who, chat, "/start"), press_update(who, SetLanguage("de").pack()),
            press_update(who, SetDistrict("mitte").pack()), message_update(who, chat, question),
            press_update(who, AskPerson().pack()), press_update(who, SendDraft().pack())]


def answer(i: int, k: int) -> str:
    return f"antwort{i:03d}-{k} Bitte kommen Sie am Montag vorbei."


class Bot:
    def __init__(self, api: FakeBotApi, workdir: Path) -> None:
        self.api, self.workdir = api, workdir
        self.database = workdir / "wegweiser.db"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = open(workdir / "bot.log", "ab")  # noqa: SIM115 - open for the whole run
        self.starts = 0

    def start(self) -> None:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "BOT_TOKEN": "123456:chaos-fake-token",
               "TELEGRAM_BASE_URL": self.api.url, "DATABASE_PATH": str(self.database),
               "CASEWORKER_CHAT_ID": str(GROUP), "CASEWORKER_HOURS": "Mo-Su 00:00-24:00",
               "SEMANTIC_LAYER": "off", "LOG_LEVEL": "WARNING", "PYTHONPATH": str(REPO)}
        self.proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], cwd=REPO, env=env,
                                     stdout=self.log, stderr=self.log)
        self.starts += 1

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> int:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    def wait_ready(self, seconds: float = 60.0) -> bool:
        """Until the new process polls (its first getUpdates), or it died."""
        polls, deadline = self.api.polls, time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.api.polls > polls:
                return True
            if self.proc is not None and self.proc.poll() is not None:
                return False
            time.sleep(0.02)
        return False


class Soak:
    def __init__(self, kills: int, conversations: int, seed: int, max_seconds: float, workdir: Path) -> None:
        self.kills, self.max_seconds = kills, max_seconds
        self.random = random.Random(seed)
        self.api = FakeBotApi()
        self.bot = Bot(self.api, workdir)
        self.total = conversations
        self.todo = list(range(conversations))
        self.answered: set[int] = set()
        self.pushed: list[int] = []
        self.during_start = 0
        self.cw_messages: dict[int, tuple[int, int]] = {}  # caseworker message id -> (conversation, k)

    def push(self, update: dict[str, Any]) -> None:
        self.pushed.append(int(update["update_id"]))
        self.api.push(update)

    def release(self, count: int = 1) -> None:
        for _ in range(min(count, len(self.todo))):
            for update in conversation(self.todo.pop(0)):
                self.push(update)

    def answer_posts(self) -> None:
        """A caseworker answers each ticket post that reached the group, twice, in order."""
        for sent in self.api.sent_copy():
            found = QUESTION.search(sent.text) if sent.chat_id == GROUP else None
            if found is None:
                continue
            i = int(found.group(1))
            if i in self.answered:
                continue
            self.answered.add(i)
            chat = {"id": GROUP, "type": "supergroup", "title": "Beratung"}
            for k in range(1, ANSWERS + 1):
                update = message_update(CASEWORKER, chat, answer(i, k), reply_to=sent.message_id)
                self.cw_messages[int(update["message"]["message_id"])] = (i, k)
                self.push(update)

    def run(self) -> dict[str, Any]:
        started = time.monotonic()
        self.api.start()
        self.release(2)
        for _ in range(self.kills):
            if time.monotonic() - started > self.max_seconds * 0.8:
                break
            self.bot.start()
            if self.random.random() < 0.2:  # during start-up: the replay of stored updates is cut short
                time.sleep(self.random.uniform(0.0, 3.0))
                self.during_start += 1
            else:
                self.bot.wait_ready()
                self.release()
                self.answer_posts()
                time.sleep(self.random.uniform(0.0, 2.5))
                self.answer_posts()
            self.bot.kill()
        self.bot.start()
        self.bot.wait_ready()
        self.release(len(self.todo))
        while time.monotonic() - started < self.max_seconds and not self.complete():
            self.answer_posts()
            time.sleep(0.2)
        complete = self.complete()
        time.sleep(1.0)  # a late duplicate would show now
        code = self.bot.stop()
        self.api.stop()
        return {"seconds": time.monotonic() - started, "exit": code, "complete": complete}

    def complete(self) -> bool:
        sent = self.api.sent_copy()
        answers = {m.groups() for s in sent if s.chat_id > 0 and (m := ANSWER.search(s.text))}
        confirms = {s.reply_to for s in sent if s.chat_id == GROUP and s.reply_to in self.cw_messages}
        expected = self.total * ANSWERS
        return len(self.answered) == self.total and len(answers) >= expected and len(confirms) >= expected


def analyse(soak: Soak) -> dict[str, Any]:
    sent = soak.api.sent_copy()
    with sqlite3.connect(soak.bot.database) as conn:
        rows = dict(conn.execute("SELECT update_id, processed_at IS NOT NULL FROM inbound_updates").fetchall())
    confirmed = [u for u in soak.pushed if u < soak.api.confirmed_below]
    posts = Counter(int(m.group(1)) for s in sent if s.chat_id == GROUP and (m := QUESTION.search(s.text)))
    answers = Counter((s.chat_id, m.groups()) for s in sent if s.chat_id > 0 and (m := ANSWER.search(s.text)))
    confirms = Counter(s.reply_to for s in sent if s.chat_id == GROUP and s.reply_to in soak.cw_messages)
    expected = [(person(i)["id"], (f"{i:03d}", str(k))) for i in range(soak.total) for k in range(1, ANSWERS + 1)]
    out_of_order = 0
    for i in range(soak.total):
        order = [m.group(2) for s in sent if s.chat_id == person(i)["id"] and (m := ANSWER.search(s.text))]
        firsts = list(dict.fromkeys(order))
        out_of_order += firsts != sorted(firsts)
    return {
        "updates pushed": len(soak.pushed),
        "confirmed to the fake": len(confirmed),
        "lost updates": sum(1 for u in confirmed if not rows.get(u)),
        "unprocessed at the end": sum(1 for done in rows.values() if not done),
        "posts lost": sum(1 for i in range(soak.total) if posts[i] == 0),
        "posts duplicated": sum(n - 1 for n in posts.values() if n > 1),
        "answers lost": sum(1 for key in expected if answers[key] == 0),
        "answers duplicated": sum(n - 1 for n in answers.values() if n > 1),
        "confirmations lost": sum(1 for m in soak.cw_messages if confirms[m] == 0),
        "confirmations duplicated": sum(n - 1 for n in confirms.values() if n > 1),
        "answers out of order": out_of_order,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--kills", type=int, default=20, help="SIGKILLs (1-100)")
    parser.add_argument("--conversations", type=int, default=None, help="newcomers (default: kills + 2)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-seconds", type=float, default=900.0)
    parser.add_argument("--keep", type=Path, help="keep the database and bot.log in this new folder")
    args = parser.parse_args(argv)
    kills = max(1, min(100, args.kills))
    conversations = args.conversations or kills + 2
    with tempfile.TemporaryDirectory(prefix="wegweiser-chaos-") as scratch:
        tmp = args.keep or Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        soak = Soak(kills, conversations, args.seed, args.max_seconds, tmp)
        run = soak.run()
        figures = analyse(soak)
        print(f"chaos: {soak.bot.starts} starts, {soak.bot.starts - 1} SIGKILLs ({soak.during_start} during start-up),"
              f" {conversations} conversations, {run['seconds']:.0f} s, last exit code {run['exit']}")
        if not run["complete"]:
            print(f"  the time limit ({args.max_seconds:.0f} s) came first: 'lost' below may be late, not lost")
        (tmp / "sent.json").write_text(json.dumps([vars(s) for s in soak.api.sent_copy()], ensure_ascii=False))
        for name, value in figures.items():
            print(f"  {name:26} {value}")
        bad = sum(figures[k] for k in figures if "lost" in k or "order" in k or "unprocessed" in k)
        if bad:
            log = (tmp / "bot.log").read_text(errors="replace")
            print("bot log (last 40 lines):\n" + "\n".join(log.splitlines()[-40:]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
