"""Running an understander over a dataset: predictions, coarse scores, CLINC out-of-scope scores, latency."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence

from pydantic import BaseModel

from agent.nlu.base import Understander
from evals.nlu.datasets import EvalRow
from evals.nlu.labels import to_coarse
from evals.nlu.metrics import (
    OOS,
    Confusion,
    OutOfScopeScores,
    Scores,
    SpanScores,
    confusion,
    out_of_scope_scores,
    score,
)
from evals.nlu.placeholders import fill_placeholders


class Prediction(BaseModel):
    """One row's outcome (kept in memory only: reports show counts, never the test rows)."""

    truth: str
    predicted: str
    intent: str
    exact: bool
    group: str
    second_intent: str | None = None


class Latency(BaseModel):
    """Wall time of `understand()` per message, in milliseconds."""

    messages: int
    p50_ms: float
    p90_ms: float
    p99_ms: float
    mean_ms: float


class ClincScores(BaseModel):
    """Shop-relevant in-scope accuracy and out-of-scope detection on CLINC150."""

    in_scope_exact: Scores
    in_scope_all: Scores
    oos_test: OutOfScopeScores  # over oos_test lines plus shop-relevant in-scope lines
    oos_all: OutOfScopeScores  # over every line (the 137 non-shop CLINC intents count as out of scope)


class NluReport(BaseModel):
    """Everything `shopclerk eval nlu` measured on one dataset."""

    dataset: str
    understander: str
    rows: int
    exact: Scores
    all: Scores
    confusion_exact: Confusion
    confusion_all: Confusion
    clinc: ClincScores | None = None
    order_spans: SpanScores | None = None
    latency: Latency
    second_intent_share: float
    predicted_intents: dict[str, int]


def subsample(rows: Sequence[EvalRow], limit: int | None) -> list[EvalRow]:
    """Every k-th row, so a limited run still covers every label."""
    if limit is None or limit >= len(rows):
        return list(rows)
    step = len(rows) / limit
    return [rows[int(i * step)] for i in range(limit)]


def predict(
    rows: Sequence[EvalRow], understander: Understander, progress: Callable[[int], None] | None = None
) -> tuple[list[Prediction], list[float]]:
    predictions: list[Prediction] = []
    timings: list[float] = []
    for number, row in enumerate(rows):
        text = fill_placeholders(row.text)
        started = time.perf_counter()
        result = understander.understand(text)
        timings.append((time.perf_counter() - started) * 1000)
        predictions.append(
            Prediction(
                truth=row.coarse,
                predicted=to_coarse(result.intent, text),
                intent=result.intent,
                exact=row.exact,
                group=row.group,
                second_intent=result.second_intent,
            )
        )
        if progress is not None and (number + 1) % 500 == 0:
            progress(number + 1)
    return predictions, timings


def latency(timings: Sequence[float]) -> Latency:
    ordered = sorted(timings)

    def pick(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3) if ordered else 0.0

    return Latency(
        messages=len(ordered),
        p50_ms=round(statistics.median(ordered), 3) if ordered else 0.0,
        p90_ms=pick(0.9),
        p99_ms=pick(0.99),
        mean_ms=round(statistics.fmean(ordered), 3) if ordered else 0.0,
    )


def _scores(predictions: Sequence[Prediction]) -> Scores:
    return score([p.truth for p in predictions], [p.predicted for p in predictions])


def clinc_scores(predictions: Sequence[Prediction]) -> ClincScores:
    in_scope = [p for p in predictions if p.truth != OOS]
    focus = [p for p in predictions if p.group == "oos_test" or p.truth != OOS]
    return ClincScores(
        in_scope_exact=_scores([p for p in in_scope if p.exact]),
        in_scope_all=_scores(in_scope),
        oos_test=out_of_scope_scores([p.truth for p in focus], [p.predicted for p in focus]),
        oos_all=out_of_scope_scores([p.truth for p in predictions], [p.predicted for p in predictions]),
    )


def build_report(
    dataset: str,
    understander: str,
    predictions: Sequence[Prediction],
    timings: Sequence[float],
    *,
    clinc: bool = False,
    order_spans: SpanScores | None = None,
) -> NluReport:
    exact = [p for p in predictions if p.exact]
    counts: dict[str, int] = {}
    for p in predictions:
        counts[p.intent] = counts.get(p.intent, 0) + 1
    return NluReport(
        dataset=dataset,
        understander=understander,
        rows=len(predictions),
        exact=_scores(exact),
        all=_scores(predictions),
        confusion_exact=confusion([p.truth for p in exact], [p.predicted for p in exact]),
        confusion_all=confusion([p.truth for p in predictions], [p.predicted for p in predictions]),
        clinc=clinc_scores(predictions) if clinc else None,
        order_spans=order_spans,
        latency=latency(timings),
        second_intent_share=sum(1 for p in predictions if p.second_intent) / len(predictions) if predictions else 0.0,
        predicted_intents=dict(sorted(counts.items(), key=lambda kv: -kv[1])),
    )
