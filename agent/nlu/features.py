"""Lexical features: hashed word and character n-grams with TF-IDF weights, as sparse rows for the classifier."""

from __future__ import annotations

import itertools
import math
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from agent.nlu.patterns import EMAIL

BUCKETS = 1 << 18
_DIGITS = re.compile(r"\d+")
_TOKEN = re.compile(r"[a-z0-9']+|[\u3400-\u9fff]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_SHOP_NUMBER = re.compile(r"(?<![a-z0-9])#?[a-z]{2,4}[ -]?\d{6}(?!\d)")

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int64]


def normalise(text: str) -> str:
    """Lower case, identifiers replaced by one token each, digits collapsed: what the n-grams see."""
    lowered = EMAIL.sub(" xemail ", text.lower())
    lowered = _SHOP_NUMBER.sub(" xorder ", lowered)
    lowered = _DIGITS.sub(lambda m: " xnum " if len(m.group(0)) >= 5 else "0", lowered)
    return lowered.replace("’", "'")


def ngrams(text: str) -> list[str]:
    """Word 1-2 grams, character 3-5 grams inside words (typos keep most of them), CJK character 1-2 grams."""
    tokens = _TOKEN.findall(normalise(text))
    grams = [f"w:{t}" for t in tokens]
    grams += [f"b:{a} {b}" for a, b in itertools.pairwise(tokens)]
    for token in tokens:
        if _CJK.match(token):
            continue
        padded = f"<{token}>"
        for n in (3, 4, 5):
            grams += [f"c:{padded[i : i + n]}" for i in range(len(padded) - n + 1)]
    cjk = "".join(ch for ch in text if _CJK.match(ch))
    grams += [f"z:{cjk[i : i + 2]}" for i in range(len(cjk) - 1)]
    return grams


def bucket(gram: str) -> int:
    return zlib.crc32(gram.encode()) % BUCKETS


@dataclass(frozen=True)
class SparseRows:
    """Rows in CSR form: row i holds `indices[indptr[i]:indptr[i+1]]` with weights `data[...]` (no empty rows)."""

    indptr: Ints
    indices: Ints
    data: Floats

    @property
    def rows(self) -> int:
        return len(self.indptr) - 1

    def row_ids(self) -> Ints:
        return np.repeat(np.arange(self.rows), np.diff(self.indptr))


class LexicalVectorizer:
    """Hashed n-gram counts -> sublinear TF-IDF -> L2-normalised sparse rows; the IDF is learnt from our examples."""

    BIAS = 0  # every row carries bucket 0 with a small constant weight, so no row is empty

    def __init__(self, idf: Floats | None = None) -> None:
        self.idf = idf if idf is not None else np.ones(BUCKETS, dtype=np.float32)

    @classmethod
    def fit(cls, texts: Sequence[str]) -> LexicalVectorizer:
        df = np.zeros(BUCKETS, dtype=np.float64)
        for text in texts:
            for index in {bucket(g) for g in ngrams(text)}:
                df[index] += 1
        idf = np.log((1 + len(texts)) / (1 + df)) + 1.0
        return cls(idf.astype(np.float32))

    def transform(self, texts: Sequence[str]) -> SparseRows:
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        for text in texts:
            counts: dict[int, int] = {}
            for gram in ngrams(text):
                index = bucket(gram)
                counts[index] = counts.get(index, 0) + 1
            counts.pop(self.BIAS, None)
            weights = {i: (1.0 + math.log(c)) * float(self.idf[i]) for i, c in counts.items()}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            row = sorted(weights)
            indices += [self.BIAS, *row]
            data += [0.1, *(weights[i] / norm for i in row)]
            indptr.append(len(indices))
        return SparseRows(
            indptr=np.asarray(indptr, dtype=np.int64),
            indices=np.asarray(indices, dtype=np.int64),
            data=np.asarray(data, dtype=np.float32),
        )
