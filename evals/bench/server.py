"""A real `shopclerk serve` process for the load and footprint benchmarks, and a websocket client turn."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from websockets.asyncio.client import ClientConnection

from connectors.web.process import ServerProcess, serve_process

# Limits raised for load: one loopback address plays every shopper.
LOAD_SETTINGS = {"rate_limit_per_minute": "10000", "ip_rate_limit_per_minute": "100000", "log_level": "warning"}


@contextmanager
def running_server(data_dir: Path, timeout: float = 120) -> Iterator[ServerProcess]:
    """A real server on `data_dir` with the load limits, for the load and footprint benchmarks."""
    with serve_process(data_dir, settings=LOAD_SETTINGS, timeout=timeout) as server:
        yield server


async def say(ws: ClientConnection, text: str, msg_id: str) -> float:
    """Send one message; return seconds until the bot's reply (acks and typing frames are skipped)."""
    started = time.perf_counter()
    await ws.send(json.dumps({"type": "message", "client_msg_id": msg_id, "text": text}))
    while True:
        frame = json.loads(await ws.recv())
        if frame["type"] == "message":
            return time.perf_counter() - started
        if frame["type"] == "error":
            raise RuntimeError(f"{frame['code']}: {frame['text']}")
