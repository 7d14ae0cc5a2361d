"""A tiny run of every benchmark part: it must produce a complete, sane table (figures are not asserted)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from connectors.settings import load_settings
from evals.bench.run import BenchConfig, run_bench


def test_bench_smoke_run_produces_every_row(fresh_data_dir: Callable[[str], Path]) -> None:
    settings = load_settings(data_dir=fresh_data_dir("data"))
    before = settings.store_path.read_bytes()
    config = BenchConfig(
        rounds=1, clients=3, load_seconds=3, max_turns_per_client=4, long_turns=20, idle_connections=5,
        rates=(6.0,), rate_seconds=2,
    )
    messages: list[str] = []
    result = run_bench(settings, config, messages.append)
    assert set(result.inprocess.by_kind) == {"cancel", "compare", "faq", "order_status", "product_facts", "recommend"}
    assert result.inprocess.overall.n >= 8
    assert 0 < sum(v for k, v in result.inprocess.stage_share.items() if k != "skill and graph") <= 1
    assert result.load.turns > 0
    assert result.load.errors == 0
    (paced,) = result.paced
    assert paced.offered_per_second == 6.0 and paced.latency.n > 0 and paced.errors == 0
    # 3 shoppers each sending every 0.5 s: the pacing, not the server, sets the rate.
    assert paced.turns_per_second <= 6.0 * 1.2
    assert result.long.checkpoint_bytes_per_turn > 0
    assert result.footprint.rss_after_warmup_mb > 50
    rows = {row.what for row in result.rows()}
    assert "in-process turn p50" in rows and "start-up to first reply" in rows
    assert "websocket: highest paced rate served at p95 <= 100 ms" in rows
    assert settings.store_path.read_bytes() == before  # benchmarks run on a scratch copy
    assert messages[0] == "preparing data"
