"""The real server: `shopclerk serve` under uvicorn, spoken to with a websocket client, restarted."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosedError
from websockets.sync.client import connect

SHOPCLERK = str(Path(sys.executable).with_name("shopclerk"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def _server(data_dir: Path) -> Iterator[int]:
    port = _free_port()
    env = {**os.environ, "SHOPCLERK_DATA_DIR": str(data_dir)}
    proc = subprocess.Popen(
        [SHOPCLERK, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
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


def test_real_server_round_trip_and_restart(fresh_data_dir: Callable[[str], Path]) -> None:
    data_dir = fresh_data_dir("data")
    with _server(data_dir) as port, connect(f"ws://127.0.0.1:{port}/ws") as ws:
        ws.send(json.dumps({"type": "hello"}))
        welcome = json.loads(ws.recv())
        cid, key = welcome["conversation_id"], welcome["resume_key"]
        ws.send(json.dumps({"type": "message", "client_msg_id": "1", "text": "hello"}))
        assert json.loads(ws.recv())["type"] == "ack"
        reply = json.loads(ws.recv())
        assert reply["seq"] == 2
        assert "assistant" in reply["text"]

    with _server(data_dir) as port, connect(f"ws://127.0.0.1:{port}/ws") as ws:
        ws.send(json.dumps({"type": "hello", "conversation_id": cid, "resume_key": key}))
        welcome = json.loads(ws.recv())
        assert welcome["history"][0]["text"] == "hello"
        assert len(welcome["history"]) == 2


def test_real_server_refuses_frames_over_the_transport_limit(fresh_data_dir: Callable[[str], Path]) -> None:
    with _server(fresh_data_dir("data")) as port:
        with connect(f"ws://127.0.0.1:{port}/ws") as ws:
            ws.send("x" * 100_000)
            with pytest.raises(ConnectionClosedError) as info:
                ws.recv(timeout=5)
            assert info.value.rcvd is not None
            assert info.value.rcvd.code == 1009  # message too big
        with connect(f"ws://127.0.0.1:{port}/ws") as ws:
            ws.send(json.dumps({"type": "hello"}))
            assert json.loads(ws.recv())["type"] == "welcome"
