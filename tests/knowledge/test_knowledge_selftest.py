"""The self-test: an entry's own questions held out and searched for among the rest of a real index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from knowledge.selftest import self_test


def _folder(root: Path, kit: Any) -> Path:
    kit.write(root, "faq/shipping-cost.md", """\
        ---
        id: shipping-cost
        title: How much does shipping cost?
        questions:
          - "what do you charge for delivery"
          - "is postage free"
          - "zebra quokka umbrella"
        ---
        Standard shipping is $4.99 and free on orders over $49.
        """)
    kit.write(root, "faq/return-window.md", """\
        ---
        id: return-window
        title: How long do I have to return an item?
        questions:
          - "until when can I send something back"
          - "what is the deadline for returns"
        ---
        You can return unused items within 30 days of delivery for a full refund.
        """)
    kit.write(root, "faq/delivery-cost.md", """\
        ---
        id: delivery-cost
        title: What does delivery cost?
        questions:
          - "how much is postage"
          - "shipping fees"
        ---
        Delivery costs $4.99; orders over $49 ship free.
        """)
    return root


def test_held_out_questions_are_searched_without_their_own_vector(
    tmp_path: Path, kit: Any, open_base: Any
) -> None:
    base = open_base(_folder(tmp_path / "kb", kit))
    assert base.reload().ok
    stored = base._vectors.count()
    report = base.self_test(folds=2)
    by_question = {o.question: o for o in report.outcomes}
    # every alternative question is held out once, and nothing else
    assert set(by_question) == {"what do you charge for delivery", "is postage free", "zebra quokka umbrella",
                                "until when can I send something back", "what is the deadline for returns",
                                "how much is postage", "shipping fees"}
    assert report.questions == 7 and report.entries_tested == 3
    # kept in the index it would match itself exactly; held out, nonsense finds nothing to answer from
    assert not by_question["zebra quokka umbrella"].answered
    assert by_question["until when can I send something back"].rank == 1
    # two entries saying the same thing take each other's questions: the report names the pair
    pairs = {(c.entry_id, c.taken_by) for c in report.confusions}
    assert pairs & {("shipping-cost", "delivery-cost"), ("delivery-cost", "shipping-cost")}
    assert 0.0 < report.hit_at_1 < 1.0 and report.hit_at_1 <= report.hit_at_3
    # the live index is untouched: same records, same answers
    assert base._vectors.count() == stored
    assert base.search("zebra quokka umbrella").best is not None


def test_a_folder_without_alternative_questions_has_nothing_to_test(
    tmp_path: Path, kit: Any, open_base: Any
) -> None:
    root = tmp_path / "kb"
    kit.write(root, "faq/a.md", kit.faq("ship", "How much does shipping cost?", "It is $4.99."))
    base = open_base(root)
    base.reload()
    report = base.self_test()
    assert report.questions == 0 and report.hit_at_1 == 0.0 and not report.confusions


def test_fewer_than_two_folds_is_refused(tmp_path: Path, kit: Any, open_base: Any) -> None:
    base = open_base(_folder(tmp_path / "kb", kit))
    base.reload()
    with pytest.raises(ValueError, match="at least 2 folds"):
        self_test(base._snapshot, base._vectors, base.embedder, base.thresholds, folds=1)


def test_weak_entries_name_the_entry_that_takes_their_questions(tmp_path: Path, kit: Any, open_base: Any) -> None:
    from knowledge.selftest import HeldOutOutcome, _report

    base = open_base(_folder(tmp_path / "kb", kit))
    base.reload()

    def outcome(entry: str, top: str, answered: bool = True) -> HeldOutOutcome:
        return HeldOutOutcome(question=f"{entry}/{top}/{answered}", entry_id=entry, answered=answered, top_id=top,
                              rank=1 if answered and top == entry else None)

    outcomes = [outcome("shipping-cost", "delivery-cost"), outcome("shipping-cost", "delivery-cost"),
                outcome("shipping-cost", "return-window", answered=False), outcome("return-window", "return-window"),
                outcome("return-window", "shipping-cost"), outcome("return-window", "return-window")]
    report = _report(outcomes, base._snapshot, folds=4, tested=2, top=10)
    weak = {w.entry_id: w for w in report.weak_entries}
    assert set(weak) == {"shipping-cost"}  # return-window found 2 of its 3 questions: not weak
    assert weak["shipping-cost"].mostly_taken_by == "delivery-cost" and weak["shipping-cost"].unanswered == 1
    assert weak["shipping-cost"].source == "faq/shipping-cost.md"
    # only answers count as confusions: the unanswered question's nearest entry took nothing
    assert [c.model_dump() for c in report.confusions] == [
        {"entry_id": "shipping-cost", "taken_by": "delivery-cost", "count": 2},
        {"entry_id": "return-window", "taken_by": "shipping-cost", "count": 1},
    ]
    assert (report.hit_at_1, report.unanswered) == (round(2 / 6, 4), round(1 / 6, 4))
