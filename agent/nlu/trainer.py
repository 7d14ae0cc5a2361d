"""Training the intent model from the shop's examples: held-out calibration, out-of-scope threshold, typo copies."""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict

from agent.nlu.base import OUT_OF_SCOPE, TextEmbedder
from agent.nlu.classifier import Hyper, LinearModel, fit_temperature, softmax, train
from agent.nlu.features import Floats, Ints, LexicalVectorizer
from agent.nlu.intent_model import IntentModel, dense_features, top_two_mass
from agent.nlu.neighbours import Neighbours
from agent.nlu.spelling import Speller

HELD_OUT_SHARE = 0.15
KEEP_IN_SCOPE = 0.98  # the threshold keeps this share of correctly classified held-out in-scope examples
THRESHOLD_RANGE = (0.2, 0.5)
_NEIGHBOURS = "qwertyuiop asdfghjkl zxcvbnm"


class TrainingError(ValueError):
    """The examples cannot train a model (too few intents or examples)."""


class LabelledText(BaseModel):
    """One training example: a shopper utterance and its intent (the shop's own, finer taxonomy)."""

    model_config = ConfigDict(frozen=True)

    text: str
    intent: str


def typo(text: str, seed: int) -> str:
    """A copy of `text` with one plausible slip in one longer word (drop, swap, double or neighbour key)."""
    rng = random.Random(seed)
    words = text.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not long_words:
        return text
    i = rng.choice(long_words)
    word = words[i]
    j = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        word = word[:j] + word[j + 1 :]
    elif kind == 1:
        word = word[: j - 1] + word[j] + word[j - 1] + word[j + 1 :]
    elif kind == 2:
        word = word[:j] + word[j] + word[j:]
    else:
        row = next((r for r in _NEIGHBOURS.split() if word[j].lower() in r), "")
        k = row.find(word[j].lower())
        if row:
            word = word[:j] + row[max(0, k - 1) if rng.random() < 0.5 else min(len(row) - 1, k + 1)] + word[j + 1 :]
    words[i] = word
    return " ".join(words)


def _split(examples: Sequence[LabelledText]) -> tuple[list[int], list[int]]:
    """Deterministic stratified split: the held-out share of each intent, chosen by a hash of the text."""
    by_intent: dict[str, list[int]] = {}
    for index, example in enumerate(examples):
        by_intent.setdefault(example.intent, []).append(index)
    train_ids: list[int] = []
    held_ids: list[int] = []
    for ids in by_intent.values():
        ids = sorted(ids, key=lambda i: zlib.crc32(examples[i].text.encode()))
        count = int(len(ids) * HELD_OUT_SHARE) if len(ids) >= 5 else 0
        held_ids += ids[:count]
        train_ids += ids[count:]
    return sorted(train_ids), sorted(held_ids)


def _fit(
    texts: list[str], vectors: Floats, labels: Ints, classes: int, hyper: Hyper, typo_copies: int
) -> tuple[LinearModel, LexicalVectorizer, Neighbours]:
    """One fit; nearest-example features of the training rows leave the row itself out."""
    vectorizer = LexicalVectorizer.fit(texts)
    neighbours = Neighbours(vectors, labels, classes)
    dense = dense_features(vectors, neighbours, hyper.neighbour_weight, leave_one_out=True)
    counts = np.bincount(labels, minlength=classes).astype(np.float32)
    weights = (len(labels) / (classes * np.maximum(counts, 1)))[labels].astype(np.float32)
    all_texts, all_dense, all_labels, all_weights = list(texts), [dense], [labels], [weights]
    for copy in range(typo_copies):
        all_texts += [typo(t, zlib.crc32(f"{copy}:{t}".encode())) for t in texts]
        all_dense.append(dense)  # the typo copy teaches the n-grams; its meaning (vector) is the original's
        all_labels.append(labels)
        all_weights.append(weights * 0.5)
    linear = train(
        np.vstack(all_dense),
        vectorizer.transform(all_texts),
        np.concatenate(all_labels),
        classes,
        hyper,
        weights=np.concatenate(all_weights),
    )
    return linear, vectorizer, neighbours


def train_intent_model(
    examples: Sequence[LabelledText], embedder: TextEmbedder, *, hyper: Hyper | None = None, typo_copies: int = 0
) -> IntentModel:
    """Fit on most examples, calibrate on the held-out rest; the nearest-example memory then holds them all."""
    hyper = hyper or Hyper()
    labels = sorted({e.intent for e in examples})
    if len([label for label in labels if label != OUT_OF_SCOPE]) < 2:
        raise TrainingError(f"need examples of at least two intents, got {labels}")
    index = {label: i for i, label in enumerate(labels)}
    spell_out = Speller().rewrite  # the examples read as the understander reads messages: shorthand spelled out
    texts = [spell_out(e.text) for e in examples]
    y = np.asarray([index[e.intent] for e in examples], dtype=np.int64)
    vectors = embedder.embed(texts).astype(np.float32)
    train_ids, held_ids = _split(examples)
    linear, vectorizer, neighbours = _fit(
        [texts[i] for i in train_ids], vectors[train_ids], y[train_ids], len(labels), hyper, typo_copies
    )
    temperature, threshold = 1.0, THRESHOLD_RANGE[0]
    if held_ids:
        model = IntentModel(labels, linear, vectorizer, neighbours, 1.0, 0.0)
        logits = model.logits([texts[i] for i in held_ids], vectors[held_ids])
        temperature = fit_temperature(logits, y[held_ids])
        threshold = _threshold(softmax(logits, temperature), y[held_ids], labels)
    memory = Neighbours(vectors, y, len(labels))
    return IntentModel(labels, linear, vectorizer, memory, temperature, threshold)


def _threshold(probs: Floats, truth: Ints, labels: list[str]) -> float:
    """The confidence below which an in-scope guess becomes out_of_scope, read off our held-out examples."""
    predicted = probs.argmax(axis=1)
    oos = labels.index(OUT_OF_SCOPE) if OUT_OF_SCOPE in labels else -1
    right = (predicted == truth) & (truth != oos)
    if not right.any():
        return THRESHOLD_RANGE[0]
    mass = np.asarray([top_two_mass(row, labels) for row in probs[right]])
    value = float(np.quantile(mass, 1.0 - KEEP_IN_SCOPE))
    return float(min(max(value, THRESHOLD_RANGE[0]), THRESHOLD_RANGE[1]))
