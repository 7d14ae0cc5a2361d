"""Hardening of the web channel: origins, rate limits, idle timeout, readiness and metrics."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from connectors.settings import Settings
from connectors.web.app import create_app, origin_allowed
from connectors.web.limits import AddressLimits, SlidingWindow

MakeSettings = Callable[..., Settings]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_sliding_window_refuses_past_the_limit_and_recovers() -> None:
    clock = FakeClock()
    window = SlidingWindow(3, 60, clock)
    assert [window.allow() for _ in range(4)] == [True, True, True, False]
    clock.now += 30
    assert window.allow() is False
    clock.now += 31
    assert window.allow() is True
    assert window.idle() is False
    clock.now += 61
    assert window.idle() is True


def test_address_limits_are_per_address() -> None:
    limits = AddressLimits(2, 60, FakeClock())
    assert [limits.allow("1.1.1.1") for _ in range(3)] == [True, True, False]
    assert limits.allow("2.2.2.2") is True


def test_origin_rules() -> None:
    assert origin_allowed(None, "shop:8000", [])
    assert origin_allowed("http://shop:8000", "shop:8000", [])
    assert not origin_allowed("http://evil.example", "shop:8000", [])
    assert origin_allowed("https://shop.example/", "api:8000", ["https://shop.example"])
    assert not origin_allowed("http://shop:8000", "shop:8000", ["https://shop.example"])


def test_foreign_origin_is_refused_at_the_handshake(make_settings: MakeSettings) -> None:
    settings = make_settings(allowed_origins="https://shop.example")
    with TestClient(create_app(settings)) as client:
        with pytest.raises(WebSocketDisconnect) as info, client.websocket_connect(
            "/ws", headers={"origin": "https://evil.example"}
        ):
            pass
        assert info.value.code == 1008
        with client.websocket_connect("/ws", headers={"origin": "https://shop.example"}) as ws:
            ws.send_text(json.dumps({"type": "hello"}))
            assert ws.receive_json()["type"] == "welcome"


def test_a_flooding_client_is_limited_and_another_is_unaffected(make_settings: MakeSettings) -> None:
    settings = make_settings(rate_limit_per_minute=3)
    with TestClient(create_app(settings)) as client:
        with client.websocket_connect("/ws") as flood, client.websocket_connect("/ws") as calm:
            calm.send_text(json.dumps({"type": "hello"}))
            calm.receive_json()
            answered = limited = 0
            for i in range(6):
                flood.send_text(json.dumps({"type": "message", "client_msg_id": f"f{i}", "text": "hi"}))
                frame = flood.receive_json()
                if frame["type"] == "welcome":
                    frame = flood.receive_json()
                if frame["type"] == "ack":
                    assert flood.receive_json() == {"type": "typing", "role": "bot", "active": True}
                    assert flood.receive_json()["type"] == "message"
                    answered += 1
                else:
                    assert frame["code"] == "rate_limited"
                    limited += 1
            assert (answered, limited) == (3, 3)
            calm.send_text(json.dumps({"type": "message", "client_msg_id": "c1", "text": "hello"}))
            assert calm.receive_json()["type"] == "ack"
            assert calm.receive_json()["type"] == "typing"
            assert calm.receive_json()["seq"] == 2
        metrics = client.get("/metrics").text
        assert 'shopclerk_frames_rejected_total{code="rate_limited"} 3' in metrics
        assert 'shopclerk_turns_total{intent="greeting"} 4' in metrics
        assert "shopclerk_turn_seconds_count 4" in metrics


def test_idle_connections_are_closed(make_settings: MakeSettings) -> None:
    settings = make_settings(idle_timeout_seconds=0.2)
    with TestClient(create_app(settings)) as client, client.websocket_connect("/ws") as ws:
        with pytest.raises(WebSocketDisconnect) as info:
            ws.receive_json()
        assert info.value.code == 1001


def test_readyz(make_settings: MakeSettings) -> None:
    with TestClient(create_app(make_settings())) as client:
        response = client.get("/readyz")
        assert (response.status_code, response.json()) == (200, {"status": "ready"})


def test_logs_are_json_without_message_text(make_settings: MakeSettings, capsys: pytest.CaptureFixture[str]) -> None:
    from connectors.web.logs import configure_logging

    configure_logging("info")
    app = create_app(make_settings())
    with TestClient(app) as client, client.websocket_connect("/ws") as ws:
        ws.send_text(json.dumps({"type": "message", "client_msg_id": "1", "text": "my email is a@b.example"}))
        for _ in range(4):  # welcome, ack, typing, message
            ws.receive_json()
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    turn = next(line for line in lines if line["event"] == "turn")
    assert turn["intent"] == "no_answer"
    assert len(turn["conversation"]) == 12
    assert "a@b.example" not in json.dumps(lines)
