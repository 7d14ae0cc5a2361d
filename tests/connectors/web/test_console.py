"""The agent console through the real app: token, queue, claim, a person's live reply, release."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.testclient import WebSocketTestSession

from connectors.settings import Settings, SettingsError, load_settings
from connectors.web.app import create_app

MakeSettings = Callable[..., Settings]
TOKEN = "a-console-token-for-tests"
AGENT = {"Authorization": f"Bearer {TOKEN}"}


def _send(ws: WebSocketTestSession, **frame: Any) -> None:
    ws.send_text(json.dumps(frame))


def test_the_console_is_disabled_without_a_token(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        page = client.get("/console")
        assert page.status_code == 404
        assert "SHOPCLERK_CONSOLE_TOKEN" in page.text
        api = client.get("/console/api/handoffs", headers=AGENT)
        assert (api.status_code, "SHOPCLERK_CONSOLE_TOKEN" in api.json()["detail"]) == (404, True)


def test_the_console_api_needs_the_token(make_settings: MakeSettings) -> None:
    with TestClient(create_app(make_settings(console_token=TOKEN))) as client:
        page = client.get("/console")
        assert page.status_code == 200
        assert "/static/console.js" in page.text
        for headers in ({}, {"Authorization": "Bearer wrong-token-of-some-length"}, {"Authorization": TOKEN}):
            assert client.get("/console/api/handoffs", headers=headers).status_code == 401
        assert client.get("/console/api/handoffs", headers=AGENT).json() == []
        assert client.get("/console/api/conversations/no-such-conversation", headers=AGENT).status_code == 404
        assert client.get("/console/api/conversations/..%2Fetc", headers=AGENT).status_code in (404, 422)


def test_a_short_console_token_is_refused_by_settings() -> None:
    with pytest.raises(SettingsError, match=r"SHOPCLERK_CONSOLE_TOKEN: .*at least 16 characters"):
        load_settings(console_token="short")
    assert load_settings().console_token is None


def test_claim_reply_live_and_release(make_settings: MakeSettings) -> None:
    app = create_app(make_settings(console_token=TOKEN))
    with TestClient(app) as client, client.websocket_connect("/ws") as ws:
        _send(ws, type="hello")
        welcome = ws.receive_json()
        cid = welcome["conversation_id"]
        _send(ws, type="message", client_msg_id="1", text="I want to cancel order PS-100715")
        [ws.receive_json() for _ in range(3)]
        _send(ws, type="message", client_msg_id="2", text="I want to talk to a human")
        frames = [ws.receive_json() for _ in range(4)]
        assert [f["type"] for f in frames] == ["ack", "typing", "message", "handoff"]
        assert frames[2]["parts"] == [{"kind": "handoff", "data": {"state": "waiting", "reason": "requested"}}]
        assert frames[3] == {"type": "handoff", "state": "waiting", "reason": "requested", "agent": None}

        (queued,) = client.get("/console/api/handoffs", headers=AGENT).json()
        assert queued["conversation_id"] == cid
        assert queued["summary"]["order_number"] == "PS-100715"
        assert queued["summary"]["last_message"] == "I want to talk to a human"
        hid = queued["id"]
        early = client.post(f"/console/api/conversations/{cid}/reply", json={"text": "hi"}, headers=AGENT)
        assert (early.status_code, "claim" in early.json()["detail"]) == (409, True)
        assert client.post("/console/api/handoffs/999/claim", json={"agent": "Sam"}, headers=AGENT).status_code == 404
        assert client.post(f"/console/api/handoffs/{hid}/claim", json={"agent": " "}, headers=AGENT).status_code == 422

        claimed = client.post(f"/console/api/handoffs/{hid}/claim", json={"agent": "Sam"}, headers=AGENT).json()
        assert (claimed["status"], claimed["agent"]) == ("claimed", "Sam")
        assert ws.receive_json() == {"type": "handoff", "state": "claimed", "reason": "requested", "agent": "Sam"}

        said = client.post(
            f"/console/api/conversations/{cid}/reply", json={"text": "Hi, Sam here. <b>Let me look.</b>"}, headers=AGENT
        ).json()
        assert said["role"] == "human"
        pushed = ws.receive_json()
        assert pushed == {
            "type": "message",
            "seq": said["seq"],
            "role": "human",
            "text": "Hi, Sam here. <b>Let me look.</b>",
            "parts": [],
        }

        # The bot is silent while Sam has the conversation: an ack, no typing, no reply.
        _send(ws, type="typing")
        _send(ws, type="message", client_msg_id="3", text="thanks, it's urgent")
        assert ws.receive_json()["type"] == "ack"
        view = client.get(f"/console/api/conversations/{cid}?after={said['seq']}", headers=AGENT).json()
        assert [(line["role"], line["text"]) for line in view["lines"]] == [("shopper", "thanks, it's urgent")]
        assert view["handoff"]["status"] == "claimed"
        assert view["shopper_online"] is True

        released = client.post(f"/console/api/handoffs/{hid}/release", headers=AGENT).json()
        assert released["status"] == "released"
        assert ws.receive_json() == {"type": "handoff", "state": "released", "reason": "requested", "agent": "Sam"}
        assert client.post(f"/console/api/handoffs/{hid}/release", headers=AGENT).status_code == 409
        assert client.get("/console/api/handoffs", headers=AGENT).json() == []

        _send(ws, type="message", client_msg_id="4", text="hello")
        assert [ws.receive_json()["type"] for _ in range(3)] == ["ack", "typing", "message"]

        with client.websocket_connect("/ws") as again:
            _send(again, type="hello", conversation_id=cid, resume_key=welcome["resume_key"])
            resumed = again.receive_json()
            assert resumed["handoff"] is None
            history = [(line["role"], line["text"]) for line in resumed["history"]]
            assert ("human", "Hi, Sam here. <b>Let me look.</b>") in history
        assert "shopclerk_human_replies_total 1" in client.get("/metrics").text


def test_welcome_carries_the_waiting_handoff_and_the_console_sees_typing(make_settings: MakeSettings) -> None:
    app = create_app(make_settings(console_token=TOKEN))
    with TestClient(app) as client, client.websocket_connect("/ws") as ws:
        _send(ws, type="message", client_msg_id="1", text="I want to talk to a human")
        welcome, *_ = [ws.receive_json() for _ in range(5)]  # welcome, ack, typing, message, handoff
        cid = welcome["conversation_id"]
        _send(ws, type="typing")
        _send(ws, type="hello")  # frames are handled in order: once this is answered, typing was noted
        assert ws.receive_json()["conversation_id"] != cid
        view = client.get(f"/console/api/conversations/{cid}", headers=AGENT).json()
        assert view["shopper_online"] is False  # the window moved to a new conversation
        assert view["shopper_typing"] is True
        assert [line["seq"] for line in view["lines"]] == [1, 2]
        _send(ws, type="hello", conversation_id=cid, resume_key=welcome["resume_key"], last_seq=2)
        resumed = ws.receive_json()
        assert resumed["history"] == []
        assert resumed["handoff"] == {"state": "waiting", "reason": "requested", "agent": None}
