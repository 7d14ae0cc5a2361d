"""Nearest-example features: for each intent, the best cosine similarity of a message to that intent's examples."""

from __future__ import annotations

import numpy as np

from agent.nlu.features import Floats, Ints


class Neighbours:
    """The examples' embeddings grouped by intent; `features` gives one similarity per intent."""

    def __init__(self, vectors: Floats, labels: Ints, classes: int) -> None:
        order = np.argsort(labels, kind="stable")
        self.vectors = np.ascontiguousarray(vectors[order], dtype=np.float32)
        self.labels = np.ascontiguousarray(labels[order], dtype=np.int64)
        self.classes = classes
        self._order = order
        counts = np.bincount(self.labels, minlength=classes)
        self._starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
        self._present = counts > 0

    def features(self, vectors: Floats, *, leave_one_out: bool = False) -> Floats:
        """Shape (n, classes). With `leave_one_out`, row i of `vectors` is example i and does not see itself."""
        out = np.full((len(vectors), self.classes), -1.0, dtype=np.float32)
        if not len(self.vectors):
            return out
        present = np.flatnonzero(self._present)
        queries = vectors.astype(np.float32)
        if len(queries) == 1 and not leave_one_out:
            # One message: einsum's own loop, not BLAS, whose threads stall behind onnxruntime's spinning
            # threads right after an embedding (measured 0.25 ms against 1.3 ms).
            sims_one = np.einsum("ij,j->i", self.vectors, queries[0])
            out[0, present] = np.maximum.reduceat(sims_one, self._starts[present])
            return out
        if len(queries) <= 4:
            sims = np.einsum("ij,kj->ki", self.vectors, queries)
        else:
            sims = np.ascontiguousarray((self.vectors @ queries.T).T)
        if leave_one_out:
            sims[self._order, np.arange(len(self._order))] = -1.0
        out[:, present] = np.maximum.reduceat(sims, self._starts[present], axis=1)
        return out
