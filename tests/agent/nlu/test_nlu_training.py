"""Training the intent model: deterministic, calibrated, cached by a hash of the examples, retrained on change."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from agent.nlu.base import OUT_OF_SCOPE
from agent.nlu.classifier import Hyper, fit_temperature, softmax
from agent.nlu.features import LexicalVectorizer, ngrams, normalise
from agent.nlu.intent_model import IntentModel, IntentModelError
from agent.nlu.model_cache import cache_key, load_or_train
from agent.nlu.trainer import LabelledText, TrainingError, train_intent_model, typo

FAST = Hyper(epochs=40)


def test_features_normalise_identifiers_and_keep_typos_close() -> None:
    assert "xorder" in normalise("where is PS-100234")
    assert "xemail" in normalise("mail me at a.b@example.com")
    assert "xnum" in normalise("order 00004587345")
    shared = set(ngrams("cancel my order")) & set(ngrams("cancle my ordr"))
    assert {"w:my", "c:<ca"} <= shared
    assert any(g.startswith("z:") for g in ngrams("我的订单"))
    rows = LexicalVectorizer.fit(["a b", "c d"]).transform(["", "cancel"])
    assert rows.rows == 2 and (np.diff(rows.indptr) >= 1).all()


def test_typo_copies_are_deterministic_slips() -> None:
    assert typo("please cancel my order", 1) == typo("please cancel my order", 1)
    assert typo("please cancel my order", 1) != "please cancel my order"
    assert typo("ok", 3) == "ok"


def test_temperature_fit_undoes_overconfidence() -> None:
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 3, 400)
    logits = rng.normal(size=(400, 3)).astype(np.float32)
    logits[np.arange(400), labels] += 1.0
    t = fit_temperature(logits * 5, labels)
    assert 3.0 < t < 8.0
    assert np.allclose(softmax(logits).sum(axis=1), 1.0, atol=1e-5)


def test_training_is_deterministic(small_examples: list[LabelledText], hash_embedder: object) -> None:
    a = train_intent_model(small_examples, hash_embedder, hyper=FAST)  # type: ignore[arg-type]
    b = train_intent_model(small_examples, hash_embedder, hyper=FAST)  # type: ignore[arg-type]
    assert np.array_equal(a.linear.dense, b.linear.dense)
    assert np.array_equal(a.linear.sparse, b.linear.sparse)
    assert (a.temperature, a.threshold) == (b.temperature, b.threshold)


def test_model_classifies_and_rejects(small_model: IntentModel, hash_embedder: object) -> None:
    texts = ["where is my parcel", "cancel my order please", "hello", "what is the weather like"]
    probs = small_model.probabilities(texts, hash_embedder.embed(texts))  # type: ignore[attr-defined]
    assert [small_model.decide(p)[0] for p in probs] == ["order_status", "cancel_order", "greeting", OUT_OF_SCOPE]
    assert small_model.ranked(probs[0])[0].intent == "order_status"


def test_spread_out_probabilities_are_out_of_scope(small_model: IntentModel) -> None:
    flat = np.full(len(small_model.labels), 1.0 / len(small_model.labels), dtype=np.float32)
    assert small_model.decide(flat)[0] == OUT_OF_SCOPE
    two = np.zeros(len(small_model.labels), dtype=np.float32)
    two[small_model.labels.index("order_status")] = 0.45
    two[small_model.labels.index("cancel_order")] = 0.45
    two[small_model.labels.index(OUT_OF_SCOPE)] = 0.10
    assert small_model.decide(two) == ("cancel_order", pytest.approx(0.45))


def test_save_and_load_round_trip(small_model: IntentModel, tmp_path: Path, hash_embedder: object) -> None:
    path = tmp_path / "m.npz"
    small_model.save(path)
    loaded = IntentModel.load(path)
    texts = ["track my package"]
    vectors = hash_embedder.embed(texts)  # type: ignore[attr-defined]
    assert np.allclose(loaded.probabilities(texts, vectors), small_model.probabilities(texts, vectors))
    assert loaded.labels == small_model.labels
    (tmp_path / "bad.npz").write_bytes(b"not a model")
    with pytest.raises(IntentModelError):
        IntentModel.load(tmp_path / "bad.npz")


def test_cache_reuses_and_retrains_on_change(
    small_examples: list[LabelledText], tmp_path: Path, hash_embedder: object
) -> None:
    first = load_or_train(small_examples, hash_embedder, tmp_path, hyper=FAST)  # type: ignore[arg-type]
    cached = list((tmp_path / "nlu").glob("intents-*.npz"))
    assert len(cached) == 1
    calls = hash_embedder.calls  # type: ignore[attr-defined]
    again = load_or_train(small_examples, hash_embedder, tmp_path, hyper=FAST)  # type: ignore[arg-type]
    assert hash_embedder.calls == calls  # type: ignore[attr-defined]  # loaded, not retrained
    assert np.array_equal(first.linear.dense, again.linear.dense)
    changed = [*small_examples, LabelledText(text="where did my box go", intent="order_status")]
    assert cache_key(changed, "e", FAST, 1) != cache_key(small_examples, "e", FAST, 1)
    load_or_train(changed, hash_embedder, tmp_path, hyper=FAST)  # type: ignore[arg-type]
    remaining = list((tmp_path / "nlu").glob("intents-*.npz"))
    assert len(remaining) == 1 and remaining != cached
    cached_path = remaining[0]
    cached_path.write_bytes(b"corrupt")
    load_or_train(changed, hash_embedder, tmp_path, hyper=FAST)  # type: ignore[arg-type]
    assert IntentModel.load(cached_path).labels == first.labels


def test_too_few_intents_is_an_error(hash_embedder: object) -> None:
    with pytest.raises(TrainingError):
        train_intent_model([LabelledText(text="hi", intent="greeting")], hash_embedder)  # type: ignore[arg-type]
