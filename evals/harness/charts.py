"""Inline SVG charts for the HTML report (no scripts, no CDN): horizontal bars and a histogram."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence


def _text(x: float, y: float, body: str, anchor: str = "start", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-family="system-ui, sans-serif">{html.escape(body)}</text>'
    )


def _colour(rate: float) -> str:
    if rate >= 0.9:
        return "#2e7d32"
    return "#f9a825" if rate >= 0.7 else "#c62828"


def bar_chart(rows: Sequence[tuple[str, float, str]], title: str, width: int = 720) -> str:
    """One bar per row: (label, rate 0..1, note shown after the bar)."""
    label_w, bar_w, row_h, top = 230, width - 330, 22, 30
    height = top + row_h * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="{html.escape(title)}">',
        _text(0, 18, title, size=14),
    ]
    for i, (label, rate, note) in enumerate(rows):
        y = top + i * row_h
        length = max(0.0, min(1.0, rate)) * bar_w
        parts.append(_text(label_w - 8, y + 14, label, anchor="end"))
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="{row_h - 6}" fill="#eeeeee"/>')
        fill = _colour(rate)
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{length:.1f}" height="{row_h - 6}" fill="{fill}"/>')
        parts.append(_text(label_w + bar_w + 8, y + 14, note))
    parts.append("</svg>")
    return "\n".join(parts)


def histogram(values: Sequence[float], title: str, unit: str = "ms", bins: int = 20, width: int = 720) -> str:
    """Distribution of `values` in equal-width bins up to the 99th percentile; slower ones fill the last bin."""
    height, left, right, bottom, top = 220, 40, 60, 30, 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="{html.escape(title)}">',
        _text(0, 18, title, size=14),
    ]
    if not values:
        parts += [_text(left, 60, "no measurements"), "</svg>"]
        return "\n".join(parts)
    ordered = sorted(values)
    low, high = ordered[0], ordered[min(len(ordered) - 1, math.ceil(len(ordered) * 0.99) - 1)]
    span = (high - low) or 1.0
    counts = [0] * bins
    for value in ordered:
        counts[min(bins - 1, max(0, int((value - low) / span * bins)))] += 1
    peak = max(counts)
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / bins
    for i, count in enumerate(counts):
        bar_h = plot_h * count / peak if peak else 0
        x, y = left + i * step, top + plot_h - bar_h
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{step - 2:.1f}" height="{bar_h:.1f}" fill="#1565c0">'
            f"<title>{count} turns</title></rect>"
        )
    parts.append(_text(left - 6, top + 10, str(peak), anchor="end", size=10))
    parts.append(_text(left - 6, top + plot_h, "0", anchor="end", size=10))
    ticks = 5
    for t in range(ticks + 1):
        value = low + span * t / ticks
        x = left + plot_w * t / ticks
        label = f"{value:.0f}" if span >= ticks else f"{value:.2f}"
        parts.append(_text(x, height - 10, label + (f"+ {unit}" if t == ticks else ""), anchor="middle", size=10))
    parts.append("</svg>")
    return "\n".join(parts)
