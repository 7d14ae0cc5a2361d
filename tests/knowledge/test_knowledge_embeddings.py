"""The offline embedder: shape, normalisation, meaning, caching, threads, and the Chroma adapter."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from knowledge.embeddings import DIM, Embedder
from knowledge.index import ChromaEmbeddingFunction
from knowledge.model_files import prepare_model


def test_embeddings_are_normalised_and_384_wide(embedder: Embedder) -> None:
    vectors = embedder.embed(["How much is shipping?", "", "猫粮", "a " * 400])
    assert vectors.shape == (4, DIM)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_paraphrases_are_closer_than_unrelated_sentences(embedder: Embedder) -> None:
    question = embedder.embed_one("How long does delivery take?")
    paraphrase = embedder.embed_one("When will my parcel arrive?")
    unrelated = embedder.embed_one("Who painted the Mona Lisa?")
    assert float(question @ paraphrase) > float(question @ unrelated) + 0.3


def test_embed_one_matches_batch_and_is_cached_read_only(embedder: Embedder) -> None:
    text = "Can I return opened cat food?"
    single = embedder.embed_one(text)
    batch = embedder.embed([text, "something much longer to force padding in the same batch of texts"])
    # int8 activations are quantized per batch, so batch-mates move a vector a little, never its meaning
    assert float(single @ batch[0]) > 0.99
    assert embedder.embed_one(text) is single
    with pytest.raises(ValueError):
        single[0] = 1.0


def test_concurrent_use_from_threads_gives_the_same_vectors(embedder: Embedder) -> None:
    texts = [f"question number {i} about cat litter" for i in range(24)]
    expected = np.stack([embedder.embed([t])[0] for t in texts])
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda t: embedder.embed([t])[0], texts))
    assert np.allclose(np.stack(results), expected, atol=1e-5)


def test_int8_model_stays_close_to_fp32(models_dir: Path, embedder: Embedder) -> None:
    fp32 = Embedder.load(models_dir, quantized=False)
    texts = ["Is the salmon kitten food grain free?", "My dog chews everything", "退货期限是多久？"]
    cosines = np.sum(embedder.embed(texts) * fp32.embed(texts), axis=1)
    assert cosines.min() >= 0.97


def test_model_is_built_once_and_reused(models_dir: Path) -> None:
    files = prepare_model(models_dir)
    stamp = files.onnx_path.stat().st_mtime_ns
    assert prepare_model(models_dir).onnx_path.stat().st_mtime_ns == stamp


def test_chroma_adapter_embeds_documents(embedder: Embedder) -> None:
    function = ChromaEmbeddingFunction(embedder)
    vectors = function(["one text", "another text"])
    assert len(vectors) == 2 and len(vectors[0]) == DIM
    assert ChromaEmbeddingFunction.name() == "shopclerk-minilm"
