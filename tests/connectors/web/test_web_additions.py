"""Protocol v1 additions through the real app: actions, typing, feedback, several windows on one conversation."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from starlette.testclient import WebSocketTestSession

from connectors.settings import Settings
from connectors.web.app import create_app

MakeSettings = Callable[..., Settings]


def _send(ws: WebSocketTestSession, **frame: Any) -> None:
    ws.send_text(json.dumps(frame))


def _turn(ws: WebSocketTestSession, kind: str, text: str, msg_id: str, **extra: Any) -> list[dict[str, Any]]:
    """Send a message or action; return ack, typing and reply frames."""
    _send(ws, type=kind, client_msg_id=msg_id, text=text, **extra)
    return [ws.receive_json() for _ in range(3)]


def test_an_action_runs_like_a_message_with_its_label(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client, client.websocket_connect("/ws") as ws:
        _send(ws, type="hello")
        ws.receive_json()
        ack, typing, reply = _turn(ws, "action", "Compare the first two", "a1", action_id="quick:compare")
        assert (ack["seq"], typing, reply["seq"]) == (1, {"type": "typing", "role": "bot", "active": True}, 2)
        _, _, cards = _turn(ws, "message", "can you recommend a dry food for my adult cat?", "m1")
        assert cards["parts"][0]["kind"] == "product_cards"
        _, _, compared = _turn(ws, "action", "Compare the first two", "a2")
        assert compared["parts"][0]["kind"] == "comparison"
        assert len(compared["parts"][0]["data"]["products"]) == 2
        _send(ws, type="action", client_msg_id="a2", text="Compare the first two")
        assert ws.receive_json() == {"type": "ack", "client_msg_id": "a2", "seq": None, "duplicate": True}
        _send(ws, type="action", client_msg_id="a3")
        assert ws.receive_json()["code"] == "bad_frame"


def test_typing_frames_get_no_answer(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client, client.websocket_connect("/ws") as ws:
        _send(ws, type="typing")  # before any conversation: nothing to tell anyone
        _send(ws, type="hello")
        assert ws.receive_json()["type"] == "welcome"
        _send(ws, type="typing", active=True)
        _send(ws, type="typing", active=False)
        _send(ws, type="typing", active="maybe")
        assert ws.receive_json()["code"] == "bad_frame"


def test_feedback_is_stored_counted_and_checked(settings: Settings) -> None:
    app = create_app(settings)
    with TestClient(app) as client, client.websocket_connect("/ws") as ws:
        _send(ws, type="feedback", rating=5)
        assert "send hello first" in ws.receive_json()["text"]
        _send(ws, type="hello")
        cid = ws.receive_json()["conversation_id"]
        _, _, answer = _turn(ws, "message", "how long does delivery take?", "q")
        assert [p["kind"] for p in answer["parts"]] == ["citations"]
        _, _, goodbye = _turn(ws, "message", "bye", "b")
        assert goodbye["parts"][-1] == {"kind": "csat", "data": {"scale": 5}}
        _send(ws, type="feedback", rating="up", seq=answer["seq"])
        assert ws.receive_json() == {"type": "feedback_ack", "seq": answer["seq"], "rating": "up"}
        _send(ws, type="feedback", rating=4)
        _send(ws, type="feedback", rating=5)  # a change of mind replaces the rating
        assert [ws.receive_json()["rating"] for _ in range(2)] == [4, 5]
        for bad in ({"rating": 6}, {"rating": True}, {"rating": "meh"}, {"rating": 3, "seq": 0}):
            _send(ws, type="feedback", **bad)
            assert ws.receive_json()["code"] == "bad_frame", bad
        _send(ws, type="feedback", rating="down", seq=1)  # line 1 is the shopper's own
        assert "not a reply" in ws.receive_json()["text"]
        _send(ws, type="feedback", rating="down", seq=99)
        assert ws.receive_json()["code"] == "bad_frame"
        stored = app.state.channel.feedback.of(cid)
        assert [(f.seq, f.rating) for f in stored] == [(None, "5"), (answer["seq"], "up")]
        metrics = client.get("/metrics").text
        assert 'shopclerk_feedback_total{kind="conversation",rating="5"} 1' in metrics
        assert 'shopclerk_feedback_total{kind="reply",rating="up"} 1' in metrics


def test_a_second_window_sees_every_line_in_order(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client, client.websocket_connect("/ws") as first:
        _send(first, type="hello")
        welcome = first.receive_json()
        with client.websocket_connect("/ws") as second:
            _send(second, type="hello", conversation_id=welcome["conversation_id"], resume_key=welcome["resume_key"])
            assert second.receive_json()["history"] == []
            ack, _, reply = _turn(first, "message", "hello", "w1")
            assert (ack["seq"], reply["seq"]) == (1, 2)
            echoed = [second.receive_json() for _ in range(3)]
            assert [(f["type"], f.get("role"), f.get("seq")) for f in echoed] == [
                ("message", "shopper", 1),
                ("typing", "bot", None),
                ("message", "bot", 2),
            ]
            assert echoed[0]["text"] == "hello"
        # The first window keeps working after the second one closed.
        ack, _, reply = _turn(first, "message", "bye", "w2")
        assert reply["seq"] == 4


def test_resumed_history_names_the_client_message_ids(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        with client.websocket_connect("/ws") as ws:
            _send(ws, type="hello")
            welcome = ws.receive_json()
            _turn(ws, "message", "hello", "id-1")
        with client.websocket_connect("/ws") as ws:
            _send(ws, type="hello", conversation_id=welcome["conversation_id"], resume_key=welcome["resume_key"])
            history = ws.receive_json()["history"]
            assert [(line["role"], line["client_msg_id"]) for line in history] == [("shopper", "id-1"), ("bot", None)]
