"""Order-number span extraction scored on the Bitext tagged sample (4,514 lines, 473 order-id spans)."""

from __future__ import annotations

import csv
from pathlib import Path

from agent.nlu.extract import SlotExtractor
from evals.nlu.datasets import DatasetError
from evals.nlu.metrics import SpanScores, span_scores

TAGGED_SAMPLE = "bitext/llm_tagged_sample_4514/Bitext_Sample_Customer_Support_Training_Dataset.csv"
_STRIP = " \t,.;:#!?()\"'"


def _norm(span: str) -> str:
    return span.strip(_STRIP).upper()


def load_order_spans(root: Path) -> list[tuple[str, set[str]]]:
    """(message, gold order-number spans) per line; lines tagged with another entity have no gold order number."""
    path = root / TAGGED_SAMPLE
    if not path.is_file():
        raise DatasetError(f"{path} not found")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        text = row["instruction"]
        gold: set[str] = set()
        if row["entity_type"] == "order_id":
            gold.add(_norm(text[int(row["start_offset"]) : int(row["end_offset"])]))
        out.append((text, gold))
    return out


def score_order_spans(lines: list[tuple[str, set[str]]], extractor: SlotExtractor | None = None) -> SpanScores:
    """Exact-span precision/recall/F1 of the extractor's order numbers (false positives on every line count)."""
    extractor = extractor or SlotExtractor()
    found = [{_norm(span.text) for span in extractor.order_spans(text)} for text, _ in lines]
    return span_scores([gold for _, gold in lines], found)
