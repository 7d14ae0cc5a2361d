"""A real `shopclerk serve` process for the load and footprint benchmarks, and a websocket client turn."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from websockets.asyncio.client import ClientConnection

SHOPCLERK = str(Path(sys.executable).with_name("shopclerk"))


@dataclass(frozen=True)
class Server:
    port: int
    pid: int

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS for the server process")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_server(data_dir: Path, timeout: float = 120) -> Iterator[tuple[Server, float]]:
    """Start the server on loopback with limits raised for load; yield it and its seconds to /readyz."""
    port = _free_port()
    env = {
        **os.environ,
        "SHOPCLERK_DATA_DIR": str(data_dir),
        "SHOPCLERK_RATE_LIMIT_PER_MINUTE": "10000",
        "SHOPCLERK_IP_RATE_LIMIT_PER_MINUTE": "100000",
        "SHOPCLERK_LOG_LEVEL": "warning",
    }
    started = time.perf_counter()
    proc = subprocess.Popen(
        [SHOPCLERK, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.perf_counter() - started > timeout:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    raise RuntimeError(f"the server did not start:\n{err[-2000:]}") from None
                time.sleep(0.05)
        yield Server(port, proc.pid), time.perf_counter() - started
    finally:
        proc.terminate()
        proc.wait(timeout=20)


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
