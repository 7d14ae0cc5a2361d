"""Assembling the offline understander from a knowledge directory's intent examples (the assembly calls this)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from agent.nlu.base import TextEmbedder
from agent.nlu.extract import SlotExtractor
from agent.nlu.model_cache import load_or_train
from agent.nlu.offline import OfflineUnderstander
from agent.nlu.products import CatalogItem
from agent.nlu.spelling import Speller
from agent.nlu.trainer import LabelledText
from agent.nlu.wordlist import english_words
from knowledge.intents import load_intent_examples

log = logging.getLogger(__name__)


def examples_from_knowledge(knowledge_dir: Path) -> list[LabelledText]:
    """Every intent example of the knowledge directory (all locales); bad files are logged and skipped."""
    examples, issues = load_intent_examples(knowledge_dir)
    for issue in issues:
        log.warning("intent examples: %s:%s: %s", issue.file, issue.line, issue.message)
    return [LabelledText(text=e.text, intent=e.intent) for e in examples.examples]


def build_offline_understander(
    knowledge_dir: Path,
    models_dir: Path,
    embedder: TextEmbedder,
    *,
    catalog: Sequence[CatalogItem] = (),
    order_prefix: str | None = None,
) -> OfflineUnderstander:
    """Train (or load the cached) intent model for the directory's examples; slots use the catalog given.

    Typos are corrected towards the words of the examples and the catalog; English words are left alone.
    """
    examples = examples_from_knowledge(knowledge_dir)
    model = load_or_train(examples, embedder, models_dir)
    speller = Speller.from_texts([e.text for e in examples] + catalog_words(catalog), english_words())
    return OfflineUnderstander(model, embedder, SlotExtractor(catalog, order_prefix=order_prefix), speller)


def catalog_words(catalog: Sequence[CatalogItem]) -> list[str]:
    """Product and variant names and aliases: 'salmn' is a typo of a product of ours."""
    out: list[str] = []
    for item in catalog:
        out += [item.name, *item.aliases]
        for variant in item.variants:
            out += [variant.name, *variant.aliases]
    return out
