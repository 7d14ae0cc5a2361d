"""The LLM understander over the real wire path: a local /v1/chat/completions server, fallback on any failure."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from agent.nlu.context import DialogueContext, ShownOption
from agent.nlu.intent_model import IntentModel
from agent.nlu.llm import LlmUnderstander
from agent.nlu.offline import OfflineUnderstander


class FakeOpenAI:
    """A tiny OpenAI-compatible server on 127.0.0.1: answers each request from a script of behaviours."""

    def __init__(self) -> None:
        self.script: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append({"path": self.path, "body": body})
                step = outer.script.pop(0) if outer.script else {"status": 500}
                if "sleep" in step:
                    time.sleep(step["sleep"])
                status = step.get("status", 200)
                payload = outer.completion(body, step) if status == 200 else {"error": {"message": "boom"}}
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    @staticmethod
    def completion(body: dict[str, Any], step: dict[str, Any]) -> dict[str, Any]:
        tool = body["tools"][0]["function"]["name"]
        arguments = step.get("raw_arguments") or json.dumps(step["reading"])
        message = {
            "role": "assistant",
            "content": None,
            "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": tool, "arguments": arguments}}],
        }
        return {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 0,
            "model": body["model"],
            "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
        }


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI()
    fake.thread.start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture
def llm(server: FakeOpenAI, small_model: IntentModel, hash_embedder: object) -> LlmUnderstander:
    offline = OfflineUnderstander(small_model, hash_embedder)  # type: ignore[arg-type]
    return LlmUnderstander(offline, offline.intents, base_url=server.base_url, model="test-model", timeout_s=1.0)


def test_structured_reading_over_the_wire(llm: LlmUnderstander, server: FakeOpenAI) -> None:
    server.script.append(
        {
            "reading": {
                "intent": "order_status",
                "confidence": 0.93,
                "second_intent": "change_address",
                "language": "en",
                "dates": ["2025-06-05", "soon"],
            }
        }
    )
    result = llm.understand("where's PS-100234, and can I change the address?")
    assert (result.intent, result.second_intent, result.source) == ("order_status", "change_address", "llm")
    assert result.confidence == pytest.approx(0.93)
    assert result.slots.order_numbers == ["PS-100234"]  # identifiers come from the deterministic extractor
    assert [d.isoformat() for d in result.slots.dates] == ["2025-06-05"]
    request = server.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["body"]["model"] == "test-model"
    system = request["body"]["messages"][0]["content"]
    assert "order_status" in system and "cancel_order" in system


def test_context_reaches_the_prompt_and_choice_resolves(llm: LlmUnderstander, server: FakeOpenAI) -> None:
    options = (ShownOption(id="a", label="Salmon Kibble"), ShownOption(id="b", label="Duck Pate"))
    server.script.append({"reading": {"intent": "confirm", "confidence": 0.8, "choice_number": 2, "answer": "yes"}})
    result = llm.understand("yeah the pate thing", DialogueContext(options=options, expecting="choice"))
    assert result.slots.choice == options[1]
    assert result.slots.choice_index == 1
    assert result.slots.answer == "yes"
    assert "1. Salmon Kibble; 2. Duck Pate" in server.requests[0]["body"]["messages"][0]["content"]


def test_an_intent_we_do_not_have_is_out_of_scope(llm: LlmUnderstander, server: FakeOpenAI) -> None:
    server.script.append({"reading": {"intent": "book_flight", "confidence": 0.9, "second_intent": "book_flight"}})
    result = llm.understand("fly me to rome")
    assert result.intent == "out_of_scope"
    assert result.second_intent is None


@pytest.mark.parametrize(
    "step",
    [
        {"status": 500},
        {"status": 401},
        {"sleep": 1.6, "reading": {"intent": "greeting", "confidence": 1.0}},
        {"raw_arguments": "{not json"},
        {"reading": {"intent": "greeting", "confidence": 7}},
    ],
    ids=["server-error", "unauthorised", "timeout", "bad-json", "invalid-reading"],
)
def test_failures_fall_back_to_offline_and_are_logged(
    llm: LlmUnderstander, server: FakeOpenAI, step: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    server.script.append(step)
    with caplog.at_level(logging.WARNING, logger="agent.nlu.llm"):
        result = llm.understand("where is my order")
    assert result.source == "offline"
    assert result.intent == "order_status"
    assert "LLM understanding failed" in caplog.text


def test_unreachable_endpoint_falls_back(small_model: IntentModel, hash_embedder: object) -> None:
    offline = OfflineUnderstander(small_model, hash_embedder)  # type: ignore[arg-type]
    llm = LlmUnderstander(offline, offline.intents, base_url="http://127.0.0.1:9/v1", model="m", timeout_s=0.5)
    assert llm.understand("hello").source == "offline"
