"""`wegweiser run` for bench/scale_bench.py, optionally with Telegram's send limits lifted.

With SCALE_BENCH_LIFT_LIMITS=1 the bot's send policy allows 100,000 messages a second overall, no pause
between messages to one chat and 1,000,000 a minute per group, so the bench measures the workers and the
database rather than Telegram's pacing (30 a second overall, 20 a minute per group: 200 hand-offs to one
caseworker group would take ten minutes). The cluster's shared send counters (bot/telegram/rate_limit.py
ClusterBudget) are lifted with them: they only pace, and at these rates (150-200 messages a second, six times
Telegram's) their one row for the whole bot is what would be measured (README "Benchmarks"). Nothing else
changes; the bot's code is not touched.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, os.environ.get("PYTHONPATH") or str(Path(__file__).resolve().parent.parent))

LIFTED = (100_000, 0.0, 1_000_000)  # overall per second, seconds between messages to a chat, per group a minute


def lift_limits() -> None:
    from bot.handoff import send_policy

    init = send_policy.SendPolicy.__init__
    defaults = init.__defaults__ or ()
    if len(defaults) != len(LIFTED):  # the policy changed shape: say so rather than measure the wrong thing
        raise SystemExit(f"scale_worker: SendPolicy has {len(defaults)} defaults, expected {len(LIFTED)}")
    init.__defaults__ = LIFTED
    from bot.telegram import rate_limit

    async def no_counting(self: object, chat_id: int, pace_chat: bool = False) -> float:
        return 0.0

    rate_limit.ClusterBudget.reserve = no_counting  # type: ignore[method-assign]


if __name__ == "__main__":
    if os.environ.get("SCALE_BENCH_LIFT_LIMITS") == "1":
        lift_limits()
    from bot.cli import main

    sys.exit(main(["run"]))
