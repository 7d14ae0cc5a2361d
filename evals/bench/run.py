"""The whole benchmark: prepare a scratch copy of the data, run every part, and build the result table."""

from __future__ import annotations

import os
import platform
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel

from connectors.assemble import prepare
from connectors.settings import Settings
from evals.bench.inprocess import InProcessResult, LongResult, long_conversation, turn_latency
from evals.bench.load import FootprintResult, LoadResult, PacedResult, load_and_footprint
from evals.bench.stats import Row


class BenchConfig(BaseModel):
    rounds: int = 30
    clients: int = 100
    load_seconds: float = 30.0
    max_turns_per_client: int = 200
    long_turns: int = 200
    idle_connections: int = 100
    # Offered turns/s for the paced runs (the same shoppers, pausing between messages); 150 is the target.
    rates: tuple[float, ...] = (50.0, 75.0, 100.0, 125.0, 150.0)
    rate_seconds: float = 10.0


class BenchResult(BaseModel):
    at: str
    cores: int
    machine: str
    config: BenchConfig
    inprocess: InProcessResult
    load: LoadResult
    paced: list[PacedResult] = []
    long: LongResult
    footprint: FootprintResult

    @property
    def sustained_rate(self) -> float:
        """The highest offered rate that was served in full with p95 <= 100 ms (0 when none was)."""
        return max((run.offered_per_second for run in self.paced if run.keeps_up), default=0.0)

    def rows(self) -> list[Row]:
        ip, ld, lg, fp = self.inprocess.overall, self.load, self.long, self.footprint
        return [
            Row(what="in-process turn p50", measured=f"{ip.p50:.1f} ms", target="<= 15 ms", met=ip.p50 <= 15),
            Row(what="in-process turn p99", measured=f"{ip.p99:.1f} ms", target="<= 50 ms", met=ip.p99 <= 50),
            Row(
                what=f"websocket flat out, {ld.clients} shoppers, think time 0",
                measured=f"{ld.turns_per_second:.0f} turns/s, p50 / p95 / p99 {ld.latency.p50:.0f} / "
                f"{ld.latency.p95:.0f} / {ld.latency.p99:.0f} ms, {ld.errors} errors",
            ),
            *(
                Row(
                    what=f"websocket paced, {ld.clients} shoppers offering {run.offered_per_second:.0f} turns/s",
                    measured=f"{run.turns_per_second:.0f} turns/s, p50 / p95 {run.latency.p50:.0f} / "
                    f"{run.latency.p95:.0f} ms, {run.errors} errors",
                )
                for run in self.paced
            ),
            Row(
                what="websocket: highest paced rate served at p95 <= 100 ms",
                measured=f"{self.sustained_rate:.0f} turns/s" if self.sustained_rate else "none of the rates run",
                target=">= 150 turns/s",
                met=self.sustained_rate >= 150,
            ),
            Row(
                what="turn 200 vs turn 5",
                measured=f"{lg.turn200_ms:.1f} vs {lg.turn5_ms:.1f} ms ({lg.ratio:.2f}x)",
                target="<= 1.3x",
                met=lg.ratio <= 1.3,
            ),
            Row(
                what="checkpoint bytes per turn",
                measured=f"{lg.checkpoint_bytes_per_turn / 1024:.1f} KB",
                target="<= 10 KB",
                met=lg.checkpoint_bytes_per_turn <= 10 * 1024,
            ),
            Row(what="checkpoint file growth per turn", measured=f"{lg.stored_growth_per_turn:.0f} bytes"),
            Row(
                what="start-up to first reply",
                measured=f"{fp.startup_to_first_reply_s:.1f} s",
                target="<= 5 s",
                met=fp.startup_to_first_reply_s <= 5,
            ),
            Row(
                what="RSS after warm-up",
                measured=f"{fp.rss_after_warmup_mb:.0f} MB",
                target="<= 400 MB",
                met=fp.rss_after_warmup_mb <= 400,
            ),
            Row(what="RSS per 100 idle connections", measured=f"{fp.rss_per_100_idle_connections_mb:.2f} MB"),
        ]


def run_bench(settings: Settings, config: BenchConfig, progress: Callable[[str], None]) -> BenchResult:
    """Everything on a scratch copy of the prepared data directory: the shop's own data is never touched."""
    progress("preparing data")
    prepare(settings)
    with tempfile.TemporaryDirectory(prefix="shopclerk-bench-") as tmp:
        scratch = Path(tmp) / "data"
        shutil.copytree(settings.data_dir, scratch, ignore=shutil.ignore_patterns("bench-*"))
        local = settings.model_copy(update={"data_dir": scratch})
        inprocess = turn_latency(local, config.rounds, progress=progress)
        progress("long conversation")
        long = long_conversation(local, config.long_turns, progress=progress)
        rates = ", ".join(f"{rate:g}" for rate in config.rates)
        progress(
            f"websocket load: {config.clients} shoppers flat out for up to {config.load_seconds:.0f} s"
            + (f", then paced at {rates} turns/s for {config.rate_seconds:g} s each" if config.rates else "")
        )
        load, paced, footprint = load_and_footprint(
            scratch,
            config.clients,
            config.load_seconds,
            config.max_turns_per_client,
            config.idle_connections,
            rates=config.rates,
            rate_seconds=config.rate_seconds,
        )
    return BenchResult(
        at=datetime.now(UTC).isoformat(timespec="seconds"),
        cores=os.cpu_count() or 0,
        machine=platform.platform(),
        config=config,
        inprocess=inprocess,
        load=load,
        paced=paced,
        long=long,
        footprint=footprint,
    )
