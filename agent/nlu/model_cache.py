"""The intent model cache: trained weights under the models directory, keyed by a hash of the examples."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Sequence
from pathlib import Path

from agent.nlu.base import TextEmbedder
from agent.nlu.classifier import Hyper
from agent.nlu.intent_model import IntentModel, IntentModelError
from agent.nlu.trainer import LabelledText, train_intent_model

log = logging.getLogger(__name__)

FORMAT = 4  # bump when features or training change in a way the hyper-parameters do not show
CACHE_DIR = "nlu"


def cache_key(examples: Sequence[LabelledText], embedder_name: str, hyper: Hyper, typo_copies: int) -> str:
    """Changes when any example, the embedding model, a training setting or the format changes."""
    digest = hashlib.sha256()
    header = {"format": FORMAT, "embedder": embedder_name, "hyper": hyper.__dict__, "typos": typo_copies}
    digest.update(json.dumps(header, sort_keys=True).encode())
    for example in sorted(examples, key=lambda e: (e.intent, e.text)):
        digest.update(f"{example.intent}\t{example.text}\n".encode())
    return digest.hexdigest()[:24]


def load_or_train(
    examples: Sequence[LabelledText],
    embedder: TextEmbedder,
    models_dir: Path,
    *,
    hyper: Hyper | None = None,
    typo_copies: int = 0,
) -> IntentModel:
    """The cached model for exactly these examples, or a freshly trained one (then cached, older ones removed)."""
    hyper = hyper or Hyper()
    key = cache_key(examples, embedder.name, hyper, typo_copies)
    folder = models_dir / CACHE_DIR
    path = folder / f"intents-{key}.npz"
    if path.is_file():
        try:
            return IntentModel.load(path)
        except IntentModelError as exc:
            log.warning("retraining the intent model: %s", exc)
    started = time.perf_counter()
    model = train_intent_model(examples, embedder, hyper=hyper, typo_copies=typo_copies)
    model.save(path)
    for old in folder.glob("intents-*.npz"):
        if old != path:
            old.unlink(missing_ok=True)
    log.info(
        "trained the intent model on %d examples of %d intents in %.1f s (T=%.2f, threshold=%.2f): %s",
        len(examples),
        len(model.labels),
        time.perf_counter() - started,
        model.temperature,
        model.threshold,
        path,
    )
    return model
