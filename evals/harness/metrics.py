"""Suite figures: auto-resolution, escalations, wrong actions, per-category pass rates, turns, latency, pass^k."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from pydantic import BaseModel, ConfigDict

from evals.harness.results import ScenarioResult


class GroupFigure(BaseModel):
    """Pass rate of one category (or area, or tag), over every run."""

    model_config = ConfigDict(extra="forbid")

    name: str
    runs: int
    passed: int
    rate: float


class Metrics(BaseModel):
    """The figures of one suite run (rates over all runs; pass^k over scenarios)."""

    model_config = ConfigDict(extra="forbid")

    scenarios: int
    k: int
    runs: int
    passed: int
    pass_rate: float
    expecting_resolved: int
    auto_resolution: float
    expecting_handoff: int
    correct_escalation: float | None
    false_escalation: float | None
    wrong_actions: int
    wrong_action_runs: list[str]
    unwanted_proposals: int
    per_category: list[GroupFigure]
    per_area: list[GroupFigure]
    per_tag: list[GroupFigure]
    turns_per_resolution: float | None
    turns_measured: int
    latency_p50_ms: float | None
    latency_p95_ms: float | None
    latency_max_ms: float | None
    pass_hat_k: float
    identical_across_k: bool | None
    nondeterministic: list[str]


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..100) of `values`; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _groups(results: Sequence[ScenarioResult], keys: Callable[[ScenarioResult], list[str]]) -> list[GroupFigure]:
    runs: dict[str, list[bool]] = defaultdict(list)
    for result in results:
        for key in keys(result):
            runs[key].append(result.passed)
    return [
        GroupFigure(name=name, runs=len(flags), passed=sum(flags), rate=sum(flags) / len(flags))
        for name, flags in sorted(runs.items())
    ]


def compute(results: Sequence[ScenarioResult], k: int = 1) -> Metrics:
    """Figures over every run of every scenario."""
    resolved = [r for r in results if r.expected == "resolved"]
    handoff = [r for r in results if r.expected == "handoff"]
    by_id: dict[str, list[ScenarioResult]] = defaultdict(list)
    for result in results:
        by_id[result.id].append(result)
    nondeterministic = sorted(
        sid for sid, runs in by_id.items() if any(r.signature() != runs[0].signature() for r in runs[1:])
    )
    latencies = [e.latency_ms for r in results for e in r.transcript.exchanges]
    wins = [r for r in resolved if r.passed]
    return Metrics(
        scenarios=len(by_id),
        k=k,
        runs=len(results),
        passed=sum(r.passed for r in results),
        pass_rate=_rate(sum(r.passed for r in results), len(results)) or 0.0,
        expecting_resolved=len(resolved),
        auto_resolution=_rate(len(wins), len(resolved)) or 0.0,
        expecting_handoff=len(handoff),
        correct_escalation=_rate(sum(r.outcome == "handoff" for r in handoff), len(handoff)),
        false_escalation=_rate(sum(r.outcome == "handoff" for r in resolved), len(resolved)),
        wrong_actions=sum(len(r.wrong_actions) for r in results),
        wrong_action_runs=sorted({r.id for r in results if r.wrong_actions}),
        unwanted_proposals=sum(r.unwanted_proposals for r in results),
        per_category=_groups(results, lambda r: [r.category]),
        per_area=_groups(results, lambda r: [r.area]),
        per_tag=_groups(results, lambda r: r.tags),
        turns_per_resolution=(sum(r.turns for r in wins) / len(wins)) if wins else None,
        turns_measured=len(latencies),
        latency_p50_ms=percentile(latencies, 50),
        latency_p95_ms=percentile(latencies, 95),
        latency_max_ms=max(latencies) if latencies else None,
        pass_hat_k=_rate(sum(all(r.passed for r in runs) for runs in by_id.values()), len(by_id)) or 0.0,
        identical_across_k=(not nondeterministic) if k > 1 else None,
        nondeterministic=nondeterministic,
    )
