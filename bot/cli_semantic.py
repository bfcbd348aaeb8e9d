"""`wegweiser kb embed` and the semantic line of `kb stats`: embed ahead of time, so the bot starts fast."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.knowledge.model import KnowledgeBase
from bot.matching.embed_cache import EmbedCache, Progress, cache_path
from bot.matching.semantic import EMBED_THREADS, load_embedder
from bot.matching.semantic_index import build_semantic_index, cache_dir_for
from bot.settings import Settings

PROGRESS_EVERY = 512  # texts between progress lines: a cold build takes minutes and should be seen moving


def stderr_progress() -> Progress:
    """Progress lines on stderr every PROGRESS_EVERY texts (stdout stays clean for JSON)."""
    shown = [0]

    def progress(done: int, total: int) -> None:
        if done - shown[0] >= PROGRESS_EVERY or done == total:
            shown[0] = 0 if done == total else done
            print(f"  {done}/{total} embedded", file=sys.stderr)

    return progress


def add_embed_parser(kb_sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    embed = kb_sub.add_parser("embed", help="embed new or changed texts into the cache next to the database")
    embed.add_argument("knowledge_dir", nargs="?", type=Path)
    embed.add_argument("--cache-dir", type=Path, help="folder for the cache (default: beside DATABASE_PATH)")
    embed.add_argument("--threads", type=int, default=EMBED_THREADS, help="engine threads (default: %(default)s)")
    embed.add_argument("--examples", type=Path, help="example bank folder (default: <knowledge_dir>/examples)")
    return embed


def run_embed(args: argparse.Namespace, settings: Settings, kb: KnowledgeBase) -> int:
    embedder, why = load_embedder(args.threads)
    if embedder is None:
        print(f"semantic layer unavailable: {why}", file=sys.stderr)
        return 1
    knowledge_dir: Path = args.knowledge_dir or settings.knowledge_dir
    cache_dir: Path = args.cache_dir or cache_dir_for(settings.database_path)
    examples_dir: Path = args.examples or knowledge_dir / "examples"
    _, report = build_semantic_index(kb, embedder, cache_dir, examples_dir, stderr_progress())
    for problem in report.problems:
        print(f"example bank: {problem}", file=sys.stderr)
    print(
        f"{report.embedded} of {report.texts} texts embedded ({report.texts - report.embedded} from the cache) "
        f"in {report.seconds:.1f} s; classifier {'trained' if report.trained else 'from the cache'}; "
        f"{report.example_files} entries with an example bank; "
        f"{embedder.model_id} -> {cache_path(cache_dir, embedder.model_id)}"
    )
    return 0


def semantic_status(settings: Settings) -> str:
    """One line for `kb stats`: is the semantic layer available, and is its cache built?"""
    embedder, why = load_embedder()
    if embedder is None:
        return f"semantic layer: unavailable ({why}); matching is lexical only"
    path = cache_path(cache_dir_for(settings.database_path), embedder.model_id)
    cached = len(EmbedCache.open(path.parent, embedder)) if path.exists() else 0
    state = f"{cached} cached vectors in {path}" if cached else f"no cache yet at {path}: run `wegweiser kb embed`"
    return f"semantic layer: available ({why}); {state}"
