"""Which entry a message is about, learned from the example questions: one linear layer over the embeddings.

The nearest single example (the semantic index's maximum) is noisy: one stray example of a neighbouring service can
win. A softmax layer trained on all examples weighs every example of every entry at once and learned which
directions of the embedding tell services apart. On blind sets 6, 7, 8 and 10 and OMoS dev (after their first looks)
the model's first entry was right 5-11 points more often with both signals than with the nearest example alone
(`bench/semantic_trial.py --sets ...`: "model (both)" against "semantic"). Pure numpy, deterministic (full batch,
zero start), a few seconds on two cores for ~22,000 examples; the weights are cached next to the embeddings, keyed
by a hash of what they were trained on, so a warm start does not train again.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from .embed_cache import model_file, save_npz_atomically
from .tuning import (
    CLASSIFIER_BALANCE,
    CLASSIFIER_EPOCHS,
    CLASSIFIER_STEP,
    CLASSIFIER_TEMPERATURE,
)

log = logging.getLogger(__name__)

FORMAT = 1  # bumped if the file layout or the training changes: an old file is then retrained, not misread
ADAM_BETAS = (0.9, 0.999)  # Adam's usual moment decays: no reason to differ here
ADAM_EPS = 1e-8
CHUNK = 8192  # example rows per step of the gradient: bounds memory, large enough for fast matrix products

Epoch = Callable[[int, int], None]  # (epochs done, epochs in all): where a stopping bot ends a training


@dataclass(frozen=True)
class Classifier:
    """Logits = temperature * v @ weights + bias; one column per entry (the semantic index's order)."""

    weights: NDArray[np.float32]  # (dim, entries)
    bias: NDArray[np.float32]  # (entries,)

    def probabilities(self, vector: NDArray[np.float32]) -> NDArray[np.float32]:
        logits = CLASSIFIER_TEMPERATURE * (np.asarray(vector, dtype=np.float32) @ self.weights) + self.bias
        logits -= logits.max()
        exp: NDArray[np.float32] = np.exp(logits).astype(np.float32)
        exp /= exp.sum()
        return exp


def train(
    vectors: NDArray[np.float32],
    labels: NDArray[np.intp],
    n_entries: int,
    epoch: Epoch | None = None,
    balance: float = CLASSIFIER_BALANCE,
) -> Classifier:
    """Softmax regression by full-batch Adam. Each example weighs count^-balance of its entry, so an entry with
    three times the examples is not three times as likely."""
    x = np.asarray(vectors, dtype=np.float32)
    counts = np.bincount(labels, minlength=n_entries).astype(np.float64)
    sample = (1.0 / np.maximum(counts[labels], 1.0)) ** balance
    sample = (sample / sample.sum()).astype(np.float32)
    weights = np.zeros((x.shape[1], n_entries), dtype=np.float32)
    bias = np.zeros(n_entries, dtype=np.float32)
    moments = [np.zeros_like(weights), np.zeros_like(weights), np.zeros_like(bias), np.zeros_like(bias)]
    b1, b2 = ADAM_BETAS
    for step in range(1, CLASSIFIER_EPOCHS + 1):
        grads = _gradients(x, labels, sample, weights, bias)
        for n, (param, grad) in enumerate(zip((weights, bias), grads, strict=True)):
            m, v = moments[2 * n], moments[2 * n + 1]
            m *= b1
            m += (1 - b1) * grad
            v *= b2
            v += (1 - b2) * grad * grad
            param -= CLASSIFIER_STEP * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + ADAM_EPS)
        if epoch is not None:
            epoch(step, CLASSIFIER_EPOCHS)
    return Classifier(weights, bias)


def _gradients(
    x: NDArray[np.float32],
    labels: NDArray[np.intp],
    sample: NDArray[np.float32],
    weights: NDArray[np.float32],
    bias: NDArray[np.float32],
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """The full batch's gradient, summed over CHUNK rows at a time: the same numbers, but memory for the
    probabilities stays CHUNK x entries (a 10x knowledge base would need ~1 GB at once)."""
    grad_w = np.zeros_like(weights)
    grad_b = np.zeros_like(bias)
    for start in range(0, len(x), CHUNK):
        rows = x[start : start + CHUNK]
        logits = CLASSIFIER_TEMPERATURE * (rows @ weights) + bias
        logits -= logits.max(axis=1, keepdims=True)
        error = np.exp(logits)
        error /= error.sum(axis=1, keepdims=True)
        error[np.arange(len(rows)), labels[start : start + CHUNK]] -= 1.0  # minus the one-hot target
        error *= sample[start : start + CHUNK, None]
        grad_w += CLASSIFIER_TEMPERATURE * (rows.T @ error)
        grad_b += error.sum(axis=0)
    return grad_w, grad_b


def training_key(model_id: str, vectors: NDArray[np.float32], labels: NDArray[np.intp], n_entries: int) -> str:
    """Changes whenever the examples, their entries, the model or the training settings change."""
    digest = hashlib.blake2b(digest_size=16)
    settings = (FORMAT, CLASSIFIER_EPOCHS, CLASSIFIER_STEP, CLASSIFIER_TEMPERATURE, CLASSIFIER_BALANCE, n_entries)
    digest.update(f"{model_id}\0{settings}".encode())
    digest.update(np.ascontiguousarray(vectors, dtype=np.float32).tobytes())
    digest.update(np.ascontiguousarray(labels, dtype=np.int64).tobytes())
    return digest.hexdigest()


def classifier_path(directory: Path, model_id: str, kind: str = "classifier") -> Path:
    """`kind` names what it tells apart: "classifier" the entries, "offtopic" off-topic messages from all entries."""
    return model_file(directory, kind, model_id)


def load_or_train(
    directory: Path | None,
    model_id: str,
    vectors: NDArray[np.float32],
    labels: NDArray[np.intp],
    n_entries: int,
    epoch: Epoch | None = None,
    kind: str = "classifier",
) -> tuple[Classifier, bool]:
    """The cached classifier when it was trained on exactly these examples, else a new one (saved when a
    directory is given). Returns it and whether it was trained now."""
    key = training_key(model_id, vectors, labels, n_entries)
    path = classifier_path(directory, model_id, kind) if directory is not None else None
    if path is not None and path.exists():
        cached = _load(path, key, vectors.shape[1], n_entries)
        if cached is not None:
            return cached, False
    classifier = train(vectors, labels, n_entries, epoch)
    if path is not None:
        _save(path, key, classifier)
    return classifier, True


def _load(path: Path, key: str, dim: int, n_entries: int) -> Classifier | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["key"]) != key:
                return None
            weights, bias = data["weights"].astype(np.float32), data["bias"].astype(np.float32)
    except (OSError, ValueError, KeyError) as exc:
        log.warning("classifier cache %s unreadable (%s); training afresh", path, exc)
        return None
    if weights.shape != (dim, n_entries) or bias.shape != (n_entries,):
        return None
    return Classifier(weights, bias)


def _save(path: Path, key: str, classifier: Classifier) -> None:
    save_npz_atomically(path, key=key, weights=classifier.weights, bias=classifier.bias)
