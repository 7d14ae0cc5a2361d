"""Suite figures: auto-resolution, escalations, per-category rates, latency percentiles, pass^k, determinism."""

from __future__ import annotations

from evals.harness.metrics import compute, percentile
from evals.harness.results import Exchange, ScenarioResult, Transcript, WrongAction


def _result(sid: str, expected: str, outcome: str, passed: bool, run: int = 0, text: str = "ok") -> ScenarioResult:
    exchanges = [Exchange(n=1, shopper="hi", source="script", bot_text=text, latency_ms=10.0 * (run + 1))]
    return ScenarioResult(
        id=sid, category=f"area.{sid[0]}", area="area", run=run, expected=expected, outcome=outcome,  # type: ignore[arg-type]
        passed=passed, transcript=Transcript(conversation_id=sid, exchanges=exchanges),
    )  # fmt: skip


def test_rates_over_expectations() -> None:
    results = [
        _result("a1", "resolved", "resolved", True),
        _result("b1", "resolved", "handoff", False),
        _result("c1", "handoff", "handoff", True),
        _result("d1", "handoff", "resolved", False),
    ]
    results[1].wrong_actions.append(WrongAction(kind="unexpected", why="x"))
    m = compute(results)
    assert m.auto_resolution == 0.5 and m.expecting_resolved == 2
    assert m.correct_escalation == 0.5 and m.false_escalation == 0.5
    assert m.wrong_actions == 1 and m.wrong_action_runs == ["b1"]
    assert {g.name: g.rate for g in m.per_category} == {"area.a": 1.0, "area.b": 0.0, "area.c": 1.0, "area.d": 0.0}
    assert m.turns_per_resolution == 1.0
    assert m.pass_hat_k == 0.5 and m.identical_across_k is None


def test_pass_hat_k_and_determinism() -> None:
    results = [
        _result("a1", "resolved", "resolved", True, run=0),
        _result("a1", "resolved", "resolved", True, run=1),
        _result("b1", "resolved", "resolved", True, run=0),
        _result("b1", "resolved", "resolved", False, run=1, text="different"),
    ]
    m = compute(results, k=2)
    assert m.scenarios == 2 and m.runs == 4
    assert m.pass_hat_k == 0.5 and m.auto_resolution == 0.75
    assert m.identical_across_k is False and m.nondeterministic == ["b1"]
    assert m.latency_p50_ms == 15.0


def test_percentiles() -> None:
    assert percentile([], 50) is None
    assert percentile([5.0], 95) == 5.0
    assert percentile([float(v) for v in range(1, 101)], 50) == 50.5
    assert percentile([float(v) for v in range(1, 101)], 95) == 95.05
