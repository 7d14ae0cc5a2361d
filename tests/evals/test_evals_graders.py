"""Graders on hand-made transcripts: writes from the audit log, wrong actions, regexes, outcome, turn limit."""

from __future__ import annotations

from typing import Any

from evals.harness.graders import grade
from evals.harness.matching import matches
from evals.harness.results import Exchange, Transcript, Write
from evals.harness.scenario import Scenario

CANCEL = {"op": "cancel_order", "order_number": "PS-100674", "reason": "ordered_by_mistake"}


def _scenario(writes: list[dict[str, Any]], **expect: Any) -> Scenario:
    return Scenario.model_validate(
        {
            "id": "grader-test",
            "category": "after_sales.cancel",
            "shopper": {"customer": "C-1059", "knows": {"confirm": "yes"}, "goal": "g"},
            "turns": ["cancel PS-100674"],
            "expect": {"outcome": "resolved", "writes": writes, "says": ["cancelled"], **expect},
        }
    )


def _write(op: str = "cancel_order", outcome: str = "applied", **params: Any) -> Write:
    return Write(seq=1, op=op, actor="C-1059", params={"order_number": "PS-100674", **params}, outcome=outcome)


def _transcript(*exchanges: Exchange, ended: str = "done", changed: bool = True) -> Transcript:
    return Transcript(
        conversation_id="c",
        exchanges=list(exchanges),
        ended=ended,  # type: ignore[arg-type]
        initial_hash="a",
        final_hash="b" if changed else "a",
    )


def _proposal(n: int = 1) -> Exchange:
    return Exchange(
        n=n, shopper="cancel PS-100674", source="script", bot_text="To confirm: cancel order PS-100674?",
        awaiting="confirm", action=CANCEL,
    )  # fmt: skip


def _yes(*writes: Write, n: int = 2) -> Exchange:
    return Exchange(
        n=n, shopper="yes please", source="answer", answered="confirm", answer_key="confirm", said="yes",
        bot_text="Done: order PS-100674 is cancelled.", writes=list(writes),
    )  # fmt: skip


def test_expected_write_confirmed_passes() -> None:
    result = grade(
        _scenario([{"op": "cancel_order", "order_id": "PS-100674"}]), _transcript(_proposal(), _yes(_write()))
    )
    assert result.passed, result.failures
    assert result.outcome == "resolved" and not result.wrong_actions


def test_missing_write_fails_without_a_wrong_action() -> None:
    result = grade(
        _scenario([{"op": "cancel_order", "order_id": "PS-100674"}]), _transcript(_proposal(), changed=False)
    )
    assert not result.passed and not result.wrong_actions
    assert any("expected write missing" in f.why for f in result.failures)


def test_unexpected_confirmed_write_is_a_wrong_action() -> None:
    result = grade(_scenario([]), _transcript(_proposal(), _yes(_write())))
    assert [w.kind for w in result.wrong_actions] == ["unexpected"]
    assert any("wrong action (unexpected)" in f.why for f in result.failures)


def test_write_without_a_yes_is_unconfirmed_even_when_expected() -> None:
    scenario = _scenario([{"op": "cancel_order", "order_id": "PS-100674"}])
    no_proposal = Exchange(n=1, shopper="cancel PS-100674", source="script", bot_text="cancelled", writes=[_write()])
    assert [w.kind for w in grade(scenario, _transcript(no_proposal)).wrong_actions] == ["unconfirmed"]
    maybe = Exchange(n=2, shopper="hmm maybe", source="script", bot_text="cancelled", writes=[_write()])
    assert [w.kind for w in grade(scenario, _transcript(_proposal(), maybe)).wrong_actions] == ["unconfirmed"]
    other = _proposal().model_copy(update={"action": {**CANCEL, "order_number": "PS-100673"}})
    assert [w.kind for w in grade(scenario, _transcript(other, _yes(_write()))).wrong_actions] == ["unconfirmed"]


def test_refused_and_replayed_attempts_are_not_writes() -> None:
    refused = _write(outcome="refused")
    result = grade(_scenario([]), _transcript(_proposal(), _yes(refused), changed=False))
    assert not result.wrong_actions


def test_a_change_outside_the_audit_log_is_a_wrong_action() -> None:
    result = grade(_scenario([]), _transcript(_proposal(), changed=True))
    assert [w.kind for w in result.wrong_actions] == ["unaudited"]


def test_subset_match_on_params() -> None:
    actual = {"order_number": "PS-1", "items": [{"sku": "A", "quantity": 2}, {"sku": "B", "quantity": 1}], "n": 3}
    assert matches({"items": [{"sku": "B"}]}, actual)
    assert matches({"order_number": "ps-1 "}, actual)
    assert not matches({"items": [{"sku": "A", "quantity": 1}]}, actual)
    assert not matches({"items": [{"sku": "A"}, {"sku": "A"}]}, actual)
    assert not matches({"missing": 1}, actual)
    assert not matches({"n": True}, actual)


def test_says_never_says_outcome_and_turn_limit() -> None:
    scenario = _scenario([], never_says=["refund"], outcome="handoff", max_turns=1)
    exchange = Exchange(n=1, shopper="hi", source="script", bot_text="No refund for you", awaiting="email")
    result = grade(scenario, _transcript(exchange, ended="turn_limit", changed=False))
    reasons = {f.grader: f.why for f in result.failures}
    assert reasons["outcome"] == "expected handoff, got resolved"
    assert "cancelled" in reasons["says"]
    assert "refund" in reasons["never_says"]
    assert "awaits email" in reasons["turns"]


def test_handoff_outcome_and_run_errors() -> None:
    scenario = _scenario([], outcome="handoff", says=[])
    handed = Exchange(n=1, shopper="human please", source="script", bot_text="passing you", handoff=True)
    assert grade(scenario, _transcript(handed, changed=False)).passed
    broken = _transcript(ended="error", changed=False).model_copy(update={"error": "socket closed"})
    assert [f.grader for f in grade(scenario, broken).failures] == ["outcome", "run"]


def test_a_declined_wrong_proposal_is_reported() -> None:
    scenario = _scenario([{"op": "cancel_order", "order_id": "PS-100674"}], says=[])
    wrong = _proposal().model_copy(update={"action": {**CANCEL, "order_number": "PS-100673"}})
    no = Exchange(n=2, shopper="no, that's not right", source="answer", answered="confirm", said="no")
    result = grade(scenario, _transcript(wrong, no, changed=False))
    assert result.unwanted_proposals == 1 and not result.wrong_actions
