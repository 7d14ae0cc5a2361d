"""Evaluation plumbing on tiny fixture files we wrote: loaders, label contract, placeholders, metrics, spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.nlu.datasets import DatasetError, load_bitext_8k, load_bitext_20k, load_bitext_27k, load_clinc
from evals.nlu.labels import UnmappedIntentError, to_coarse
from evals.nlu.metrics import confusion, out_of_scope_scores, score, span_scores
from evals.nlu.placeholders import UnknownPlaceholderError, fill_placeholders
from evals.nlu.slot_eval import load_order_spans, score_order_spans


def test_loaders_read_every_layout(datasets: Path) -> None:
    rows = load_bitext_27k(datasets)
    assert [(r.coarse, r.exact) for r in rows] == [
        ("order_status", True), ("cancel_order", True), ("account", False), ("order_status", True)
    ]  # fmt: skip
    assert [r.text for r in load_bitext_8k(datasets)] == ["cancel my last order", "where is my package"]
    assert [(r.label, r.coarse) for r in load_bitext_20k(datasets)] == [("check_invoice", "account")]
    clinc = load_clinc(datasets)
    assert [(r.coarse, r.group) for r in clinc][-2:] == [("out_of_scope", "oos_test")] * 2
    assert [r.exact for r in clinc[:3]] == [True, False, False]


def test_missing_files_and_unknown_labels_are_dataset_errors(tmp_path: Path, datasets: Path) -> None:
    with pytest.raises(DatasetError, match="not found"):
        load_bitext_27k(tmp_path / "nowhere")
    (datasets / "bitext/27k_instruction_intent/raw_data.csv").write_text("text,category\nhi,not_a_label\n")
    with pytest.raises(DatasetError, match="not_a_label"):
        load_bitext_27k(datasets)


def test_placeholders_are_filled_realistically_and_deterministically() -> None:
    text = "cancel {{Order Number}} for {{Person Name}}, refund {{Currency Symbol}}{{Refund Amount}}"
    filled = fill_placeholders(text)
    assert "{" not in filled and "}" not in filled
    assert filled == fill_placeholders(text)
    assert filled.split()[1].startswith("PS-") and len(filled.split()[1]) == 9
    assert fill_placeholders("no placeholders") == "no placeholders"
    with pytest.raises(UnknownPlaceholderError):
        fill_placeholders("my {{Favourite Colour}}")


def test_label_mapping_and_policy_topics() -> None:
    assert to_coarse("return") == "return_or_refund"
    assert to_coarse("invoice") == "account"
    assert to_coarse("shop_policy", "is there a fee to cancel?") == "cancel_order"
    assert to_coarse("shop_policy", "do you accept paypal") == "payment_issue"
    assert to_coarse("shop_policy", "how long is the return window") == "return_or_refund"
    assert to_coarse("shop_policy", "do you ship abroad") == "delivery_info"
    with pytest.raises(UnmappedIntentError):
        to_coarse("made_up_intent")


def test_metrics_by_hand() -> None:
    truth = ["a", "a", "b", "b", "out_of_scope"]
    predicted = ["a", "b", "b", "b", "a"]
    scores = score(truth, predicted)
    assert scores.accuracy == pytest.approx(3 / 5)
    by_label = {c.label: c for c in scores.per_class}
    assert (by_label["a"].precision, by_label["a"].recall) == (pytest.approx(0.5), pytest.approx(0.5))
    assert by_label["b"].f1 == pytest.approx(0.8)
    assert scores.macro_f1 == pytest.approx((0.5 + 0.8 + 0.0) / 3)
    matrix = confusion(truth, predicted)
    assert matrix.labels == ["a", "b", "out_of_scope"]
    assert matrix.matrix == [[1, 1, 0], [0, 2, 0], [1, 0, 0]]
    oos = out_of_scope_scores(["out_of_scope", "out_of_scope", "a"], ["out_of_scope", "a", "out_of_scope"])
    assert (oos.recall, oos.precision) == (0.5, 0.5)
    spans = span_scores([{"1"}, set(), {"2"}], [{"1"}, {"9"}, set()])
    assert (spans.precision, spans.recall, spans.f1) == (0.5, 0.5, 0.5)


def test_order_span_scoring_counts_false_positives_everywhere(datasets: Path) -> None:
    lines = load_order_spans(datasets)
    assert [gold for _, gold in lines] == [{"12345678"}, set(), {"00123456"}, set()]
    spans = score_order_spans(lines)
    assert (spans.correct, spans.gold, spans.found) == (2, 2, 2)
    assert spans.f1 == 1.0
