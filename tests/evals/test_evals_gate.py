"""The CI gate: the whole suite, offline and in-process, must reach evals/gate.yaml with zero wrong actions."""

from __future__ import annotations

from pathlib import Path

from evals.harness.channels import InProcessChannel
from evals.harness.fixtures import Fixtures
from evals.harness.gate import check, load_gate
from evals.harness.loading import load_scenarios
from evals.harness.reports import write_reports
from evals.harness.suite import run_suite


def test_the_suite_meets_the_gate(in_process: tuple[InProcessChannel, Fixtures], tmp_path: Path) -> None:
    channel, fixtures = in_process
    result = run_suite(load_scenarios(), channel, fixtures)
    verdict = check(load_gate(), result.metrics)
    paths = write_reports(result, tmp_path / "report", verdict.lines)
    m = result.metrics
    print(f"\n{m.scenarios} scenarios in {result.seconds:.1f} s; auto-resolution {m.auto_resolution:.3f}; "
          f"wrong actions {m.wrong_actions}; p50 {m.latency_p50_ms:.1f} ms; report {paths['markdown']}")  # fmt: skip
    failures = "\n".join(f"{r.id}: " + "; ".join(f.why for f in r.failures) for r in result.failed())
    assert not [r.transcript.error for r in result.results if r.transcript.ended == "error"]
    assert m.wrong_actions == 0, "\n".join(w.why for r in result.results for w in r.wrong_actions)
    assert verdict.passed, "\n".join(verdict.lines) + "\n" + failures


def test_offline_runs_are_identical_across_k(in_process: tuple[InProcessChannel, Fixtures]) -> None:
    channel, fixtures = in_process
    sample = load_scenarios()[::10]
    result = run_suite(sample, channel, fixtures, k=2)
    assert result.metrics.k == 2 and result.metrics.runs == 2 * len(sample)
    assert result.metrics.identical_across_k is True, result.metrics.nondeterministic
    assert result.metrics.pass_hat_k == result.metrics.pass_rate
