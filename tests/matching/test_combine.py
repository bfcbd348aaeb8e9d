"""The combined decision (lexical + semantic), with hand-made evidence and a deterministic fake embedder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.knowledge.model import KnowledgeBase
from bot.matching import Matcher
from bot.matching.combine import combine, service_key
from bot.matching.semantic import HashEmbedder
from bot.matching.semantic_index import SemanticIndex
from bot.matching.semantic_layer import SemanticLayer
from bot.matching.tuning import SemanticTuning

T = SemanticTuning()


def sims(kb: KnowledgeBase, values: dict[str, float], rest: float = 0.80) -> np.ndarray:
    out = np.full(len(kb.active), rest, dtype=np.float32)
    for entry_id, value in values.items():
        out[kb.position[entry_id]] = value
    return out


def entry(kb: KnowledgeBase, entry_id: str):  # type: ignore[no-untyped-def]
    found = kb.get(entry_id)
    assert found is not None
    return found


def test_agreeing_rankers_answer_where_either_alone_would_hesitate(real_kb: KnowledgeBase) -> None:
    jobcenter = entry(real_kb, "jobcenter-mitte")
    lexical = [(jobcenter, T.answer_agree - 0.05), (entry(real_kb, "amt-fuer-soziales-mitte"), 0.10)]
    verdict = combine(lexical, sims(real_kb, {"jobcenter-mitte": T.full}), real_kb.active, 6, T)
    assert verdict.agree and verdict.action == "answer"
    assert service_key(verdict.candidates[0].entry) == service_key(jobcenter)
    assert verdict.candidates[0].lexical == pytest.approx(T.answer_agree - 0.05)


def test_disagreeing_rankers_offer_a_choice_with_both_first_candidates(real_kb: KnowledgeBase) -> None:
    # words point to the Jobcenter a little, the model clearly to tenancy counselling
    lexical = [(entry(real_kb, "jobcenter-mitte"), T.clarify + 0.01), (entry(real_kb, "amt-fuer-soziales-mitte"), 0.12)]
    tenancy = "mieterberatung-charlottenburg-wilmersdorf"
    similarities = sims(real_kb, {tenancy: T.full, "jobcenter-mitte": T.abstain + 0.01})
    verdict = combine(lexical, similarities, real_kb.active, 6, T)
    assert not verdict.agree and verdict.action == "clarify"
    shown = {c.entry.id for c in verdict.candidates}
    assert {"jobcenter-mitte", "mieterberatung-charlottenburg-wilmersdorf"} <= shown


def test_a_message_far_from_every_example_is_handed_off_unless_the_words_are_strong(real_kb: KnowledgeBase) -> None:
    far = sims(real_kb, {}, rest=T.abstain - 0.05)
    weak = [(entry(real_kb, "jobcenter-mitte"), T.lexical_alone - 0.05)]
    assert combine(weak, far, real_kb.active, 6, T).action == "handoff"
    strong = [(entry(real_kb, "jobcenter-mitte"), 0.9)]
    assert combine(strong, far, real_kb.active, 6, T).action != "handoff"


def test_a_district_variant_is_no_rival(real_kb: KnowledgeBase) -> None:
    mitte, cw = entry(real_kb, "jobcenter-mitte"), entry(real_kb, "jobcenter-charlottenburg-wilmersdorf")
    verdict = combine([(mitte, 0.6), (cw, 0.6)], sims(real_kb, {mitte.id: T.full, cw.id: T.full}),
                      real_kb.active, 6, T)
    assert verdict.action == "answer" and len({service_key(c.entry) for c in verdict.candidates}) == len(
        verdict.candidates)


@pytest.fixture(scope="module")
def fake_index(real_kb: KnowledgeBase) -> SemanticIndex:
    return SemanticIndex.build(real_kb, HashEmbedder())


def test_the_matcher_uses_the_layer_only_with_a_vector(real_kb: KnowledgeBase, fake_index: SemanticIndex) -> None:
    matcher = Matcher(real_kb)
    matcher.attach(fake_index)
    text = "Wo bekomme ich einen Kita-Gutschein?"
    assert matcher.match(text, "de").layers == ("lexical",)
    vector = HashEmbedder().embed([text], "query")[0]
    decision = matcher.match(text, "de", vector=vector)
    assert decision.layers == ("lexical", "semantic") and decision.agree is not None
    assert decision.candidates and all(c.semantic is not None for c in decision.candidates)


def test_an_index_of_other_knowledge_is_refused(real_kb: KnowledgeBase, fake_index: SemanticIndex) -> None:
    smaller = KnowledgeBase(real_kb.entries[:5], real_kb.topics, real_kb.language_names, real_kb.intents)
    with pytest.raises(ValueError):
        Matcher(smaller).attach(fake_index)


async def test_the_layer_attaches_in_the_background_and_says_so(real_kb: KnowledgeBase, tmp_path: Path) -> None:
    matcher = Matcher(real_kb)
    layer = SemanticLayer(HashEmbedder(), "fake", tmp_path, timeout_s=1.0)
    assert await layer.vector(matcher, "Kita") is None  # not built yet: the lexical matcher decides
    layer.attach_in_background(matcher, Path("knowledge"))
    assert "building" in layer.status(matcher)
    await layer.attach(matcher, Path("knowledge"))  # the same build awaited here (cache makes it cheap)
    assert matcher.semantic is not None and layer.status(matcher).startswith("on")
    assert (await layer.vector(matcher, "Kita")) is not None
    await layer.stop()


async def test_an_unavailable_model_leaves_the_matcher_lexical(real_kb: KnowledgeBase) -> None:
    matcher = Matcher(real_kb)
    layer = SemanticLayer.off("no model here")
    layer.attach_in_background(matcher, Path("knowledge"))
    await layer.stop()
    assert matcher.semantic is None and layer.status(matcher) == "off: no model here"
    assert await layer.vector(matcher, "Kita") is None


class SlowEmbedder(HashEmbedder):
    """A model that needs a while per batch, as the real one does on a cold cache."""

    def __init__(self) -> None:
        super().__init__()
        self.batches = 0

    def embed(self, texts, kind):  # type: ignore[no-untyped-def]
        import time

        time.sleep(0.05)
        self.batches += 1
        return super().embed(texts, kind)


async def test_stopping_ends_a_cold_build_at_the_next_batch(real_kb: KnowledgeBase, tmp_path: Path) -> None:
    import asyncio

    embedder = SlowEmbedder()
    matcher = Matcher(real_kb)
    layer = SemanticLayer(embedder, "slow", tmp_path, timeout_s=1.0)
    layer.attach_in_background(matcher, Path("knowledge"))
    while embedder.batches < 2:  # the build is under way in its worker thread
        await asyncio.sleep(0.01)
    await layer.stop()
    await asyncio.sleep(0.3)  # the thread sees the stop after its current batch
    stopped_at = embedder.batches
    await asyncio.sleep(0.3)
    assert embedder.batches == stopped_at < 10  # nothing more embedded; a whole build takes dozens of batches
    assert matcher.semantic is None and not layer.building
