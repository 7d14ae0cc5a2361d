"""A real `shopclerk serve` child process on a loopback port, for the benchmarks and the end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

SHOPCLERK = str(Path(sys.executable).with_name("shopclerk"))


class ServerStartError(RuntimeError):
    """The server exited or did not answer /readyz in time; the message ends with its output."""


@dataclass(frozen=True)
class ServerProcess:
    port: int
    pid: int
    started_in: float  # seconds from spawning the process to /readyz answering

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS for the server process")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve_process(
    data_dir: Path,
    *,
    port: int | None = None,
    settings: Mapping[str, str] | None = None,
    inherit_settings: bool = True,
    timeout: float = 120,
) -> Iterator[ServerProcess]:
    """Run `shopclerk serve` on `data_dir` until the block ends.

    `settings` are extra SHOPCLERK_* variables by setting name (`{"console_token": "..."}`);
    `inherit_settings=False` drops the caller's own SHOPCLERK_* variables first. Output goes to a temporary
    file (a pipe nobody reads would stall a chatty server) and is quoted if the server fails to start.
    """
    port = port or free_port()
    env = {k: v for k, v in os.environ.items() if inherit_settings or not k.startswith("SHOPCLERK_")}
    env["SHOPCLERK_DATA_DIR"] = str(data_dir)
    env.update({f"SHOPCLERK_{name.upper()}": value for name, value in (settings or {}).items()})
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [SHOPCLERK, "serve", "--port", str(port)], env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            _wait_ready(proc, port, started + timeout, output)
            yield ServerProcess(port=port, pid=proc.pid, started_in=time.perf_counter() - started)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _wait_ready(proc: subprocess.Popen[bytes], port: int, deadline: float, output: IO[bytes]) -> None:
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as resp:
                if resp.status == 200:
                    return
        except OSError:
            if proc.poll() is not None or time.perf_counter() > deadline:
                output.seek(0)
                text = output.read().decode("utf-8", "replace")
                raise ServerStartError(f"the server did not start:\n{text[-3000:]}") from None
            time.sleep(0.05)
