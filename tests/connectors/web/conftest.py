"""Web channel fixtures: a real `shopclerk serve` under uvicorn on a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

SHOPCLERK = str(Path(sys.executable).with_name("shopclerk"))

Serve = Callable[..., AbstractContextManager[int]]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def _server(data_dir: Path, port: int | None = None, **env: str) -> Iterator[int]:
    """Run the server on `data_dir` (on `port`, or a free one; extra SHOPCLERK_* settings as keyword arguments)."""
    port = port or _free_port()
    environment = {**os.environ, "SHOPCLERK_DATA_DIR": str(data_dir)}
    environment.update({f"SHOPCLERK_{name.upper()}": value for name, value in env.items()})
    proc = subprocess.Popen(
        [SHOPCLERK, "serve", "--port", str(port)], env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    output = proc.stdout.read().decode() if proc.stdout else ""
                    raise AssertionError(f"server did not start:\n{output}") from None
                time.sleep(0.1)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def serve() -> Serve:
    """`with serve(data_dir, console_token=...) as port:` runs a real server for the block.

    Reusing a port right after a server stopped works: uvicorn binds with SO_REUSEADDR.
    """
    return _server
