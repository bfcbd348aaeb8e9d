"""The semantic layer's parts: index scores, the embedding cache, the time-limited query, and the real model."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from bot import cli_semantic
from bot.cli import main
from bot.knowledge.loader import load_knowledge
from bot.knowledge.model import KnowledgeBase
from bot.matching.embed_cache import EmbedCache, cache_path
from bot.matching.semantic import HashEmbedder, Kind, Vectors, embed_query, load_embedder
from bot.matching.semantic_index import SemanticIndex, build_semantic_index, load_examples

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    knowledge = load_knowledge(REPO / "knowledge").knowledge
    assert knowledge is not None
    return knowledge


def _small(kb: KnowledgeBase, n: int = 4) -> KnowledgeBase:
    return KnowledgeBase(kb.active[:n], kb.topics, kb.language_names, kb.intents)


def test_hash_embedder_is_deterministic_normalised_and_similar_for_similar_strings() -> None:
    embedder = HashEmbedder()
    rows = embedder.embed(["Anmeldung der Wohnung", "Anmeldung einer Wohnung", "Zahnarzt Notdienst", ""], "query")
    assert rows.shape == (4, embedder.dim) and rows.dtype == np.float32
    assert np.allclose(np.linalg.norm(rows[:3], axis=1), 1.0, atol=1e-5)
    assert not rows[3].any()  # empty text: zero vector, not NaN
    assert rows[0] @ rows[1] > rows[0] @ rows[2] + 0.3
    assert np.array_equal(rows, HashEmbedder().embed(["Anmeldung der Wohnung", "Anmeldung einer Wohnung",
                                                      "Zahnarzt Notdienst", ""], "query"))


def test_index_finds_the_entry_whose_question_is_asked(kb: KnowledgeBase) -> None:
    embedder = HashEmbedder()
    index = SemanticIndex.build(kb, embedder)
    assert index.entry_ids == tuple(e.id for e in kb.active)
    for entry in kb.active[:10]:
        question = entry.translations["de"].questions[0]
        table = index.scores(embedder.embed([question], "query")[0])
        assert table.shape == (len(kb.active), 2)
        assert table[index.position[entry.id], 0] == pytest.approx(1.0, abs=1e-5)
        assert index.ranked(embedder.embed([question], "query")[0], k=1)[0][1] == pytest.approx(1.0, abs=1e-5)
    title = kb.active[0].translations["en"]
    passage = embedder.embed([f"{title.title}. {title.summary}"], "passage")[0]
    assert index.scores(passage)[0, 1] == pytest.approx(1.0, abs=1e-5)


def test_scores_agree_with_a_plain_loop(kb: KnowledgeBase) -> None:
    embedder = HashEmbedder(dim=64)
    index = SemanticIndex.build(_small(kb, 6), embedder, examples={kb.entries[1].id: ["ganz eigener Satz"]})
    vector = embedder.embed(["wo melde ich meine Wohnung an"], "query")[0]
    table = index.scores(vector)
    sims = index.matrix @ vector
    for n in range(len(index.entry_ids)):
        ex_end = index.example_starts[n + 1] if n + 1 < len(index.entry_ids) else index.n_examples
        pa_end = index.passage_starts[n + 1] + index.n_examples if n + 1 < len(index.entry_ids) else len(sims)
        assert table[n, 0] == pytest.approx(sims[index.example_starts[n] : ex_end].max())
        assert table[n, 1] == pytest.approx(sims[index.n_examples + index.passage_starts[n] : pa_end].max())


def test_example_bank_is_loaded_and_bad_files_are_skipped(kb: KnowledgeBase, tmp_path: Path) -> None:
    entry = kb.active[0]
    (tmp_path / f"{entry.id}.yaml").write_text(
        f"entry: {entry.id}\nexamples:\n  de: ['Mein Nachbar sagt, ich soll mich beim Amt melden']\n  en: []\n",
        encoding="utf-8",
    )
    (tmp_path / "ghost.yaml").write_text("entry: no-such-entry\nexamples: {de: [x]}\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("entry: [\n", encoding="utf-8")
    bank, problems = load_examples(tmp_path, kb)
    assert bank == {entry.id: ["Mein Nachbar sagt, ich soll mich beim Amt melden"]}
    assert len(problems) == 2
    assert load_examples(tmp_path / "absent", kb) == ({}, [])
    embedder = HashEmbedder()
    index = SemanticIndex.build(kb, embedder, examples=bank)
    vector = embedder.embed(["Mein Nachbar sagt, ich soll mich beim Amt melden"], "query")[0]
    assert index.ranked(vector, k=1)[0][0] == entry.id


def test_cache_second_build_embeds_nothing_and_a_changed_text_is_re_embedded(kb: KnowledgeBase, tmp_path: Path) -> None:
    small = _small(kb)
    embedder = HashEmbedder()
    first, report = build_semantic_index(small, embedder, tmp_path, None)
    assert report.embedded == report.texts == embedder.embedded > 0
    assert cache_path(tmp_path, embedder.model_id).exists()

    second, report2 = build_semantic_index(small, embedder, tmp_path, None)
    assert report2.embedded == 0 and embedder.embedded == report.embedded
    assert np.array_equal(first.matrix, second.matrix)

    entry = small.entries[0]
    texts = entry.translations["de"]
    changed_texts = texts.model_copy(update={"questions": ("Eine ganz neue Frage?", *texts.questions[1:])})
    changed = entry.model_copy(update={"translations": {**entry.translations, "de": changed_texts}})
    edited = KnowledgeBase((changed, *small.entries[1:]), kb.topics, kb.language_names, kb.intents)
    _, report3 = build_semantic_index(edited, embedder, tmp_path, None)
    assert report3.embedded == 1
    assert report3.texts == report.texts  # the replaced question's vector was dropped on save

    reopened = EmbedCache.open(tmp_path, embedder)
    assert len(reopened) == report.texts


def test_cache_ignores_a_corrupt_file_and_another_model(kb: KnowledgeBase, tmp_path: Path) -> None:
    embedder = HashEmbedder()
    cache_path(tmp_path, embedder.model_id).write_bytes(b"not a numpy file")
    _, report = build_semantic_index(_small(kb, 2), embedder, tmp_path, None)
    assert report.embedded == report.texts > 0
    other = HashEmbedder(dim=32)
    assert len(EmbedCache.open(tmp_path, other)) == 0  # its own file, not the 256-dim one


class SlowEmbedder(HashEmbedder):
    def __init__(self, delay_s: float) -> None:
        super().__init__()
        self.delay_s = delay_s
        self.done = threading.Event()

    def embed(self, texts: Sequence[str], kind: Kind) -> Vectors:
        self.done.wait(self.delay_s)
        return super().embed(texts, kind)


class BrokenEmbedder(HashEmbedder):
    def embed(self, texts: Sequence[str], kind: Kind) -> Vectors:
        raise RuntimeError("engine fell over")


async def test_embed_query_returns_a_vector_or_none_on_timeout_or_error() -> None:
    vector = await embed_query(HashEmbedder(), "Wo bekomme ich einen Kitaplatz?", timeout_s=5.0)
    assert vector is not None and vector.shape == (256,)
    slow = SlowEmbedder(delay_s=5.0)
    try:
        assert await embed_query(slow, "Kitaplatz", timeout_s=0.05) is None
    finally:
        slow.done.set()  # free the single worker for the next test
    assert await embed_query(BrokenEmbedder(), "Kitaplatz", timeout_s=5.0) is None
    assert await asyncio.wait_for(embed_query(HashEmbedder(), "x", timeout_s=5.0), 5.0) is not None


def test_kb_embed_fills_the_cache_beside_the_database_then_reuses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli_semantic, "load_embedder", lambda threads=1: (HashEmbedder(), "hash fake"))
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "db" / "wegweiser.db"))
    assert main(["kb", "embed", str(REPO / "knowledge")]) == 0
    first = capsys.readouterr().out
    assert "(0 from the cache)" in first and cache_path(tmp_path / "db", HashEmbedder().model_id).exists()
    assert main(["kb", "embed", str(REPO / "knowledge")]) == 0
    assert capsys.readouterr().out.startswith("0 of ")
    assert main(["kb", "stats", str(REPO / "knowledge")]) == 0
    assert "semantic layer: available (hash fake)" in capsys.readouterr().out


def test_kb_embed_and_stats_say_why_the_layer_is_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli_semantic, "load_embedder", lambda threads=1: (None, "this CPU lacks avx2"))
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "wegweiser.db"))
    assert main(["kb", "embed", str(REPO / "knowledge")]) == 1
    assert "unavailable: this CPU lacks avx2" in capsys.readouterr().err
    assert main(["kb", "stats", str(REPO / "knowledge")]) == 0
    assert "semantic layer: unavailable (this CPU lacks avx2)" in capsys.readouterr().out


# ---------------------------------------------------------------- the real model

REAL, WHY_NOT = load_embedder()


@pytest.mark.skipif(REAL is None, reason=f"semantic model unavailable: {WHY_NOT}")
def test_real_model_puts_one_situation_in_two_languages_together() -> None:
    assert REAL is not None
    rows = REAL.embed(
        [
            "أريد تسجيل عنواني الجديد في برلين، أين أذهب؟",  # Arabic: register my new address
            "Ich bin umgezogen und muss meine neue Adresse anmelden.",  # German: register my new address
            "Ich habe starke Zahnschmerzen und brauche einen Zahnarzt.",  # German: a dentist
            "Мені потрібно зареєструвати свою адресу в Берліні",  # Ukrainian: register my address
        ],
        "query",
    )
    assert rows.shape == (4, REAL.dim) and np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-3)
    same = rows[0] @ rows[1]
    assert same > rows[0] @ rows[2] and same > rows[1] @ rows[2]
    assert rows[3] @ rows[0] > rows[3] @ rows[2]
    passage = REAL.embed(["Anmeldung einer Wohnung. Wer nach Berlin zieht, meldet sich beim Bürgeramt an."], "passage")
    assert passage[0] @ rows[0] > passage[0] @ rows[2]
