"""The web channel through the real app: page, health, websocket protocol, bad input, ownership, restarts."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.testclient import WebSocketTestSession

from connectors.settings import Settings
from connectors.web.app import create_app
from connectors.web.identity import sign

MakeSettings = Callable[..., Settings]
SECRET = "test-shop-secret"


def _hello(ws: WebSocketTestSession, **fields: Any) -> dict[str, Any]:
    ws.send_text(json.dumps({"type": "hello", **fields}))
    frame: dict[str, Any] = ws.receive_json()
    return frame


def _next(ws: WebSocketTestSession) -> dict[str, Any]:
    """The next frame that is not a typing signal."""
    while True:
        frame: dict[str, Any] = ws.receive_json()
        if frame["type"] != "typing":
            return frame


def _say(ws: WebSocketTestSession, text: str, msg_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    ws.send_text(json.dumps({"type": "message", "client_msg_id": msg_id, "text": text}))
    return _next(ws), _next(ws)


def test_page_and_health(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        page = client.get("/")
        assert page.status_code == 200
        assert '<script src="/widget.js"' in page.text
        assert f"<h1>{settings.shop_name}</h1>" in page.text
        widget = client.get("/widget.js")
        assert widget.status_code == 200
        assert widget.headers["content-type"].startswith("text/javascript")
        health = client.get("/healthz").json()
        assert health["status"] == "ok"
        assert health["mode"] == "offline"


def test_shop_name_is_escaped_in_the_page(make_settings: MakeSettings) -> None:
    settings = make_settings(shop_name="<script>x</script> & Co")
    with TestClient(create_app(settings)) as client:
        page = client.get("/").text
        assert "<script>x</script>" not in page
        assert "&lt;script&gt;x&lt;/script&gt; &amp; Co" in page


def test_websocket_round_trip_numbers_every_line(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client, client.websocket_connect("/ws") as ws:
        welcome = _hello(ws)
        assert welcome["type"] == "welcome"
        assert welcome["history"] == []
        assert welcome["resume_key"]
        ack, reply = _say(ws, "hello", "m1")
        assert ack == {"type": "ack", "client_msg_id": "m1", "seq": 1, "duplicate": False}
        assert reply["type"] == "message"
        assert reply["seq"] == 2
        assert settings.shop_name in reply["text"]
        assert reply["parts"][0]["kind"] == "quick_replies"
        ack, second = _say(ws, "what's the weather on mars", "m2")
        assert (ack["seq"], second["seq"]) == (3, 4)
        assert "outside what I can help with" in second["text"]


def test_message_without_hello_starts_a_conversation(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client, client.websocket_connect("/ws") as ws:
        ws.send_text(json.dumps({"type": "message", "client_msg_id": "x", "text": "bye"}))
        assert ws.receive_json()["type"] == "welcome"
        assert ws.receive_json()["type"] == "ack"
        assert "Thanks for chatting" in _next(ws)["text"]


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
        assert _hello(ws, conversation_id="../../etc")["code"] == "bad_frame"
        ws.send_text(json.dumps({"type": "message", "client_msg_id": "big", "text": "x" * 20_000}))
        assert ws.receive_json()["code"] == "frame_too_large"
        assert _hello(ws)["type"] == "welcome"
        _, reply = _say(ws, "hi", "ok")
        assert reply["seq"] == 2


def test_resent_message_is_acknowledged_not_run_twice(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client, client.websocket_connect("/ws") as ws:
        _hello(ws)
        _say(ws, "hi", "same")
        ws.send_text(json.dumps({"type": "message", "client_msg_id": "same", "text": "hi"}))
        assert ws.receive_json() == {"type": "ack", "client_msg_id": "same", "seq": None, "duplicate": True}
        _, reply = _say(ws, "bye", "next")
        assert reply["seq"] == 4


def _until_ack(ws: WebSocketTestSession) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The non-typing frames before the next ack, and the ack: a test fails on a missing frame instead of hanging."""
    before = []
    while (frame := _next(ws))["type"] != "ack":
        before.append(frame)
    return before, frame


def test_a_line_left_unanswered_by_a_stop_is_answered_on_resume(settings: Settings) -> None:
    app = create_app(settings)
    with TestClient(app) as client, client.websocket_connect("/ws") as ws:
        welcome = _hello(ws)
        cid, key = welcome["conversation_id"], welcome["resume_key"]
        _say(ws, "hello", "a")
        # the server stops mid-turn: the shopper's line was recorded (and acknowledged), its turn never ran
        app.state.channel.transcript.append(cid, "shopper", "how long does shipping take?", None, "b")

    app = create_app(settings)
    with TestClient(app) as client, client.websocket_connect("/ws") as ws:
        resumed = _hello(ws, conversation_id=cid, resume_key=key, last_seq=2)
        assert [(line["seq"], line["text"]) for line in resumed["history"]] == [(3, "how long does shipping take?")]
        ws.send_text(json.dumps({"type": "message", "client_msg_id": "b", "text": "how long does shipping take?"}))
        before, ack = _until_ack(ws)
        assert [(f["role"], f["seq"]) for f in before] == [("bot", 4)]
        assert "business day" in before[0]["text"]
        assert ack["duplicate"] is True  # answered once: a resend is not run again
        _, after = _say(ws, "bye", "c")
        assert after["seq"] == 6


def test_a_turn_that_finished_before_the_stop_is_posted_not_run_again(settings: Settings) -> None:
    app = create_app(settings)
    with TestClient(app) as client, client.websocket_connect("/ws") as ws:
        welcome = _hello(ws)
        cid, key = welcome["conversation_id"], welcome["resume_key"]
        # the turn ran and was checkpointed, then the server stopped before posting the reply
        line = app.state.channel.transcript.append(cid, "shopper", "hello", None, "a")
        conversations = app.state.runtime.conversations
        expected, _ = conversations.send(cid, "hello", None, line_seq=line.seq)
        turns = len(conversations.history(cid))

    app = create_app(settings)
    with TestClient(app) as client, client.websocket_connect("/ws") as ws:
        _hello(ws, conversation_id=cid, resume_key=key)
        ws.send_text(json.dumps({"type": "message", "client_msg_id": "a", "text": "hello"}))
        before, ack = _until_ack(ws)
        assert [(f.get("seq"), f.get("text")) for f in before] == [(2, expected["text"])]
        assert ack["duplicate"] is True
        assert len(app.state.runtime.conversations.history(cid)) == turns  # the graph did not run it again


def test_a_failed_turn_is_not_rerun_or_answered_with_an_old_reply_on_resume(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(settings)
    with TestClient(app) as client, client.websocket_connect("/ws") as ws:
        welcome = _hello(ws)
        cid, key = welcome["conversation_id"], welcome["resume_key"]
        _say(ws, "hello", "a")

        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("knowledge index unavailable")

        monkeypatch.setattr(app.state.runtime.knowledge, "search", broken)
        ws.send_text(json.dumps({"type": "message", "client_msg_id": "b", "text": "how long does shipping take?"}))
        assert _next(ws)["type"] == "ack"
        assert _next(ws)["code"] == "internal"  # the shopper is told to try again
        monkeypatch.undo()
        with client.websocket_connect("/ws") as again:
            _hello(again, conversation_id=cid, resume_key=key, last_seq=3)
            again.send_text(json.dumps({"type": "message", "client_msg_id": "c", "text": "bye"}))
            before, ack = _until_ack(again)
            assert before == [] and ack["seq"] == 4  # no old greeting posted as its answer, no re-run


def test_resume_sends_exactly_what_was_missed_even_after_a_restart(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client, client.websocket_connect("/ws") as ws:
        welcome = _hello(ws)
        cid, key = welcome["conversation_id"], welcome["resume_key"]
        _say(ws, "hello", "a")
        _say(ws, "bye", "b")

    with TestClient(create_app(settings)) as client, client.websocket_connect("/ws") as ws:
        full = _hello(ws, conversation_id=cid, resume_key=key)
        assert full["conversation_id"] == cid
        assert full["resume_key"] is None
        assert [(line["seq"], line["role"]) for line in full["history"]] == [
            (1, "shopper"),
            (2, "bot"),
            (3, "shopper"),
            (4, "bot"),
        ]
        missed = _hello(ws, conversation_id=cid, resume_key=key, last_seq=2)
        assert missed["history"][0]["text"] == "bye"
        assert len(missed["history"]) == 2
        ws.send_text(json.dumps({"type": "message", "client_msg_id": "a", "text": "hello"}))
        assert _next(ws)["duplicate"] is True
        _, reply = _say(ws, "hi again", "c")
        assert reply["seq"] == 6


def test_another_persons_conversation_id_gets_nothing(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        with client.websocket_connect("/ws") as ws:
            cid = _hello(ws)["conversation_id"]
            _say(ws, "my secret order question", "a")
        with client.websocket_connect("/ws") as intruder:
            for attempt in ({}, {"resume_key": "guessed"}, {"resume_key": "guessed", "last_seq": 0}):
                error = _hello(intruder, conversation_id=cid, **attempt)
                assert error["code"] == "forbidden"
                assert "secret" not in json.dumps(error)
            ws_unknown = _hello(intruder, conversation_id="does-not-exist-123", resume_key="x")
            assert ws_unknown["code"] == "forbidden"
            intruder.send_text(json.dumps({"type": "message", "client_msg_id": "z", "text": "hi"}))
            fresh = intruder.receive_json()
            assert fresh["type"] == "welcome"
            assert fresh["conversation_id"] != cid


def test_identity_tokens(make_settings: MakeSettings) -> None:
    settings = make_settings(identity_secret=SECRET)
    with TestClient(create_app(settings)) as client, client.websocket_connect("/ws") as ws:
        welcome = _hello(ws, token=sign("C-0001", SECRET))
        assert welcome["customer_id"] == "C-0001"
        assert welcome["resume_key"] is None
        cid = welcome["conversation_id"]
        _say(ws, "hello", "1")
        forged = sign("C-0001", "not-the-secret")
        assert _hello(ws, conversation_id=cid, token=forged)["code"] == "bad_token"
        expired = sign("C-0001", SECRET, ttl_seconds=-10)
        error = _hello(ws, conversation_id=cid, token=expired)
        assert (error["code"], "expired" in error["text"]) == ("bad_token", True)
        other = _hello(ws, conversation_id=cid, token=sign("C-0002", SECRET))
        assert other["code"] == "forbidden"
        again = _hello(ws, conversation_id=cid, token=sign("C-0001", SECRET))
        assert len(again["history"]) == 2


def test_tokens_are_refused_when_the_shop_has_no_secret(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client, client.websocket_connect("/ws") as ws:
        error = _hello(ws, token=sign("C-0001", SECRET))
        assert error["code"] == "bad_token"
        assert "does not accept" in error["text"]


def test_a_knowledge_file_saved_while_serving_is_answered_within_seconds(
    make_settings: MakeSettings, tmp_path: Path
) -> None:
    import shutil
    import time

    from connectors.settings import DEMO_KNOWLEDGE_DIR

    knowledge = tmp_path / "knowledge"
    shutil.copytree(DEMO_KNOWLEDGE_DIR, knowledge)
    settings = make_settings(knowledge_dir=knowledge)
    app = create_app(settings)
    with TestClient(app) as client, client.websocket_connect("/ws") as ws:
        _hello(ws)
        (knowledge / "faq" / "misc" / "gift-wrap.md").write_text(
            "---\nid: gift-wrap\ntitle: Do you offer gift wrapping?\ntags: [orders]\n---\n"
            "Yes: every order can be gift wrapped in recycled paper with a handwritten card, free of charge.\n"
        )
        deadline = time.monotonic() + 10
        # Wait for this entry: before it exists, the nearest one (gift cards) may answer the question.
        knowledge_base = app.state.runtime.knowledge
        while getattr(knowledge_base.search("can you gift wrap my order?").best, "id", None) != "gift-wrap":
            assert time.monotonic() < deadline, "the new entry was not indexed within 10 s"
            time.sleep(0.2)
        _, reply = _say(ws, "can you gift wrap my order?", "gw")
        assert "handwritten card" in reply["text"]
