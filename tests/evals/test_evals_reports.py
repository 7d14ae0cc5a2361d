"""Reports: one JSON per scenario run, a Markdown summary, and a self-contained HTML page with charts."""

from __future__ import annotations

import json
from pathlib import Path

from evals.harness.gate import Gate, check, load_gate
from evals.harness.metrics import compute
from evals.harness.reports import write_reports
from evals.harness.results import Exchange, Failure, ScenarioResult, Transcript
from evals.harness.suite import SuiteResult


def _suite() -> SuiteResult:
    ok = ScenarioResult(
        id="ok-one", category="faq.returns", area="faq", expected="resolved", outcome="resolved", passed=True,
        transcript=Transcript(conversation_id="c1", exchanges=[
            Exchange(n=1, shopper="return window?", source="script", bot_text="30 days", latency_ms=12.0)]),
    )  # fmt: skip
    bad = ScenarioResult(
        id="bad-one", category="after_sales.cancel", area="after_sales", expected="resolved", outcome="handoff",
        passed=False, failures=[Failure(grader="outcome", why="expected resolved, got handoff")],
        transcript=Transcript(conversation_id="c2", exchanges=[
            Exchange(n=1, shopper="cancel <b>now</b>", source="script", bot_text="passing you", handoff=True,
                     latency_ms=40.0)]),
    )  # fmt: skip
    results = [ok, bad]
    return SuiteResult(
        started_at="2026-01-01T00:00:00Z", seconds=1.0, channel="in-process", shopper="scripted", mode="offline",
        results=results, metrics=compute(results),
    )  # fmt: skip


def test_reports_are_written(tmp_path: Path) -> None:
    suite = _suite()
    verdict = check(Gate(min_auto_resolution=0.9), suite.metrics)
    paths = write_reports(suite, tmp_path / "out", verdict.lines)
    per_run = json.loads((tmp_path / "out" / "scenarios" / "bad-one.run0.json").read_text())
    assert per_run["failures"][0]["why"] == "expected resolved, got handoff"
    assert per_run["transcript"]["exchanges"][0]["shopper"] == "cancel <b>now</b>"
    summary = json.loads(paths["json"].read_text())
    assert summary["metrics"]["auto_resolution"] == 0.5 and "results" not in summary
    assert any("FAILED" in line for line in summary["gate"])
    md = paths["markdown"].read_text()
    assert "| auto-resolution | 50.0%" in md and "**bad-one**" in md and "after_sales.cancel" in md
    page = paths["html"].read_text()
    assert page.count("<svg") == 3 and "Pass rate by category" in page and "Turn latency" in page
    assert "cancel &lt;b&gt;now&lt;/b&gt;" in page and "<b>now</b>" not in page
    assert "bad-one" in page and "ok-one" not in page.split("Failed transcripts")[1]
    assert "<script" not in page and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_gate_file_is_checked_in_and_demands_zero_wrong_actions() -> None:
    gate = load_gate()
    assert gate.max_wrong_actions == 0
    assert 0.0 < gate.min_auto_resolution <= 1.0
    verdict = check(gate, _suite().metrics.model_copy(update={"auto_resolution": 1.0, "wrong_actions": 1}))
    assert not verdict.passed
