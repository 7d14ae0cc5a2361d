"""Classification metrics: accuracy, macro-F1, per-class precision/recall, confusion matrix, out-of-scope scores."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

OOS = "out_of_scope"


class ClassScore(BaseModel):
    """Precision, recall and F1 of one class, with its support (true rows) and predicted count."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


class Scores(BaseModel):
    """Scores of one set of rows."""

    rows: int
    accuracy: float
    macro_f1: float
    per_class: list[ClassScore]


class Confusion(BaseModel):
    """Counts: `matrix[i][j]` rows of true `labels[i]` predicted as `labels[j]`."""

    labels: list[str]
    matrix: list[list[int]]


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def score(truth: Sequence[str], predicted: Sequence[str]) -> Scores:
    """Accuracy and macro-F1 over the classes that occur in `truth` (a class never true cannot be recalled)."""
    if len(truth) != len(predicted):
        raise ValueError("truth and predictions differ in length")
    classes = sorted(set(truth))
    per_class = []
    for label in classes:
        tp = sum(1 for t, p in zip(truth, predicted, strict=True) if t == label and p == label)
        support = sum(1 for t in truth if t == label)
        guessed = sum(1 for p in predicted if p == label)
        precision, recall = _ratio(tp, guessed), _ratio(tp, support)
        f1 = _ratio(2 * tp, support + guessed)
        per_class.append(
            ClassScore(label=label, precision=precision, recall=recall, f1=f1, support=support, predicted=guessed)
        )
    correct = sum(1 for t, p in zip(truth, predicted, strict=True) if t == p)
    return Scores(
        rows=len(truth),
        accuracy=_ratio(correct, len(truth)),
        macro_f1=sum(c.f1 for c in per_class) / len(per_class) if per_class else 0.0,
        per_class=per_class,
    )


def confusion(truth: Sequence[str], predicted: Sequence[str], labels: Sequence[str] | None = None) -> Confusion:
    names = list(labels) if labels is not None else sorted(set(truth) | set(predicted))
    position = {name: i for i, name in enumerate(names)}
    matrix = [[0] * len(names) for _ in names]
    for t, p in zip(truth, predicted, strict=True):
        matrix[position[t]][position[p]] += 1
    return Confusion(labels=names, matrix=matrix)


class OutOfScopeScores(BaseModel):
    """Out-of-scope detection: recall on out-of-scope rows, precision of 'out_of_scope' predictions."""

    recall: float
    precision: float
    true_rows: int
    predicted_rows: int


def out_of_scope_scores(truth: Sequence[str], predicted: Sequence[str]) -> OutOfScopeScores:
    tp = sum(1 for t, p in zip(truth, predicted, strict=True) if t == OOS and p == OOS)
    true_rows = sum(1 for t in truth if t == OOS)
    predicted_rows = sum(1 for p in predicted if p == OOS)
    return OutOfScopeScores(
        recall=_ratio(tp, true_rows),
        precision=_ratio(tp, predicted_rows),
        true_rows=true_rows,
        predicted_rows=predicted_rows,
    )


class SpanScores(BaseModel):
    """Span extraction: exact-match precision, recall and F1."""

    precision: float
    recall: float
    f1: float
    gold: int
    found: int
    correct: int


def span_scores(gold: Sequence[set[str]], found: Sequence[set[str]]) -> SpanScores:
    correct = sum(len(g & f) for g, f in zip(gold, found, strict=True))
    gold_count = sum(len(g) for g in gold)
    found_count = sum(len(f) for f in found)
    precision, recall = _ratio(correct, found_count), _ratio(correct, gold_count)
    f1 = _ratio(2 * correct, gold_count + found_count)
    return SpanScores(precision=precision, recall=recall, f1=f1, gold=gold_count, found=found_count, correct=correct)
