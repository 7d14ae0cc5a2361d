"""Composing our extra intent examples: team-written phrases x request frames -> `intents/composed_more.yaml`.

Run `python -m evals.nlu.example_composer [KNOWLEDGE_DIR]`. Nothing here comes from the test sets: the phrases,
frames and filler values are our own, and the filler values differ from the ones the evaluation uses.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

from evals.nlu.phrase_types import NOUN_FRAMES, VERB_FRAMES, IntentPhrases
from evals.nlu.phrases_after_sales import AFTER_SALES
from evals.nlu.phrases_conversation import CONVERSATION
from evals.nlu.phrases_extra import EXTRA
from evals.nlu.phrases_more import MORE
from evals.nlu.phrases_other import OTHER
from evals.nlu.phrases_out_of_scope import OUT_OF_SCOPE
from evals.nlu.phrases_pre_sales import PRE_SALES
from knowledge.formats import normalise_utterance
from knowledge.intents import load_intent_examples

OUTPUT = "intents/composed_more.yaml"
PER_INTENT = 160  # framed examples per intent, on top of its whole sentences
_SEED = 20251124
_FILLERS: dict[str, tuple[str, ...]] = {
    "tier": ("VIP", "loyalty", "Pawsome Club", "family", "platinum", "breeder", "trial"),
    "tier2": ("regular", "shared", "corporate", "student"),
    "city": ("Phoenix", "Atlanta", "Nashville", "Minneapolis", "Vancouver", "Dublin"),
    "country": ("Spain", "Japan", "New Zealand", "Brazil", "Italy", "Norway"),
    "pay": ("Apple Pay", "Klarna", "bank transfer", "Google Pay", "Venmo", "a gift card", "Amex"),
    "n": ("2", "3", "two", "four"),
    "amount": ("$30", "40 dollars", "€18", "£65", "the 12 bucks", "$115", "90 euros"),
}
_HEADER = """# Extra intent examples written by the shopclerk team (issue 5), composed by evals/nlu/example_composer.py
# from our own phrases and request frames; regenerate with `python -m evals.nlu.example_composer`.
# Never add lines from the evaluation datasets here: they are test data.
"""


def _order(rng: random.Random) -> str:
    number = rng.randrange(100_000, 1_000_000)
    return rng.choice((f"PS-{number}", f"PS-{number}", f"ps{number}", f"#PS-{number}", f"PS {number}"))


def _fill(template: str, rng: random.Random) -> str:
    text = template
    while "{" in text:
        start = text.index("{")
        name = text[start + 1 : text.index("}", start)]
        if name == "order":
            value = _order(rng)
        elif name == "invoice":
            value = f"B{rng.randrange(10_000, 99_999)}"
        else:
            value = rng.choice(_FILLERS[name])
        text = text[:start] + value + text[start + len(name) + 2 :]
    return text


def compose_intent(intent: str, phrases: IntentPhrases, per_intent: int | None = None) -> list[str]:
    """All whole sentences plus a deterministic sample of framed phrases, placeholders filled."""
    rng = random.Random(f"{_SEED}:{intent}")
    framed = [f.replace("{v}", v) for v in phrases.verbs for f in VERB_FRAMES]
    framed += [f.replace("{n}", n) for n in phrases.nouns for f in NOUN_FRAMES]
    rng.shuffle(framed)
    picked = phrases.free + framed[: per_intent or PER_INTENT]
    return [_fill(t, rng) for t in picked]


def compose(taken: dict[str, str] | None = None) -> dict[str, list[str]]:
    """intent -> examples; drops anything already written elsewhere (`taken`: normalised text -> intent)."""
    taken = dict(taken or {})
    sources = {**AFTER_SALES, **PRE_SALES, **OTHER, "out_of_scope": OUT_OF_SCOPE}
    for intent, more in [*EXTRA.items(), *CONVERSATION.items(), *MORE.items()]:
        base = sources[intent]
        sources[intent] = IntentPhrases(
            verbs=base.verbs + more.verbs, nouns=base.nouns + more.nouns, free=base.free + more.free
        )
    composed = {intent: compose_intent(intent, phrases) for intent, phrases in sources.items()}
    owners: dict[str, set[str]] = {}
    for intent, texts in composed.items():
        for text in texts:
            owners.setdefault(normalise_utterance(text), set()).add(intent)
    out: dict[str, list[str]] = {}
    for intent, texts in composed.items():
        seen: set[str] = set()
        kept = []
        for text in texts:
            key = normalise_utterance(text)
            if key in seen or key in taken or len(owners[key]) > 1:
                continue
            seen.add(key)
            kept.append(text)
        out[intent] = kept
    return out


def write(knowledge_dir: Path) -> Path:
    """Write `composed_more.yaml` beside the other intent files (it is excluded from what it checks against)."""
    path = knowledge_dir / OUTPUT
    if path.exists():
        path.unlink()
    existing, _ = load_intent_examples(knowledge_dir)
    taken = {normalise_utterance(e.text): e.intent for e in existing.examples}
    body = yaml.safe_dump({"locale": "en", "intents": compose(taken)}, allow_unicode=True, sort_keys=False, width=200)
    path.write_text(_HEADER + body, encoding="utf-8")
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "knowledge" / "demo_shop"
    print(write(target))
