"""Websocket load and footprint: N concurrent shoppers against a real server, bounded in turns and time."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

from pydantic import BaseModel
from websockets.asyncio.client import connect

from evals.bench.server import Server, running_server, say
from evals.bench.stats import Latency

_LINES = ("hi", "how long does delivery take?", "what's your return policy?", "thanks, bye")


class LoadResult(BaseModel):
    clients: int
    turns: int
    seconds: float
    turns_per_second: float
    latency: Latency
    errors: int


class FootprintResult(BaseModel):
    startup_to_first_reply_s: float
    rss_after_warmup_mb: float
    rss_per_100_idle_connections_mb: float


async def _shopper(
    server: Server, index: int, deadline: float, max_turns: int, out: list[float], errors: list[str]
) -> None:
    turn = 0
    while time.monotonic() < deadline and turn < max_turns:
        try:
            async with connect(server.url, max_size=2**20) as ws:
                await ws.send(json.dumps({"type": "hello"}))
                await ws.recv()
                for line in _LINES:
                    if time.monotonic() >= deadline or turn >= max_turns:
                        return
                    out.append(await say(ws, line, f"{index}-{turn}"))
                    turn += 1
        except (TimeoutError, OSError, RuntimeError) as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
            await asyncio.sleep(0.1)


async def _load(server: Server, clients: int, seconds: float, max_turns: int) -> LoadResult:
    latencies: list[float] = []
    errors: list[str] = []
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(*(_shopper(server, i, deadline, max_turns, latencies, errors) for i in range(clients)))
    elapsed = time.monotonic() - started
    return LoadResult(
        clients=clients,
        turns=len(latencies),
        seconds=round(elapsed, 2),
        turns_per_second=round(len(latencies) / elapsed, 1),
        latency=Latency.of(latencies),
        errors=len(errors),
    )


async def _idle_rss(server: Server, connections: int) -> float:
    before = server.rss_mb()
    sockets = []
    try:
        for _ in range(connections):
            ws = await connect(server.url)
            await ws.send(json.dumps({"type": "hello"}))
            await ws.recv()
            sockets.append(ws)
        await asyncio.sleep(0.5)
        return (server.rss_mb() - before) * 100 / connections
    finally:
        await asyncio.gather(*(ws.close() for ws in sockets))


async def _first_reply(server: Server) -> None:
    async with connect(server.url) as ws:
        await ws.send(json.dumps({"type": "hello"}))
        await ws.recv()
        await say(ws, "hello", "first")


def load_and_footprint(
    data_dir: Path, clients: int, seconds: float, max_turns: int, idle: int
) -> tuple[LoadResult, FootprintResult]:
    """Start a server on `data_dir`, time it to its first reply, load it, then measure memory."""
    with running_server(data_dir) as (server, _ready):
        pass  # a first start may build caches; the measured start below is a normal restart
    started = time.perf_counter()
    with running_server(data_dir) as (server, _ready):
        asyncio.run(_first_reply(server))
        startup = time.perf_counter() - started
        load = asyncio.run(_load(server, clients, seconds, max_turns))
        rss = server.rss_mb()
        per_100 = asyncio.run(_idle_rss(server, idle))
    footprint = FootprintResult(
        startup_to_first_reply_s=round(startup, 2),
        rss_after_warmup_mb=round(rss, 1),
        rss_per_100_idle_connections_mb=round(per_100, 2),
    )
    return load, footprint
