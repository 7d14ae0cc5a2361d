"""Assembly from settings: an empty data directory is prepared from scratch; the runtime holds real pieces."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from connectors.assemble import Runtime, open_knowledge, open_runtime, prepare
from connectors.orders.errors import StoreNotInitialized
from connectors.settings import Settings, load_settings
from knowledge.embeddings import Embedder


def test_prepare_from_scratch_seeds_the_store_and_indexes_knowledge_and_catalog(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data")
    done = prepare(settings)
    assert done.seeded
    assert done.knowledge.errors == []
    assert len(done.knowledge.added) > 100
    assert settings.store_path.is_file()
    assert any(settings.models_dir.iterdir())
    again = prepare(settings)
    assert not again.seeded
    assert (again.knowledge.added, again.knowledge.updated, again.knowledge.removed) == ([], [], [])


def test_runtime_answers_from_store_and_knowledge(runtime: Runtime) -> None:
    summary = runtime.orders.summary()
    assert summary.products >= 60
    assert summary.orders >= 300
    result = runtime.knowledge.search("how long do I have to send something back?")
    assert result.answered
    assert result.best is not None
    assert "return" in result.best.id
    products = runtime.knowledge.search("grain-free food for a kitten", kinds=["product"])
    assert products.hits


def test_seed_demo_off_leaves_an_empty_store_empty(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data", seed_demo=False)
    settings.data_dir.mkdir(parents=True)
    with pytest.raises(StoreNotInitialized, match="store seed"), open_runtime(settings):
        pass


def test_a_configured_retrieval_threshold_reaches_the_knowledge_base(make_settings: Callable[..., Settings]) -> None:
    settings = make_settings(retrieval_min_confidence=0.99)
    embedder = Embedder.load(settings.models_dir)
    strict, _ = open_knowledge(settings, embedder, [])
    assert strict.answer_threshold == 0.99
    result = strict.search("how long do I have to send something back?")
    assert not result.answered and result.threshold == 0.99
    unset = settings.model_copy(update={"retrieval_min_confidence": None})
    derived, _ = open_knowledge(unset, embedder, [])
    assert derived.answer_threshold < 0.99
    assert derived.search("how long do I have to send something back?").answered
