"""The HTML report: figures, charts (resolution by category, latency distribution), every failed transcript."""

from __future__ import annotations

import html
from collections.abc import Sequence

from evals.harness.charts import bar_chart, histogram
from evals.harness.results import Exchange, ScenarioResult
from evals.harness.suite import SuiteResult

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 980px; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; } td, th { padding: .3rem .7rem; border-bottom: 1px solid #ddd; }
th { text-align: left; } .fail { color: #c62828; } .ok { color: #2e7d32; }
details { border: 1px solid #ddd; border-radius: 6px; margin: .6rem 0; padding: .4rem .8rem; }
summary { cursor: pointer; font-weight: 600; } .shopper { color: #1b5e20; } .bot { color: #0d47a1; }
.meta { color: #666; font-size: .85em; } .line { margin: .3rem 0; white-space: pre-wrap; }
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def _exchange(e: Exchange) -> str:
    meta = [f"{e.latency_ms:.0f} ms", f"intent {e.bot_intent}" if e.bot_intent else ""]
    if e.awaiting:
        meta.append(f"awaits {e.awaiting}" + (f" {e.action}" if e.action else ""))
    if e.answered:
        meta.insert(0, f"answering {e.answered}" + ("" if e.answer_key else " (doesn't know)"))
    writes = "".join(
        f'<div class="meta">write: {_e(w.op)} {_e(w.params)} -> {_e(w.outcome)} {_e(w.error_code or "")}</div>'
        for w in e.writes
    )
    return (
        f'<div class="line shopper"><b>shopper {e.n}</b> ({_e(e.source)}): {_e(e.shopper)}</div>'
        f'<div class="line bot"><b>bot</b>: {_e(e.bot_text)}</div>'
        f'<div class="meta">{_e(" · ".join(m for m in meta if m))}</div>{writes}'
    )


def _failed(r: ScenarioResult) -> str:
    reasons = "".join(f"<li>{_e(f.grader)}: {_e(f.why)}</li>" for f in r.failures)
    body = "".join(_exchange(e) for e in r.transcript.exchanges)
    return (
        f"<details><summary>{_e(r.id)} (run {r.run}, {_e(r.category)}): {_e(r.failures[0].why if r.failures else '')}"
        f"</summary><p class='meta'>expected {r.expected}, got {r.outcome}</p><ul class='fail'>{reasons}</ul>{body}"
        f'<div class="meta">ended: {_e(r.transcript.ended)} · conversation {_e(r.transcript.conversation_id)}'
        f"</div></details>"
    )


def render_html(result: SuiteResult, figures: Sequence[tuple[str, str]], gate_lines: Sequence[str]) -> str:
    """A self-contained page (inline CSS and SVG)."""
    m = result.metrics
    rows = "".join(f"<tr><th>{_e(name)}</th><td>{_e(value)}</td></tr>" for name, value in figures)
    gate = "".join(f"<li>{_e(line)}</li>" for line in gate_lines)
    by_category = bar_chart([(g.name, g.rate, f"{g.passed}/{g.runs}") for g in m.per_category], "Pass rate by category")
    by_area = bar_chart([(g.name, g.rate, f"{g.passed}/{g.runs}") for g in m.per_area], "Pass rate by area")
    latencies = [e.latency_ms for r in result.results for e in r.transcript.exchanges]
    latency = histogram(latencies, f"Turn latency ({len(latencies)} turns)")
    failed = result.failed()
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>shopclerk scenario suite</title><style>{_STYLE}</style></head>
<body>
<h1>Scenario suite</h1>
<p class="meta">{_e(result.started_at)} · {m.scenarios} scenarios x k={m.k} · {_e(result.channel)} channel ·
{_e(result.shopper)} shopper · {_e(result.mode)} agent · {result.seconds:.1f} s</p>
<table>{rows}</table>
{f"<h2>Gate</h2><ul>{gate}</ul>" if gate else ""}
<h2>Resolution by category</h2>
{by_area}
{by_category}
<h2>Latency</h2>
{latency}
<h2>Failed transcripts ({len(failed)})</h2>
{"".join(_failed(r) for r in failed) or "<p class='ok'>none</p>"}
</body></html>
"""
