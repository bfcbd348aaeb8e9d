"""The classifier over example embeddings (bot/matching/semantic_classifier.py): it learns which entry a
vector belongs to, and its weights are reused from the cache only when trained on exactly the same examples."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from bot.matching.semantic_classifier import classifier_path, load_or_train, train


def clusters(seed: int = 0, per_entry: tuple[int, ...] = (30, 30, 30)) -> tuple[NDArray[np.float32], NDArray[np.intp]]:
    """Unit vectors around one centre per entry, overlapping enough that the nearest single example errs."""
    rng = np.random.default_rng(seed)
    centres = np.eye(8, dtype=np.float32)[: len(per_entry)]
    rows, labels = [], []
    for entry, count in enumerate(per_entry):
        points = centres[entry] + 0.6 * rng.standard_normal((count, 8)).astype(np.float32)
        rows.append(points / np.linalg.norm(points, axis=1, keepdims=True))
        labels.extend([entry] * count)
    return np.vstack(rows).astype(np.float32), np.array(labels, dtype=np.intp)


def unit(v: list[float]) -> NDArray[np.float32]:
    a = np.array(v, dtype=np.float32)
    return a / np.linalg.norm(a)


def test_probabilities_sum_to_one_and_favour_the_entry_whose_examples_surround_the_vector() -> None:
    vectors, labels = clusters()
    classifier = train(vectors, labels, 3)
    for entry in range(3):
        p = classifier.probabilities(unit([1.0 if i == entry else 0.05 for i in range(8)]))
        assert abs(float(p.sum()) - 1.0) < 1e-5
        assert int(np.argmax(p)) == entry and p[entry] > 0.5


def test_held_out_vectors_are_classified_better_than_by_the_nearest_example() -> None:
    vectors, labels = clusters(seed=1)
    held, held_labels = clusters(seed=2)
    classifier = train(vectors, labels, 3)
    pairs = list(zip(held, held_labels, strict=True))
    learned = sum(int(np.argmax(classifier.probabilities(v))) == y for v, y in pairs) / len(pairs)
    nearest = sum(labels[int(np.argmax(vectors @ v))] == y for v, y in pairs) / len(pairs)
    assert learned >= 0.75 and learned > nearest


def test_balancing_lifts_an_entry_with_few_examples_beside_one_with_many() -> None:
    """Between the centres of entry 0 (200 examples) and entry 1 (20), counts alone would give it to entry 0."""
    vectors, labels = clusters(seed=3, per_entry=(200, 20, 20))
    between = unit([1.0, 1.0, 0, 0, 0, 0, 0, 0])
    unbalanced = train(vectors, labels, 3, balance=0.0).probabilities(between)[1]
    balanced = train(vectors, labels, 3).probabilities(between)[1]
    fully = train(vectors, labels, 3, balance=1.0).probabilities(between)[1]
    assert unbalanced < balanced < fully
    assert balanced > 3 * unbalanced


def test_an_entry_without_examples_gets_almost_nothing() -> None:
    vectors, labels = clusters()
    classifier = train(vectors, labels, 4)  # entry 3 has no examples
    assert classifier.probabilities(unit([1.0, 1.0, 1.0, 0, 0, 0, 0, 0]))[3] < 0.05


def test_the_cache_gives_back_the_same_weights_without_training(tmp_path: Path) -> None:
    vectors, labels = clusters()
    first, trained = load_or_train(tmp_path, "model-a", vectors, labels, 3)
    assert trained and classifier_path(tmp_path, "model-a").exists()
    again, trained_again = load_or_train(tmp_path, "model-a", vectors, labels, 3)
    assert not trained_again
    assert np.array_equal(again.weights, first.weights) and np.array_equal(again.bias, first.bias)


def test_changed_examples_or_another_model_train_again(tmp_path: Path) -> None:
    vectors, labels = clusters()
    load_or_train(tmp_path, "model-a", vectors, labels, 3)
    changed = vectors.copy()
    changed[0] = changed[1]
    assert load_or_train(tmp_path, "model-a", changed, labels, 3)[1]
    relabelled = labels.copy()
    relabelled[0] = 1
    assert load_or_train(tmp_path, "model-a", changed, relabelled, 3)[1]
    assert load_or_train(tmp_path, "model-b", changed, relabelled, 3)[1]


def test_an_unreadable_cache_file_is_trained_over_not_fatal(tmp_path: Path) -> None:
    vectors, labels = clusters()
    classifier_path(tmp_path, "model-a").write_bytes(b"not a numpy file")
    classifier, trained = load_or_train(tmp_path, "model-a", vectors, labels, 3)
    assert trained and classifier.weights.shape == (8, 3)
    assert not load_or_train(tmp_path, "model-a", vectors, labels, 3)[1]


def test_training_can_be_stopped_between_epochs() -> None:
    vectors, labels = clusters()
    seen: list[int] = []

    class Stop(Exception):
        pass

    def epoch(done: int, total: int) -> None:
        seen.append(done)
        if done == 3:
            raise Stop

    with pytest.raises(Stop):
        train(vectors, labels, 3, epoch)
    assert seen == [1, 2, 3]
