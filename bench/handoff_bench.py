"""Hand-off throughput: 1,000 tickets opened and answered through the real Application.

Each ticket: a new user's question, "P" (hand-off offered), "HS" (send), deliver_due (the group post),
a caseworker's reply to the post, deliver_due (the answer to the user and the group's confirmation).
Runs offline on the tests' recording fake of the Bot API and a real SQLite file in a temporary folder;
prints tickets/s, p50/p99 per step, and checks that nothing was lost or delivered twice.

    .venv/bin/python bench/handoff_bench.py [--tickets N]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from fakes import Call, Person, RecordingRequest, callback_update, text_update  # noqa: E402
from telegram import Update  # noqa: E402

from bot.conversation.protocol import ClaimTicket  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.storage import tickets  # noqa: E402
from bot.telegram.app import build_application  # noqa: E402

GROUP = -1001234567890
CASEWORKER = {"id": 4711, "is_bot": False, "first_name": "Karin"}
QUESTIONS = {
    "ar": "وصلتني رسالة ترحيل ولازم اطلع خلال اسبوع شو بعمل",
    "uk": "Мій кіт загубився в парку",
    "de": "Mein Vermieter will die Kaution nicht zurückgeben, was kann ich tun?",
    "en": "My employer has not paid my salary for two months, what can I do?",
    "tr": "Ev sahibim depozitomu geri vermiyor, ne yapabilirim?",
}
STEPS = ("question", "P", "HS", "deliver post", "caseworker reply", "deliver answer")
_ids = itertools.count(10_000_000)


def chat_of(call: Call) -> int:
    return int(call.params.get("chat_id", 0))


def group_reply(bot: Any, text: str, post_id: int) -> Update:
    chat = {"id": GROUP, "type": "supergroup", "title": "Beratung"}
    bot_user = {"id": 4242, "is_bot": True, "first_name": "Wegweiser"}
    message = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": chat,
        "from": CASEWORKER,
        "text": text,
        "reply_to_message": {"message_id": post_id, "date": int(time.time()), "chat": chat, "from": bot_user,
                             "text": "…"},
    }
    update = Update.de_json({"update_id": next(_ids), "message": message}, bot)
    assert update is not None
    return update


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run(n: int, folder: Path, database_url: str | None = None) -> int:
    settings = Settings(
        semantic_layer=False,
        database_path=folder / "wegweiser.db",
        database_url=database_url,
        knowledge_dir=REPO / "knowledge",
        locales_dir=REPO / "locales",
        caseworker_chat_id=GROUP,
        user_rate_limit=1000,
    )
    req = RecordingRequest()
    app = build_application(settings, request=req, rate_limiter=False)
    errors: list[BaseException] = []

    async def record_error(update: object, context: Any) -> None:
        errors.append(context.error)

    app.add_error_handler(record_error)
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    worker = app.bot_data["outbox_worker"]
    await worker.stop()  # deliveries only through deliver_due, timed as steps
    db = app.bot_data["conversation"].services.db
    bot = app.bot
    timings: dict[str, list[float]] = {step: [] for step in STEPS}
    langs = list(QUESTIONS)
    expected_answer: dict[int, str] = {}  # ticket id -> marker of its caseworker answer
    owner: dict[int, int] = {}
    problems: list[str] = []

    async def timed(step: str, coro: Any) -> Any:
        started = time.perf_counter()
        result = await coro
        timings[step].append((time.perf_counter() - started) * 1000)
        return result

    started = time.perf_counter()
    for i in range(n):
        lang = langs[i % len(langs)]
        person = Person(id=500_000_000 + i, language_code=lang, first_name=f"User{i}")
        await timed("question", app.process_update(text_update(bot, QUESTIONS[lang], person=person)))
        await timed("P", app.process_update(callback_update(bot, "P", person=person)))
        await timed("HS", app.process_update(callback_update(bot, "HS", person=person)))
        await timed("deliver post", worker.deliver_due())
        ticket = await tickets.open_for_user(db, person.id)
        if ticket is None or ticket.group_message_id is None:
            problems.append(f"user {person.id}: no ticket or no group post")
            continue
        marker = f"Ticket-{ticket.id}: <b>Termin</b> & Brief"
        expected_answer[ticket.id] = marker
        owner[ticket.id] = person.id
        await timed("caseworker reply", app.process_update(group_reply(bot, marker, ticket.group_message_id)))
        await timed("deliver answer", worker.deliver_due())
    elapsed = time.perf_counter() - started
    await worker.deliver_due()  # anything left over would show up as a duplicate or a late delivery

    # -- verification: every post once to the group, every answer once to its user, one confirmation each
    sends = req.sent("sendMessage")
    claim = ClaimTicket.code + ":"
    posts = Counter(d for c in sends if chat_of(c) == GROUP for d in c.callback_data() if d.startswith(claim))
    answers: Counter[tuple[int, int]] = Counter()
    for c in sends:
        if chat_of(c) != GROUP and "&lt;b&gt;Termin&lt;/b&gt; &amp; Brief" in (c.text or ""):
            number = int((c.text or "").split("Ticket-", 1)[1].split(":", 1)[0])
            answers[(number, chat_of(c))] += 1
    confirms = Counter(c.text for c in sends if chat_of(c) == GROUP and (c.text or "").startswith("✓"))
    for ticket_id, user_id in owner.items():
        if posts[ClaimTicket(ticket_id).pack()] != 1:
            problems.append(f"ticket {ticket_id}: posted {posts[f'CC:{ticket_id}']} times")
        if answers[(ticket_id, user_id)] != 1:
            problems.append(f"ticket {ticket_id}: answer delivered {answers[(ticket_id, user_id)]} times")
    if sum(answers.values()) != len(owner) or len(posts) != len(owner):
        problems.append("deliveries to the wrong chat or for unknown tickets")
    if len(confirms) != len(owner) or any(v != 1 for v in confirms.values()):
        problems.append(f"confirmations: {len(confirms)} distinct for {len(owner)} tickets")
    async with db.conn.execute("SELECT status, COUNT(*) FROM outbox GROUP BY status") as cursor:
        outbox_counts = {str(s): int(k) for s, k in await cursor.fetchall()}
    async with db.conn.execute("SELECT COUNT(*) FROM tickets") as cursor:
        row = await cursor.fetchone()
        ticket_rows = int(row[0]) if row else 0
    if ticket_rows != n or set(outbox_counts) != {"sent"} or outbox_counts["sent"] != 3 * n:
        problems.append(f"database: {ticket_rows} tickets, outbox {outbox_counts}")

    await app.shutdown()
    assert app.post_shutdown is not None
    await app.post_shutdown(app)

    where = "PostgreSQL, a fresh schema" if database_url else f"{settings.database_path.name} (SQLite file, WAL)"
    print(f"tickets: {n}  database: {where}")
    print(f"total: {elapsed:.2f} s  ->  {n / elapsed:.1f} tickets/s  ({elapsed / n * 1000:.2f} ms per ticket)")
    print(f"{'step':<18}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'mean ms':>9}")
    for step in STEPS:
        values = timings[step]
        print(f"{step:<18}{percentile(values, 0.5):>9.2f}{percentile(values, 0.99):>9.2f}"
              f"{max(values):>9.2f}{statistics.fmean(values):>9.2f}")
    print(f"group posts: {sum(posts.values())}  answers: {sum(answers.values())}  "
          f"confirmations: {sum(confirms.values())}  outbox: {outbox_counts}")
    if problems or errors:
        print(f"FAILED: {len(problems)} problems, {len(errors)} handler errors")
        for problem in problems[:20]:
            print("  ", problem)
        return 1
    print("OK: zero lost, zero duplicated deliveries (each post once to the group, each answer once to its user)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1000)
    parser.add_argument("--database-url", help="PostgreSQL (postgresql://...): the bench runs in a schema of its"
                        " own there, dropped afterwards; default: an SQLite file in a temporary folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="handoff-bench-") as folder:
        if not args.database_url:
            return asyncio.run(run(args.tickets, Path(folder)))
        import psycopg

        from bot.storage.pg_conn import with_search_path

        schema = f"handoff_bench_{os.getpid()}"
        with psycopg.connect(args.database_url, autocommit=True) as admin:
            admin.execute(f"CREATE SCHEMA {schema}")
            try:
                return asyncio.run(run(args.tickets, Path(folder), with_search_path(args.database_url, schema)))
            finally:
                admin.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    raise SystemExit(main())
