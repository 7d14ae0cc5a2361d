"""Latency statistics and the benchmark's result table."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from pydantic import BaseModel


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


class Latency(BaseModel):
    """Milliseconds."""

    n: int
    p50: float
    p95: float
    p99: float
    mean: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> Latency:
        ms = [s * 1000 for s in seconds]
        return cls(
            n=len(ms),
            p50=round(percentile(ms, 50), 2),
            p95=round(percentile(ms, 95), 2),
            p99=round(percentile(ms, 99), 2),
            mean=round(statistics.fmean(ms), 2) if ms else 0.0,
        )


class Row(BaseModel):
    """One line of the printed table: what, measured, target, and whether the target is met."""

    what: str
    measured: str
    target: str = ""
    met: bool | None = None
