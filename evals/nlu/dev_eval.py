"""Scoring the offline NLU on our own development sets (clean, casual, and clean with generated slips).

Run `python -m evals.nlu.dev_eval [DATA_DIR] [--show]`. The development sets are ours (`dev_set.yaml`,
`dev_casual.yaml`), never trained on; model choices are made here, not on the external test sets.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from agent.nlu.base import Understander
from agent.nlu.trainer import typo
from evals.nlu.labels import to_coarse

HERE = Path(__file__).resolve().parent
SETS = ("dev_set.yaml", "dev_casual.yaml")


def load_set(name: str) -> list[tuple[str, str]]:
    """(text, intent) pairs of one of our development files."""
    data = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    return [(text, intent) for intent, texts in data.items() for text in texts]


def with_slips(rows: list[tuple[str, str]], slips: int = 2) -> list[tuple[str, str]]:
    """Each row with `slips` generated typos (deterministic): how much a slip costs, on wording we control."""
    out = []
    for number, (text, intent) in enumerate(rows):
        for k in range(slips):
            text = typo(text, number * 7 + k)
        out.append((text, intent))
    return out


def score(rows: list[tuple[str, str]], understander: Understander, show: bool = False) -> tuple[float, float]:
    """Fine-intent accuracy and coarse accuracy; with `show`, print the misses (our own rows only)."""
    fine = coarse = 0
    for text, intent in rows:
        got = understander.understand(text).intent
        fine += got == intent
        coarse += to_coarse(got, text) == to_coarse(intent, text)
        if show and got != intent:
            print(f"    {intent:>16} <- {got:<16} {text}")
    return fine / len(rows), coarse / len(rows)


def main(argv: list[str]) -> None:
    from agent.nlu.build import build_offline_understander
    from connectors.settings import Settings
    from knowledge.embeddings import Embedder

    show = "--show" in argv
    args = [a for a in argv if not a.startswith("--")]
    settings = Settings(data_dir=Path(args[0])) if args else Settings()
    settings.models_dir.mkdir(parents=True, exist_ok=True)
    embedder = Embedder.load(settings.models_dir)
    understander = build_offline_understander(settings.knowledge_dir, settings.models_dir, embedder)
    clean = load_set(SETS[0])
    for label, rows in (("dev", clean), ("casual", load_set(SETS[1])), ("dev+2 slips", with_slips(clean))):
        if show:
            print(f"{label}:")
        fine, coarse = score(rows, understander, show)
        print(f"{label:>12}: {len(rows):4d} rows, intent accuracy {fine:.3f}, coarse accuracy {coarse:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
