"""How long does `load_knowledge` (parse + validate) take for 1,000 entries? Target: under 2 seconds.

Builds a synthetic knowledge base in a temporary folder from copies of the real entries of
knowledge/ (new ids and file names, spread across the three district folders) plus the real
topics.yaml and languages.yaml, then loads it a few times.

    .venv/bin/python bench/kb_load_bench.py [--entries 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a plain script from any directory
    sys.path.insert(0, str(REPO))

from bot.knowledge.loader import ENTRY_FOLDERS, entry_files, load_knowledge  # noqa: E402
from bot.knowledge.problems import errors  # noqa: E402

KNOWLEDGE = REPO / "knowledge"
TARGET_SECONDS = 2.0
_ID_LINE = re.compile(r"^id:[^\n]*$", re.MULTILINE)


def build(target: Path, count: int, source: Path = KNOWLEDGE) -> int:
    """Write `count` entries into `target` (round-robin over the real ones); return how many."""
    templates = [path.read_text(encoding="utf-8") for path in entry_files(source)]
    if not templates:
        raise SystemExit(f"no entries found in {source}")
    for name in ("topics.yaml", "languages.yaml"):
        shutil.copy(source / name, target / name)
    for folder in ENTRY_FOLDERS:
        (target / folder).mkdir(parents=True, exist_ok=True)
    for index in range(count):
        entry_id = f"bench-entry-{index:05d}"
        text, replaced = _ID_LINE.subn(f"id: {entry_id}", templates[index % len(templates)], count=1)
        if not replaced:
            raise SystemExit(f"template {index % len(templates)} has no top-level `id:` line")
        folder = ENTRY_FOLDERS[index % len(ENTRY_FOLDERS)]
        (target / folder / f"{entry_id}.yaml").write_text(text, encoding="utf-8")
    return count


def measure(directory: Path, repeat: int) -> tuple[list[float], int, int, int]:
    """Seconds per run, and entries, errors and warnings of the last run."""
    timings: list[float] = []
    loaded = n_errors = n_warnings = 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = load_knowledge(directory)
        timings.append(time.perf_counter() - start)
        loaded = len(result.knowledge.entries) if result.knowledge else 0
        n_errors = len(errors(result.problems))
        n_warnings = len(result.problems) - n_errors
    return timings, loaded, n_errors, n_warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--entries", type=int, default=1000, help="synthetic entries to build (default 1000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed loads (default 5)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="wegweiser-bench-") as tmp:
        directory = Path(tmp)
        start = time.perf_counter()
        written = build(directory, args.entries)
        build_seconds = time.perf_counter() - start
        timings, loaded, n_errors, n_warnings = measure(directory, max(1, args.repeat))

    best, median = min(timings), statistics.median(timings)
    print(f"templates:        {len(entry_files(KNOWLEDGE))} real entries from {KNOWLEDGE}")
    print(f"entries written:  {written} (built in {build_seconds:.2f} s)")
    print(f"entries loaded:   {loaded} ({n_errors} error(s), {n_warnings} warning(s))")
    print(f"runs:             {len(timings)}: " + ", ".join(f"{t:.3f}" for t in timings))
    print(f"best:             {best:.3f} s")
    print(f"median:           {median:.3f} s")
    print(f"per entry:        {median / max(written, 1) * 1000:.2f} ms")
    verdict = "yes" if median < TARGET_SECONDS else "NO"
    print(f"under {TARGET_SECONDS:.0f} s target: {verdict} (median)")
    if n_errors:
        print("note: the synthetic knowledge base has errors; run `wegweiser kb check` on knowledge/", file=sys.stderr)
    return 0 if median < TARGET_SECONDS and not n_errors else 1


if __name__ == "__main__":
    sys.exit(main())
