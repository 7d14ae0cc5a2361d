"""A multinomial logistic regression over dense (embedding) and sparse (n-gram) features, trained with numpy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from agent.nlu.features import Floats, Ints, SparseRows


@dataclass(frozen=True)
class Hyper:
    """Training settings; part of the cache key, so changing one retrains."""

    l2: float = 1e-4
    epochs: int = 100
    learning_rate: float = 0.08
    dense_weight: float = 1.0
    lexical_weight: float = 2.0
    neighbour_weight: float = 4.0


@dataclass
class LinearModel:
    """Weights for the dense block, the sparse block (compact columns) and the bias; `columns` maps buckets."""

    dense: Floats  # (d, classes)
    sparse: Floats  # (columns, classes)
    bias: Floats  # (classes,)
    columns: Ints  # sorted hashed buckets that have a row in `sparse`
    hyper: Hyper

    def logits(self, dense: Floats, rows: SparseRows) -> Floats:
        """Raw scores, shape (n, classes)."""
        scaled = dense * self.hyper.dense_weight
        # Few rows: einsum rather than BLAS (see Neighbours.features); many rows: BLAS.
        out = (np.einsum("ij,jk->ik", scaled, self.dense) if len(dense) <= 4 else scaled @ self.dense) + self.bias
        position = np.searchsorted(self.columns, rows.indices)
        position = np.minimum(position, len(self.columns) - 1)
        known = self.columns[position] == rows.indices
        contrib = np.zeros((len(rows.indices), self.bias.shape[0]), dtype=np.float32)
        contrib[known] = self.sparse[position[known]] * (rows.data[known, None] * self.hyper.lexical_weight)
        out += np.add.reduceat(contrib, rows.indptr[:-1], axis=0)
        return out.astype(np.float32)


def softmax(logits: Floats, temperature: float = 1.0) -> Floats:
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: Floats = (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
    return out


def train(
    dense: Floats, rows: SparseRows, labels: Ints, classes: int, hyper: Hyper, *, weights: Floats | None = None
) -> LinearModel:
    """Full-batch Adam on the mean (weighted) cross-entropy plus L2; deterministic (zero init, fixed order)."""
    n = dense.shape[0]
    columns, compact = np.unique(rows.indices, return_inverse=True)
    values = rows.data * hyper.lexical_weight
    starts = rows.indptr[:-1]
    # Sparse products in the transposed layout (classes x nonzeros): `np.take` + 1-D `reduceat` are fast.
    by_column = np.argsort(compact, kind="stable")
    rows_by_column = rows.row_ids()[by_column]
    values_by_column = values[by_column]
    column_starts = np.searchsorted(compact[by_column], np.arange(len(columns)))
    x_dense = dense * hyper.dense_weight
    sample = (weights if weights is not None else np.ones(n, dtype=np.float32)) / n
    onehot = np.zeros((n, classes), dtype=np.float32)
    onehot[np.arange(n), labels] = 1.0

    params = [
        np.zeros((dense.shape[1], classes), dtype=np.float32),
        np.zeros((classes, len(columns)), dtype=np.float32),  # transposed sparse weights
        np.zeros(classes, dtype=np.float32),
    ]
    moments = [np.zeros_like(p) for p in params]
    squares = [np.zeros_like(p) for p in params]
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, hyper.epochs + 1):
        w_dense, w_sparse_t, bias = params
        sparse_part = np.add.reduceat(np.take(w_sparse_t, compact, axis=1) * values, starts, axis=1).T
        logits: Floats = (x_dense @ w_dense + bias + sparse_part).astype(np.float32)
        grad_logits = (softmax(logits) - onehot) * sample[:, None]
        grad_t = np.ascontiguousarray(grad_logits.T)
        grads = [
            x_dense.T @ grad_logits + hyper.l2 * w_dense,
            np.add.reduceat(np.take(grad_t, rows_by_column, axis=1) * values_by_column, column_starts, axis=1)
            + hyper.l2 * w_sparse_t,
            grad_logits.sum(axis=0),
        ]
        rate = hyper.learning_rate * np.sqrt(1 - beta2**step) / (1 - beta1**step)
        for param, grad, m, v in zip(params, grads, moments, squares, strict=True):
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            param -= (rate * m / (np.sqrt(v) + eps)).astype(np.float32)
    return LinearModel(
        dense=params[0],
        sparse=np.ascontiguousarray(params[1].T),
        bias=params[2],
        columns=columns.astype(np.int64),
        hyper=hyper,
    )


def fit_temperature(logits: Floats, labels: Ints) -> float:
    """The temperature minimising held-out negative log-likelihood (golden-section search on log T)."""

    def nll(log_t: float) -> float:
        probs = softmax(logits, float(np.exp(log_t)))
        return float(-np.mean(np.log(probs[np.arange(len(labels)), labels] + 1e-9)))

    low, high = np.log(0.05), np.log(20.0)
    ratio = (np.sqrt(5) - 1) / 2
    a, b = high - ratio * (high - low), low + ratio * (high - low)
    for _ in range(60):
        if nll(a) < nll(b):
            high, b = b, a
            a = high - ratio * (high - low)
        else:
            low, a = a, b
            b = low + ratio * (high - low)
    return float(np.exp((low + high) / 2))
