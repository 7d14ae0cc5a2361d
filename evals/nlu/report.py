"""Writing an NLU evaluation report: `report.html`, confusion PNGs and `report.json` (counts only, no test rows)."""

from __future__ import annotations

import html
from pathlib import Path

from evals.nlu.metrics import OutOfScopeScores, Scores, SpanScores
from evals.nlu.png import write_confusion_png
from evals.nlu.runner import NluReport

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1100px}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:right}
th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}.low{background:#fde2e2}
img{max-width:100%;border:1px solid #ddd}
"""


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def _scores_table(title: str, scores: Scores) -> str:
    rows = "".join(
        f"<tr{' class=low' if c.f1 < 0.8 else ''}><td>{html.escape(c.label)}</td><td>{_pct(c.precision)}</td>"
        f"<td>{_pct(c.recall)}</td><td>{_pct(c.f1)}</td><td>{c.support}</td><td>{c.predicted}</td></tr>"
        for c in scores.per_class
    )
    return (
        f"<h2>{html.escape(title)}</h2><p>{scores.rows} rows · accuracy <b>{_pct(scores.accuracy)}</b> · "
        f"macro-F1 <b>{_pct(scores.macro_f1)}</b></p>"
        "<table><tr><th>coarse intent</th><th>precision</th><th>recall</th><th>F1</th><th>support</th>"
        f"<th>predicted</th></tr>{rows}</table>"
    )


def _oos_row(name: str, oos: OutOfScopeScores) -> str:
    return (
        f"<tr><td>{name}</td><td>{_pct(oos.recall)}</td><td>{_pct(oos.precision)}</td>"
        f"<td>{oos.true_rows}</td><td>{oos.predicted_rows}</td></tr>"
    )


def _spans(spans: SpanScores) -> str:
    return (
        "<h2>Order-number spans (Bitext tagged sample)</h2>"
        f"<p>precision {_pct(spans.precision)} · recall {_pct(spans.recall)} · F1 <b>{_pct(spans.f1)}</b> "
        f"({spans.correct} right of {spans.gold} gold spans, {spans.found} found)</p>"
    )


def render_html(report: NluReport, images: dict[str, str]) -> str:
    lat = report.latency
    parts = [
        f"<!doctype html><meta charset=utf-8><title>NLU on {html.escape(report.dataset)}</title>",
        f"<style>{_STYLE}</style>",
        f"<h1>NLU evaluation: {html.escape(report.dataset)}</h1>",
        f"<p>understander: {html.escape(report.understander)} · {report.rows} rows · latency per message "
        f"p50 {lat.p50_ms:.2f} ms, p90 {lat.p90_ms:.2f} ms, p99 {lat.p99_ms:.2f} ms · "
        f"second intent found in {_pct(report.second_intent_share)} of messages</p>",
        "<p>Scores are at the coarse level of the label contract; 'exact' rows are those whose dataset label maps "
        "to a coarse intent without ambiguity. The report holds counts only, no test rows.</p>",
    ]
    if report.clinc is not None:
        c = report.clinc
        parts.append(
            "<h2>CLINC150: out-of-scope detection</h2><table><tr><th>set</th><th>OOS recall</th>"
            "<th>OOS precision</th><th>OOS rows</th><th>predicted OOS</th></tr>"
            + _oos_row("oos_test + shop-relevant in-scope test lines", c.oos_test)
            + _oos_row("all test lines (non-shop intents count as OOS)", c.oos_all)
            + "</table>"
        )
        parts.append(_scores_table("CLINC150: shop-relevant in-scope lines, exact mappings", c.in_scope_exact))
        parts.append(_scores_table("CLINC150: shop-relevant in-scope lines, all mappings", c.in_scope_all))
    if report.order_spans is not None:
        parts.append(_spans(report.order_spans))
    parts.append(_scores_table("Exact rows", report.exact))
    parts.append(_scores_table("All rows", report.all))
    for title, name in images.items():
        parts.append(f"<h2>{html.escape(title)}</h2><img src='{html.escape(name)}' alt='{html.escape(title)}'>")
    intents = "".join(f"<tr><td>{html.escape(k)}</td><td>{v}</td></tr>" for k, v in report.predicted_intents.items())
    parts.append(f"<h2>Predicted fine intents</h2><table><tr><th>intent</th><th>rows</th></tr>{intents}</table>")
    return "\n".join(parts)


def write_report(report: NluReport, directory: Path) -> Path:
    """Write the report files into `directory` (created if needed); returns the HTML file's path."""
    directory.mkdir(parents=True, exist_ok=True)
    images = {
        "Confusion matrix, exact rows": "confusion_exact.png",
        "Confusion matrix, all rows": "confusion_all.png",
    }
    write_confusion_png(report.confusion_exact, f"{report.dataset}: exact rows", directory / "confusion_exact.png")
    write_confusion_png(report.confusion_all, f"{report.dataset}: all rows", directory / "confusion_all.png")
    (directory / "report.json").write_text(report.model_dump_json(indent=2), encoding="utf-8")
    path = directory / "report.html"
    path.write_text(render_html(report, images), encoding="utf-8")
    return path
