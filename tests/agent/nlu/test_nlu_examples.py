"""The demo shop's intent examples: they load cleanly, every intent has a coarse name, our composed file is current."""

from __future__ import annotations

from pathlib import Path

import yaml

from evals.nlu.example_composer import OUTPUT, compose
from evals.nlu.labels import COARSE_OF
from knowledge.formats import normalise_utterance
from knowledge.intents import load_intent_examples

DEMO = Path(__file__).resolve().parents[3] / "knowledge" / "demo_shop"


def test_demo_intent_files_load_without_conflicts() -> None:
    examples, issues = load_intent_examples(DEMO)
    assert issues == []
    sources = {e.source for e in examples.examples}
    assert OUTPUT in sources  # a conflict would make the loader skip a whole file


def test_every_demo_intent_has_a_coarse_name() -> None:
    examples, _ = load_intent_examples(DEMO)
    assert {e.intent for e in examples.examples} <= set(COARSE_OF)


def test_composed_examples_are_up_to_date() -> None:
    examples, _ = load_intent_examples(DEMO)
    others = {normalise_utterance(e.text): e.intent for e in examples.examples if e.source != OUTPUT}
    written = yaml.safe_load((DEMO / OUTPUT).read_text(encoding="utf-8"))["intents"]
    assert written == compose(others), "run `python -m evals.nlu.example_composer` and commit the result"
