"""Websocket load and footprint: N concurrent shoppers against a real server, bounded in turns and time."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

from pydantic import BaseModel
from websockets.asyncio.client import connect

from connectors.web.process import ServerProcess
from evals.bench.server import running_server, say
from evals.bench.stats import Latency

_LINES = ("hi", "how long does delivery take?", "what's your return policy?", "thanks, bye")


class LoadResult(BaseModel):
    clients: int
    turns: int
    seconds: float
    turns_per_second: float
    latency: Latency
    errors: int


class PacedResult(BaseModel):
    """Shoppers who pause between messages so that together they offer `offered_per_second` turns."""

    offered_per_second: float
    turns_per_second: float
    latency: Latency
    errors: int

    @property
    def keeps_up(self) -> bool:
        """Served what was offered (within 5%), with p95 within 100 ms."""
        return self.turns_per_second >= 0.95 * self.offered_per_second and self.latency.p95 <= 100 and not self.errors


class FootprintResult(BaseModel):
    startup_to_first_reply_s: float
    rss_after_warmup_mb: float
    rss_per_100_idle_connections_mb: float


async def _shopper(
    server: ServerProcess, index: int, deadline: float, max_turns: int, out: list[float], errors: list[str]
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


async def _paced_shopper(
    server: ServerProcess,
    index: int,
    start: float,
    interval: float,
    deadline: float,
    out: list[tuple[float, float]],
    errors: list[str],
) -> None:
    """Sends on a schedule; appends (seconds to the reply, when the reply came) per turn."""
    next_send = start
    turn = 0
    while time.monotonic() < deadline:
        try:
            async with connect(server.url, max_size=2**20) as ws:
                await ws.send(json.dumps({"type": "hello"}))
                await ws.recv()
                for line in _LINES:
                    await asyncio.sleep(max(0.0, next_send - time.monotonic()))
                    if time.monotonic() >= deadline:
                        return
                    next_send += interval
                    out.append((await say(ws, line, f"p{index}-{turn}"), time.monotonic()))
                    turn += 1
        except (TimeoutError, OSError, RuntimeError) as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
            await asyncio.sleep(0.1)


async def _paced(server: ServerProcess, clients: int, rate: float, seconds: float) -> PacedResult:
    """`clients` shoppers, each sending a message every `clients / rate` seconds (after its reply came)."""
    turns: list[tuple[float, float]] = []
    errors: list[str] = []
    interval = clients / rate
    started = time.monotonic()
    deadline = started + seconds
    # First messages are spread over one interval so that the offered load is even, not in bursts.
    await asyncio.gather(*(
        _paced_shopper(server, i, started + interval * i / clients, interval, deadline, turns, errors)
        for i in range(clients)
    ))
    # The rate served is what was answered inside the window; replies still queued at its end do not count.
    served = sum(1 for _, at in turns if at <= deadline)
    return PacedResult(
        offered_per_second=rate,
        turns_per_second=round(served / seconds, 1),
        latency=Latency.of([seconds_to_reply for seconds_to_reply, _ in turns]),
        errors=len(errors),
    )


async def _load(server: ServerProcess, clients: int, seconds: float, max_turns: int) -> LoadResult:
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


async def _idle_rss(server: ServerProcess, connections: int) -> float:
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


async def _first_reply(server: ServerProcess) -> None:
    async with connect(server.url) as ws:
        await ws.send(json.dumps({"type": "hello"}))
        await ws.recv()
        await say(ws, "hello", "first")


def load_and_footprint(
    data_dir: Path,
    clients: int,
    seconds: float,
    max_turns: int,
    idle: int,
    rates: tuple[float, ...] = (),
    rate_seconds: float = 10.0,
) -> tuple[LoadResult, list[PacedResult], FootprintResult]:
    """Start a server on `data_dir`, time it to its first reply, load it flat out (closed loop: each shopper
    sends as soon as it has its reply), then at each paced rate in `rates`, then measure memory."""
    with running_server(data_dir):
        pass  # a first start may build caches; the measured start below is a normal restart
    started = time.perf_counter()
    with running_server(data_dir) as server:
        asyncio.run(_first_reply(server))
        startup = time.perf_counter() - started
        load = asyncio.run(_load(server, clients, seconds, max_turns))
        paced = [asyncio.run(_paced(server, clients, rate, rate_seconds)) for rate in rates]
        rss = server.rss_mb()
        per_100 = asyncio.run(_idle_rss(server, idle))
    footprint = FootprintResult(
        startup_to_first_reply_s=round(startup, 2),
        rss_after_warmup_mb=round(rss, 1),
        rss_per_100_idle_connections_mb=round(per_100, 2),
    )
    return load, paced, footprint
