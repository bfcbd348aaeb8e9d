"""Embeddings kept on disk, so start-up and /reload embed only the texts that are new or changed.

Embedding the whole knowledge base takes minutes on the bot's CPU; reading it back takes milliseconds.
One file per model (`embeddings-<model>.npz` next to the database); a text's key is a hash of its kind and
its exact wording, so an edited question is simply a new key and its old vector is dropped on save.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from .semantic import BATCH, Embedder, Kind, Vectors

log = logging.getLogger(__name__)

KEY_BYTES = 16  # 128-bit blake2b: collisions among a few thousand texts are out of the question
CACHE_MODE = 0o644  # mkstemp makes files private; the caches hold only public knowledge-base texts and what
# was learned from them
FORMAT = 1  # bumped if the file layout changes: an old file is then ignored, not misread

Progress = Callable[[int, int], None]  # (texts embedded so far, texts to embed)


def model_file(directory: Path, kind: str, model_id: str) -> Path:
    """`<kind>-<model>.npz` in `directory`: one file per model, so another model never misreads it."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id)
    return directory / f"{kind}-{slug}.npz"


def cache_path(directory: Path, model_id: str) -> Path:
    return model_file(directory, "embeddings", model_id)


def save_npz_atomically(path: Path, **arrays: object) -> None:
    """Write arrays to `path` via a temp file and a rename: a crash leaves the old file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, **arrays)  # type: ignore[arg-type]
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, CACHE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def text_key(kind: Kind, text: str) -> bytes:
    return hashlib.blake2b(f"{kind}\0{text}".encode(), digest_size=KEY_BYTES).digest()


class EmbedCache:
    """Vectors by text key for one model. `embed` fills gaps; `save` keeps only the keys used since opening."""

    def __init__(self, path: Path | None, model_id: str, dim: int) -> None:
        self.path = path
        self.model_id = model_id
        self.dim = dim
        self._vectors: dict[bytes, Vectors] = {}
        self._used: set[bytes] = set()
        self.embedded = 0  # texts sent to the model since opening
        self.reused = 0  # texts answered from the cache since opening
        self.seconds = 0.0  # time spent in the model

    @classmethod
    def open(cls, directory: Path | None, embedder: Embedder) -> EmbedCache:
        """The cache for `embedder` in `directory` (None: memory only). A missing or unreadable file is empty."""
        path = cache_path(directory, embedder.model_id) if directory is not None else None
        cache = cls(path, embedder.model_id, embedder.dim)
        if path is not None and path.exists():
            cache._load(path)
        return cache

    def _load(self, path: Path) -> None:
        try:
            with np.load(path, allow_pickle=False) as data:
                header_ok = int(data["format"]) == FORMAT and str(data["model"]) == self.model_id
                keys, vectors = data["keys"], data["vectors"]
        except (OSError, ValueError, KeyError) as exc:
            log.warning("embedding cache %s unreadable (%s); embedding afresh", path, exc)
            return
        if not header_ok or keys.shape != (len(keys), KEY_BYTES) or vectors.shape != (len(keys), self.dim):
            log.warning("embedding cache %s is for another model or format; embedding afresh", path)
            return
        self._vectors = {k.tobytes(): v for k, v in zip(keys, vectors.astype(np.float32), strict=True)}

    def __len__(self) -> int:
        return len(self._vectors)

    def embed(self, embedder: Embedder, texts: Sequence[str], kind: Kind, progress: Progress | None = None) -> Vectors:
        """Vectors for `texts` in order, embedding (in batches, each distinct text once) only those not cached."""
        if embedder.model_id != self.model_id:
            raise ValueError(f"cache is for {self.model_id}, not {embedder.model_id}")
        keys = [text_key(kind, t) for t in texts]
        self._used.update(keys)
        missing = list({k: t for k, t in zip(keys, texts, strict=True) if k not in self._vectors}.items())
        self.reused += len(texts) - len(missing)
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            began = time.perf_counter()
            rows = embedder.embed([t for _, t in batch], kind)
            self.seconds += time.perf_counter() - began
            for (key, _), row in zip(batch, rows, strict=True):
                self._vectors[key] = row
            self.embedded += len(batch)
            if progress is not None:
                progress(start + len(batch), len(missing))
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys]).astype(np.float32)

    def save(self) -> None:
        """Write the used vectors atomically (temp file + rename): a crash leaves the old file whole."""
        if self.path is None:
            return
        kept = sorted(k for k in self._used if k in self._vectors)
        # raw bytes as uint8 rows: numpy's "S" strings would strip a key's trailing zero bytes
        keys = np.frombuffer(b"".join(kept), dtype=np.uint8).reshape(len(kept), KEY_BYTES)
        vectors = np.stack([self._vectors[k] for k in kept]) if kept else np.zeros((0, self.dim), np.float32)
        save_npz_atomically(self.path, format=FORMAT, model=self.model_id, keys=keys, vectors=vectors)
        self._vectors = {k: self._vectors[k] for k in kept}
