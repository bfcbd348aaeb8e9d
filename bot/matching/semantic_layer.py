"""The semantic layer at run time: the model loaded once, the index built off the event loop, queries
embedded with a time limit. Whatever fails here, the bot keeps answering with the lexical matcher.

A cold start answers lexically at once and switches to the semantic layer when the index is built (a
log line says so); `wegweiser kb embed` fills the on-disk cache ahead of time so a start is warm.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from .decide import Matcher
from .semantic import Embedder, Vector, embed_query, load_embedder
from .semantic_index import BuildReport, build_semantic_index

log = logging.getLogger(__name__)
class _Stopped(Exception):
    """The bot is stopping: the index build gives up between two batches instead of running on for minutes."""


RECENT = 8  # vectors of the last messages, by a hash of the text: one turn embeds its text once


@dataclass
class SemanticLayer:
    embedder: Embedder | None
    reason: str  # the model's description, or why the layer is off or unavailable
    cache_dir: Path | None
    timeout_s: float
    building: bool = False
    last_build: BuildReport | None = None
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)
    # the last few messages' vectors: the emergency check and the question flow embed the same text once
    _recent: OrderedDict[str, Vector] = field(default_factory=OrderedDict)
    # set by stop(): a build in its worker thread (which cancelling the task cannot end) stops at the next batch
    _stopping: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def off(cls, reason: str = "switched off (SEMANTIC_LAYER=off)") -> SemanticLayer:
        return cls(None, reason, None, 0.0)

    @classmethod
    def load(cls, cache_dir: Path | None, timeout_s: float) -> SemanticLayer:
        embedder, reason = load_embedder()
        if embedder is None:
            log.warning("semantic layer unavailable, answering lexically: %s", reason)
        return cls(embedder, reason, cache_dir, timeout_s)

    def status(self, matcher: Matcher) -> str:
        """One line for /stats and the logs."""
        if self.embedder is None:
            return f"off: {self.reason}"
        if matcher.semantic is not None:
            texts = self.last_build.texts if self.last_build else 0
            return f"on ({self.reason}; {texts} texts)"
        return "building the index (answering lexically meanwhile)" if self.building else "not built"

    async def attach(self, matcher: Matcher, knowledge_dir: Path) -> None:
        """Build the index for `matcher`'s knowledge in a worker thread, then switch the matcher to it."""
        if self.embedder is None:
            return
        embedder = self.embedder
        self.building = True
        try:
            index, report = await asyncio.to_thread(
                build_semantic_index, matcher.kb, embedder, self.cache_dir, knowledge_dir / "examples",
                self._unless_stopping, self._unless_stopping,
            )
            matcher.attach(index)
        except _Stopped:
            log.info("semantic index build stopped: the bot is stopping")
            return
        except Exception:  # an optional layer: keep answering lexically, say why
            log.exception("semantic index could not be built; answering lexically")
            return
        finally:
            self.building = False
        self.last_build = report
        log.info("semantic layer on: %d texts (%d embedded now%s) in %.1f s", report.texts, report.embedded,
                 ", classifier trained" if report.trained else "", report.seconds)

    def attach_in_background(self, matcher: Matcher, knowledge_dir: Path) -> None:
        self.building = self.embedder is not None
        task = asyncio.get_running_loop().create_task(self.attach(matcher, knowledge_dir), name="semantic-index")
        self._tasks.add(task)  # keep a reference until done, or the task may be collected mid-way
        task.add_done_callback(self._tasks.discard)

    def _unless_stopping(self, done: int, total: int) -> None:
        """The build's progress callback, after each batch and each training epoch: the place a stop can end a
        cold build (a Ctrl-D in the console chat, a restart) instead of the process waiting minutes for the thread."""
        if self._stopping.is_set():
            raise _Stopped

    async def stop(self) -> None:
        self._stopping.set()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def vector(self, matcher: Matcher, text: str, lang: str | None = None) -> Vector | None:
        """The message's embedding when the layer is on for this matcher; None means: decide lexically.

        `lang` is the user's choice, as `Matcher.match` gets it: Russian or Ukrainian in Latin letters is
        embedded in Cyrillic, Arabic or Persian in Latin letters in Arabic script (`Matcher.text_for_model`)."""
        if self.embedder is None or matcher.semantic is None:
            return None
        text = matcher.text_for_model(text, lang)
        key = hashlib.sha256(text.encode()).hexdigest()  # no message text kept, not even in memory
        if key in self._recent:
            return self._recent[key]
        vector = await embed_query(self.embedder, text, self.timeout_s)
        if vector is not None:
            self._recent[key] = vector
            while len(self._recent) > RECENT:
                self._recent.popitem(last=False)
        return vector
