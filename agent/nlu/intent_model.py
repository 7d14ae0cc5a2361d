"""The trained intent model: labels, vectorizer, linear weights, temperature and out-of-scope threshold."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from agent.nlu.base import OUT_OF_SCOPE, IntentScore
from agent.nlu.classifier import Hyper, LinearModel, softmax
from agent.nlu.features import Floats, LexicalVectorizer
from agent.nlu.neighbours import Neighbours


def top_two_mass(probs: Floats, labels: list[str]) -> float:
    """The probability held by the two best in-scope intents."""
    in_scope = np.asarray([p for p, label in zip(probs, labels, strict=True) if label != OUT_OF_SCOPE])
    return float(np.sort(in_scope)[-2:].sum()) if len(in_scope) else 0.0


def dense_features(vectors: Floats, neighbours: Neighbours, weight: float, *, leave_one_out: bool = False) -> Floats:
    """The message embedding followed by its per-intent nearest-example similarities."""
    near = neighbours.features(vectors, leave_one_out=leave_one_out) * weight
    return np.hstack([vectors.astype(np.float32), near]).astype(np.float32)


class IntentModelError(RuntimeError):
    """A cached model file cannot be read; the caller retrains."""


class IntentModel:
    """Scores texts against the shop's intents; probabilities are temperature-calibrated."""

    def __init__(
        self,
        labels: list[str],
        linear: LinearModel,
        vectorizer: LexicalVectorizer,
        neighbours: Neighbours,
        temperature: float,
        threshold: float,
    ) -> None:
        self.labels = labels
        self.linear = linear
        self.vectorizer = vectorizer
        self.neighbours = neighbours
        self.temperature = temperature
        self.threshold = threshold

    def logits(self, texts: list[str], vectors: Floats) -> Floats:
        """Uncalibrated scores from the embedding, the nearest examples and the n-grams."""
        dense = dense_features(vectors, self.neighbours, self.linear.hyper.neighbour_weight)
        return self.linear.logits(dense, self.vectorizer.transform(texts))

    def probabilities(self, texts: list[str], vectors: Floats) -> Floats:
        """Calibrated probabilities, shape (len(texts), len(labels))."""
        return softmax(self.logits(texts, vectors), self.temperature)

    def ranked(self, probs: Floats, top: int = 5) -> list[IntentScore]:
        order = np.argsort(-probs, kind="stable")[:top]
        return [IntentScore(intent=self.labels[i], score=round(float(min(1.0, probs[i])), 4)) for i in order]

    def decide(self, probs: Floats) -> tuple[str, float]:
        """The intent to act on, or out_of_scope when the message looks like none of ours.

        In scope means: the best intent beats out_of_scope, and the best two intents together hold at least
        `threshold` of the probability. Two related intents splitting a message ("return" or "refund_status")
        is an in-scope message to clarify, not an unknown one; mass spread over many intents is unknown.
        """
        best = int(np.argmax(probs))
        confidence = float(probs[best])
        if self.labels[best] == OUT_OF_SCOPE:
            return OUT_OF_SCOPE, confidence
        if top_two_mass(probs, self.labels) < self.threshold:
            oos = float(probs[self.labels.index(OUT_OF_SCOPE)]) if OUT_OF_SCOPE in self.labels else 0.0
            return OUT_OF_SCOPE, max(oos, 1.0 - confidence)
        return self.labels[best], confidence

    def best_in_scope(self, probs: Floats) -> tuple[str, float]:
        """The most probable of the shop's own intents, even when out_of_scope is more probable."""
        order = [i for i in np.argsort(-probs, kind="stable") if self.labels[i] != OUT_OF_SCOPE]
        return self.labels[order[0]], float(probs[order[0]])

    def save(self, path: Path) -> None:
        """Write atomically: a half-written cache is never read."""
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {
            "labels": self.labels,
            "temperature": self.temperature,
            "threshold": self.threshold,
            "hyper": self.linear.hyper.__dict__,
        }
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez_compressed(
            tmp,
            dense=self.linear.dense,
            sparse=self.linear.sparse,
            bias=self.linear.bias,
            columns=self.linear.columns,
            idf=self.vectorizer.idf,
            meta=np.array(json.dumps(meta)),
            memory=self.neighbours.vectors,
            memory_labels=self.neighbours.labels,
        )
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> IntentModel:
        try:
            with np.load(path) as data:
                meta = json.loads(str(data["meta"]))
                linear = LinearModel(
                    dense=data["dense"],
                    sparse=data["sparse"],
                    bias=data["bias"],
                    columns=data["columns"],
                    hyper=Hyper(**meta["hyper"]),
                )
                vectorizer = LexicalVectorizer(data["idf"])
                labels = list(meta["labels"])
                neighbours = Neighbours(data["memory"].astype(np.float32), data["memory_labels"], len(labels))
        except (OSError, KeyError, ValueError, TypeError) as exc:
            raise IntentModelError(f"cannot read intent model {path}: {exc}") from exc
        return cls(labels, linear, vectorizer, neighbours, float(meta["temperature"]), float(meta["threshold"]))
