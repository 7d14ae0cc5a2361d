"""Reports of a suite run: one JSON file per scenario run, summary.json, summary.md, and report.html."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from evals.harness.metrics import GroupFigure, Metrics
from evals.harness.report_html import render_html
from evals.harness.suite import SuiteResult


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} ms"


def headline(m: Metrics) -> list[tuple[str, str]]:
    """The figures, in the order every report shows them."""
    return [
        (
            "auto-resolution",
            f"{pct(m.auto_resolution)} ({round(m.auto_resolution * m.expecting_resolved)}"
            f"/{m.expecting_resolved} runs expecting resolved)",
        ),
        ("wrong actions", str(m.wrong_actions) + (f" ({', '.join(m.wrong_action_runs)})" if m.wrong_actions else "")),
        ("unwanted proposals", f"{m.unwanted_proposals} (confirmations of an action the shopper didn't ask for)"),
        ("correct escalation", f"{pct(m.correct_escalation)} of {m.expecting_handoff} runs expecting a hand-off"),
        ("false escalation", f"{pct(m.false_escalation)} of {m.expecting_resolved} runs expecting resolved"),
        ("pass rate", f"{pct(m.pass_rate)} ({m.passed}/{m.runs} runs of {m.scenarios} scenarios)"),
        ("turns per resolution", "n/a" if m.turns_per_resolution is None else f"{m.turns_per_resolution:.2f}"),
        ("turn latency p50 / p95", f"{ms(m.latency_p50_ms)} / {ms(m.latency_p95_ms)} ({m.turns_measured} turns)"),
        (f"pass^{m.k}", pct(m.pass_hat_k)),
        ("identical across k", "n/a (k=1)" if m.identical_across_k is None else str(m.identical_across_k)),
    ]


def _table(title: str, rows: Sequence[GroupFigure]) -> list[str]:
    lines = [f"## {title}", "", "| name | passed | runs | rate |", "|---|---:|---:|---:|"]
    lines += [f"| {g.name} | {g.passed} | {g.runs} | {g.rate:.1%} |" for g in rows]
    return [*lines, ""]


def markdown(result: SuiteResult, gate_lines: Sequence[str] = ()) -> str:
    """The Markdown summary: headline figures, gate, per area and category, and why each failure failed."""
    m = result.metrics
    lines = [
        f"# Scenario suite, {result.started_at}",
        "",
        f"{m.scenarios} scenarios x k={m.k}, {result.channel} channel, {result.shopper} shopper, {result.mode} agent, "
        f"{result.seconds:.1f} s.",
        "",
        "| figure | value |",
        "|---|---|",
        *[f"| {name} | {value} |" for name, value in headline(m)],
        "",
    ]
    if gate_lines:
        lines += ["## Gate", "", *[f"- {line}" for line in gate_lines], ""]
    lines += _table("Per area", m.per_area) + _table("Per category", m.per_category) + _table("Per tag", m.per_tag)
    failed = result.failed()
    lines += [f"## Failures ({len(failed)})", ""]
    for r in failed:
        lines.append(f"- **{r.id}** (run {r.run}, {r.category}): " + "; ".join(f.why for f in r.failures))
    return "\n".join(lines) + "\n"


def write_reports(result: SuiteResult, out: Path, gate_lines: Sequence[str] = ()) -> dict[str, Path]:
    """Write every report into `out` (created); return the paths by kind."""
    scenarios_dir = out / "scenarios"
    scenarios_dir.mkdir(parents=True, exist_ok=True)
    for r in result.results:
        path = scenarios_dir / f"{r.id}.run{r.run}.json"
        path.write_text(r.model_dump_json(indent=2), encoding="utf-8")
    summary = out / "summary.json"
    body = result.model_dump(mode="json", exclude={"results"})
    body["gate"] = list(gate_lines)
    body["scenarios"] = [
        {"id": r.id, "run": r.run, "category": r.category, "passed": r.passed, "outcome": r.outcome,
         "failures": [f.why for f in r.failures]}
        for r in result.results
    ]  # fmt: skip
    summary.write_text(json.dumps(body, indent=2), encoding="utf-8")
    md = out / "summary.md"
    md.write_text(markdown(result, gate_lines), encoding="utf-8")
    page = out / "report.html"
    page.write_text(render_html(result, headline(result.metrics), gate_lines), encoding="utf-8")
    return {"json": summary, "markdown": md, "html": page, "scenarios": scenarios_dir}
