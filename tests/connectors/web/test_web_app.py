"""The web channel through the real app: page, health, websocket round trip, bad input, restarts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from starlette.testclient import WebSocketTestSession

from connectors.settings import Settings, load_settings
from connectors.web.app import create_app


def _say(ws: WebSocketTestSession, text: str, msg_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    ws.send_text(json.dumps({"type": "message", "client_msg_id": msg_id, "text": text}))
    return ws.receive_json(), ws.receive_json()


def test_page_and_health(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        page = client.get("/")
        assert page.status_code == 200
        assert "/static/chat.js" in page.text
        assert f"<h1>{settings.shop_name}</h1>" in page.text
        assert client.get("/static/chat.js").status_code == 200
        health = client.get("/healthz").json()
        assert health["status"] == "ok"
        assert health["mode"] == "offline"


def test_shop_name_is_escaped_in_the_page(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "d", shop_name="<script>x</script> & Co")
    with TestClient(create_app(settings)) as client:
        page = client.get("/").text
        assert "<script>x</script>" not in page
        assert "&lt;script&gt;x&lt;/script&gt; &amp; Co" in page


def test_websocket_round_trip(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client, client.websocket_connect("/ws") as ws:
        ws.send_text(json.dumps({"type": "hello"}))
        welcome = ws.receive_json()
        assert welcome["type"] == "welcome"
        assert welcome["history"] == []
        ack, reply = _say(ws, "hello", "m1")
        assert ack == {"type": "ack", "client_msg_id": "m1", "duplicate": False}
        assert reply["type"] == "message"
        assert reply["seq"] == 1
        assert settings.shop_name in reply["text"]
        _, second = _say(ws, "what's the weather on mars", "m2")
        assert second["seq"] == 2
        assert "didn't quite get that" in second["text"]


def test_message_without_hello_starts_a_conversation(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client, client.websocket_connect("/ws") as ws:
        ws.send_text(json.dumps({"type": "message", "client_msg_id": "x", "text": "bye"}))
        assert ws.receive_json()["type"] == "welcome"
        assert ws.receive_json()["type"] == "ack"
        assert "Thanks for chatting" in ws.receive_json()["text"]


def test_bad_input_gets_an_error_and_the_connection_keeps_serving(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client, client.websocket_connect("/ws") as ws:
        ws.send_text("not json at all")
        assert ws.receive_json() == {"type": "error", "code": "bad_json", "text": "frames must be JSON objects"}
        ws.send_text(json.dumps({"type": "message", "text": "no id"}))
        error = ws.receive_json()
        assert error["code"] == "bad_frame"
        assert "client_msg_id" in error["text"]
        ws.send_text(json.dumps({"type": "launch_missiles"}))
        assert ws.receive_json()["code"] == "bad_frame"
        ws.send_text(json.dumps({"type": "hello", "conversation_id": "../../etc"}))
        assert ws.receive_json()["code"] == "bad_frame"
        ws.send_text(json.dumps({"type": "message", "client_msg_id": "big", "text": "x" * 20_000}))
        assert ws.receive_json()["code"] == "frame_too_large"
        ws.send_text(json.dumps({"type": "hello"}))
        assert ws.receive_json()["type"] == "welcome"
        _, reply = _say(ws, "hi", "ok")
        assert reply["seq"] == 1


def test_resent_message_is_acknowledged_not_run_twice(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client, client.websocket_connect("/ws") as ws:
        ws.send_text(json.dumps({"type": "hello"}))
        ws.receive_json()
        _say(ws, "hi", "same")
        ws.send_text(json.dumps({"type": "message", "client_msg_id": "same", "text": "hi"}))
        assert ws.receive_json() == {"type": "ack", "client_msg_id": "same", "duplicate": True}
        _, reply = _say(ws, "bye", "next")
        assert reply["seq"] == 2


def test_conversation_survives_an_app_restart(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client, client.websocket_connect("/ws") as ws:
        ws.send_text(json.dumps({"type": "hello"}))
        cid = ws.receive_json()["conversation_id"]
        _say(ws, "hello", "a")
        _say(ws, "bye", "b")

    with TestClient(create_app(settings)) as client, client.websocket_connect("/ws") as ws:
        ws.send_text(json.dumps({"type": "hello", "conversation_id": cid}))
        welcome = ws.receive_json()
        assert welcome["conversation_id"] == cid
        assert [(line["role"], line["text"]) for line in welcome["history"]][::2] == [
            ("shopper", "hello"),
            ("shopper", "bye"),
        ]
        assert len(welcome["history"]) == 4
        _, reply = _say(ws, "hi again", "c")
        assert reply["seq"] == 3
