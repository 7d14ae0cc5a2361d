"""The offline sentence embedder (all-MiniLM-L6-v2 on onnxruntime), shared by retrieval and the NLU."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from knowledge.model_files import ModelFiles, prepare_model

Vector = npt.NDArray[np.float32]
DIM = 384
MAX_TOKENS = 256  # the sentence-transformers setting of this model
_CACHE_SIZE = 2048


class Embedder:
    """Text -> L2-normalised 384-d vectors. Thread-safe; loads only cached local files, never downloads."""

    def __init__(self, files: ModelFiles, *, threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.files = files
        self.name = files.model_name
        self.dim = DIM
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(files.onnx_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        tokenizer = Tokenizer.from_file(str(files.tokenizer_path))
        tokenizer.no_padding()  # we pad to the longest text of each batch ourselves
        tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer = tokenizer
        self._lock = threading.Lock()
        self._cached = functools.lru_cache(maxsize=_CACHE_SIZE)(self._embed_uncached)

    @classmethod
    def load(cls, models_dir: Path, *, quantized: bool = True, threads: int | None = None) -> Embedder:
        """Build the ONNX graph into `models_dir` on first use (about 3 s, offline), then load it."""
        return cls(prepare_model(models_dir, quantized=quantized), threads=threads)

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> Vector:
        """Embed many texts, shape (n, 384); batches group texts of similar length to pad little."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), DIM), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            out[chunk] = self._run([texts[i] for i in chunk])
        return out

    def embed_one(self, text: str) -> Vector:
        """Embed one text, shape (384,). Repeated texts (NLU then retrieval, same message) are cached."""
        return self._cached(text)

    def clear_cache(self) -> None:
        """Forget cached single-text embeddings (benchmarks time the real work)."""
        self._cached.cache_clear()

    def _embed_uncached(self, text: str) -> Vector:
        vector: Vector = self._run([text])[0]
        vector.setflags(write=False)
        return vector

    def _run(self, texts: list[str]) -> Vector:
        with self._lock:  # the tokenizer object is shared; the ONNX session itself is thread-safe
            encodings = self._tokenizer.encode_batch([t if t.strip() else "." for t in texts])
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        result: Any = self._session.run(["sentence_embedding"], {"input_ids": ids, "attention_mask": mask})
        return np.asarray(result[0], dtype=np.float32)

    def knows(self, word: str) -> bool:
        """True when `word` is a whole token of the model's vocabulary (a real word to it, not a typo)."""
        return self._tokenizer.token_to_id(word) is not None

    def cosine(self, a: str, b: str) -> float:
        """Cosine similarity of two texts (handy in the REPL and tests)."""
        return float(self.embed_one(a) @ self.embed_one(b))
