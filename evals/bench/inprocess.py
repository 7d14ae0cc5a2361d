"""In-process benchmarks: turn latency per message kind with stage shares, and long-conversation cost."""

from __future__ import annotations

import dataclasses
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel

from agent.conversation import Conversations
from agent.graph import build_graph
from connectors.assemble import Runtime, open_runtime
from connectors.settings import Settings
from evals.bench.mix import build_mix
from evals.bench.stats import Latency
from evals.bench.timing import Stopwatch, TimedKnowledge, TimedSaver, TimedUnderstander

Progress = Callable[[str], None]


class InProcessResult(BaseModel):
    by_kind: dict[str, Latency]
    overall: Latency
    stage_share: dict[str, float]  # fraction of total turn time


class LongResult(BaseModel):
    turn5_ms: float
    turn200_ms: float
    ratio: float
    checkpoint_bytes_per_turn: float  # what one turn writes (its checkpoint and pending writes)
    stored_growth_per_turn: float  # what the file keeps growing by per turn (0 with pruning)


@contextmanager
def timed_conversations(settings: Settings, db: Path) -> Iterator[tuple[Runtime, Conversations, Stopwatch]]:
    """The assembled runtime, with a graph whose understanding, retrieval and checkpoints are timed."""
    watch = Stopwatch()
    with open_runtime(settings) as runtime:
        conn = sqlite3.connect(db, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            saver = TimedSaver(conn)
            saver.watch = watch
            saver.setup()
            base = runtime.conversations.context
            context = dataclasses.replace(
                base,
                understander=TimedUnderstander(base.understander, watch),
                knowledge=TimedKnowledge(base.knowledge, watch),
            )
            yield runtime, Conversations(build_graph().compile(checkpointer=saver), context), watch
        finally:
            conn.close()


def turn_latency(settings: Settings, rounds: int, warmup: int = 1, progress: Progress | None = None) -> InProcessResult:
    """Replay the mix `rounds` times (after `warmup` rounds); every script in a fresh conversation."""
    samples: dict[str, list[float]] = {}
    stages: dict[str, float] = {}
    total = 0.0
    with timed_conversations(settings, settings.data_dir / "bench-turns.sqlite") as (runtime, chat, watch):
        mix = build_mix(runtime.orders, warmup + rounds)
        for round_no in range(warmup + rounds):
            for index, script in enumerate(mix[round_no]):
                cid = f"bench-{round_no}-{index}"
                for line in script.lines:
                    watch.take()
                    started = time.perf_counter()
                    chat.send(cid, line, script.customer)
                    elapsed = time.perf_counter() - started
                    spent = watch.take()
                    if round_no < warmup:
                        continue
                    samples.setdefault(script.kind, []).append(elapsed)
                    total += elapsed
                    for stage, seconds in spent.items():
                        stages[stage] = stages.get(stage, 0.0) + seconds
            if progress:
                progress(f"in-process round {round_no + 1}/{warmup + rounds}")
    everything = [s for values in samples.values() for s in values]
    share = {stage: round(seconds / total, 3) for stage, seconds in stages.items()} if total else {}
    share["skill and graph"] = round(1 - sum(share.values()), 3)
    return InProcessResult(
        by_kind={kind: Latency.of(values) for kind, values in sorted(samples.items())},
        overall=Latency.of(everything),
        stage_share=share,
    )


def long_conversation(settings: Settings, turns: int = 200, progress: Progress | None = None) -> LongResult:
    """Latency of early vs late turns in one conversation, and how many checkpoint bytes each turn adds."""
    db = settings.data_dir / "bench-long.sqlite"
    lines = ["hi", "how much is shipping?", "thanks", "what's your return policy?", "do you ship to alaska?"]
    times: list[float] = []
    with timed_conversations(settings, db) as (_, chat, _watch):
        for turn in range(turns):
            started = time.perf_counter()
            chat.send("bench-long", lines[turn % len(lines)])
            times.append(time.perf_counter() - started)
            if turn == 9:
                size_at_10 = _db_bytes(db)
                written = _latest_turn_bytes(db)
            if progress and turn % 50 == 49:
                progress(f"long conversation turn {turn + 1}/{turns}")
        size_at_end = _db_bytes(db)
    early = sorted(times[2:9])[3]  # median of turns 3-9 around turn 5
    late = sorted(times[-7:])[3]
    return LongResult(
        turn5_ms=round(early * 1000, 2),
        turn200_ms=round(late * 1000, 2),
        ratio=round(late / early, 2),
        checkpoint_bytes_per_turn=float(written),
        stored_growth_per_turn=round((size_at_end - size_at_10) / (turns - 10), 1),
    )


def _latest_turn_bytes(db: Path) -> int:
    """Bytes of the newest checkpoint and its pending writes: what one turn costs to store."""
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT checkpoint_id, LENGTH(checkpoint) + LENGTH(metadata) FROM checkpoints "
            "ORDER BY checkpoint_id DESC LIMIT 1"
        ).fetchone()
        (writes,) = conn.execute(
            "SELECT COALESCE(SUM(LENGTH(value)), 0) FROM writes WHERE checkpoint_id = ?", (row[0],)
        ).fetchone()
    return int(row[1]) + int(writes)


def _db_bytes(db: Path) -> int:
    """Bytes of checkpoint data stored (checkpoints and pending writes), independent of WAL and page slack."""
    with sqlite3.connect(db) as conn:
        (checkpoints,) = conn.execute(
            "SELECT COALESCE(SUM(LENGTH(checkpoint) + LENGTH(metadata)), 0) FROM checkpoints"
        ).fetchone()
        (writes,) = conn.execute("SELECT COALESCE(SUM(LENGTH(value)), 0) FROM writes").fetchone()
    return int(checkpoints) + int(writes)
