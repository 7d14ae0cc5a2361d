"""`shopclerk bench`: measure turn latency, websocket load, long conversations and footprint; print a table."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from connectors.cli.root import settings_of
from evals.bench.run import BenchConfig, BenchResult, run_bench

console = Console(stderr=True)


def _table(result: BenchResult) -> Table:
    table = Table(title=f"shopclerk bench · {result.cores} cores · {result.at}")
    for column in ("what", "measured", "target", "met"):
        table.add_column(column)
    for row in result.rows():
        met = "" if row.met is None else ("yes" if row.met else "[red]no[/red]")
        table.add_row(row.what, row.measured, row.target, met)
    kinds = ", ".join(f"{k} {v.p50:.1f}/{v.p99:.1f}" for k, v in result.inprocess.by_kind.items())
    table.caption = f"in-process p50/p99 ms by kind: {kinds}. Stage shares: " + ", ".join(
        f"{k} {v:.0%}" for k, v in result.inprocess.stage_share.items()
    )
    return table


def bench(
    ctx: typer.Context,
    rounds: Annotated[int, typer.Option(min=1, help="Rounds of the in-process message mix.")] = 30,
    clients: Annotated[int, typer.Option(min=1, help="Concurrent simulated shoppers for the load test.")] = 100,
    seconds: Annotated[float, typer.Option(min=1, help="Upper bound on the load test's duration.")] = 30.0,
    long_turns: Annotated[int, typer.Option(min=20, help="Turns of the long conversation.")] = 200,
    rates: Annotated[
        list[float] | None,
        typer.Option("--rate", min=1, help="Offered turns/s of a paced load run (repeatable); default 50-150."),
    ] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the results as JSON here.")] = None,
) -> None:
    """Benchmark the real system (offline mode, demo shop) on a scratch copy of the data directory."""
    config = BenchConfig(rounds=rounds, clients=clients, load_seconds=seconds, long_turns=long_turns)
    if rates:
        config = config.model_copy(update={"rates": tuple(sorted(rates))})
    result = run_bench(settings_of(ctx), config, lambda message: console.print(f"[dim]{message}[/dim]"))
    Console().print(_table(result))
    if json_out is not None:
        json_out.write_text(result.model_dump_json(indent=2), encoding="utf-8")
        console.print(f"wrote {json_out}")
