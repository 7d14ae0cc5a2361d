"""Running a set of scenarios k times each on one channel, graded, with the suite's figures."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict

from evals.harness.channels import Channel
from evals.harness.fixtures import Fixtures
from evals.harness.graders import grade
from evals.harness.metrics import Metrics, compute
from evals.harness.play import play
from evals.harness.results import ScenarioResult
from evals.harness.scenario import Scenario
from evals.harness.shopper import ScriptedShopper, Shopper

ShopperFactory = Callable[[Scenario], Shopper]
Progress = Callable[[ScenarioResult], None]


class SuiteResult(BaseModel):
    """Every graded run, the figures, and how the suite was run."""

    model_config = ConfigDict(extra="forbid")

    started_at: str
    seconds: float
    channel: str
    shopper: str
    mode: str
    results: list[ScenarioResult]
    metrics: Metrics

    def failed(self) -> list[ScenarioResult]:
        return [r for r in self.results if not r.passed]


def scripted(scenario: Scenario) -> Shopper:
    return ScriptedShopper(scenario)


def run_suite(
    scenarios: Sequence[Scenario],
    channel: Channel,
    fixtures: Fixtures,
    *,
    shopper: ShopperFactory = scripted,
    shopper_name: str = "scripted",
    mode: str = "offline",
    k: int = 1,
    progress: Progress | None = None,
) -> SuiteResult:
    """Play each scenario `k` times (run by run, each on a fresh store and a new conversation) and grade it."""
    if k < 1:
        raise ValueError("k must be at least 1")
    started = datetime.now(UTC)
    clock = time.perf_counter()
    results: list[ScenarioResult] = []
    for run in range(k):
        for scenario in scenarios:
            transcript = play(scenario, channel, fixtures, shopper(scenario))
            result = grade(scenario, transcript, run=run, shopper=shopper_name)
            results.append(result)
            if progress is not None:
                progress(result)
    return SuiteResult(
        started_at=started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        seconds=round(time.perf_counter() - clock, 2),
        channel=channel.name,
        shopper=shopper_name,
        mode=mode,
        results=results,
        metrics=compute(results, k),
    )
