"""The real server: `shopclerk serve` under uvicorn, spoken to with a websocket client, restarted."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosedError
from websockets.sync.client import connect

Serve = Callable[..., AbstractContextManager[int]]


def test_real_server_round_trip_and_restart(fresh_data_dir: Callable[[str], Path], serve: Serve) -> None:
    data_dir = fresh_data_dir("data")
    with serve(data_dir) as port, connect(f"ws://127.0.0.1:{port}/ws") as ws:
        ws.send(json.dumps({"type": "hello"}))
        welcome = json.loads(ws.recv())
        cid, key = welcome["conversation_id"], welcome["resume_key"]
        ws.send(json.dumps({"type": "message", "client_msg_id": "1", "text": "hello"}))
        assert json.loads(ws.recv())["type"] == "ack"
        assert json.loads(ws.recv())["type"] == "typing"
        reply = json.loads(ws.recv())
        assert reply["seq"] == 2
        assert "assistant" in reply["text"]

    with serve(data_dir) as port, connect(f"ws://127.0.0.1:{port}/ws") as ws:
        ws.send(json.dumps({"type": "hello", "conversation_id": cid, "resume_key": key}))
        welcome = json.loads(ws.recv())
        assert welcome["history"][0]["text"] == "hello"
        assert len(welcome["history"]) == 2


def test_real_server_refuses_frames_over_the_transport_limit(
    fresh_data_dir: Callable[[str], Path], serve: Serve
) -> None:
    with serve(fresh_data_dir("data")) as port:
        with connect(f"ws://127.0.0.1:{port}/ws") as ws:
            ws.send("x" * 100_000)
            with pytest.raises(ConnectionClosedError) as info:
                ws.recv(timeout=5)
            assert info.value.rcvd is not None
            assert info.value.rcvd.code == 1009  # message too big
        with connect(f"ws://127.0.0.1:{port}/ws") as ws:
            ws.send(json.dumps({"type": "hello"}))
            assert json.loads(ws.recv())["type"] == "welcome"
