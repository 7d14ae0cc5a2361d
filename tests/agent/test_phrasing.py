"""LLM phrasing over the real wire (a local OpenAI-compatible server): rewords, keeps facts, falls back, counts."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from agent.conversation import Conversations
from agent.phrasing import LlmPhraser, keeps_facts
from agent.tokens import TokenCounter, prepare_tiktoken_cache
from connectors.assemble import Runtime


class ChatServer:
    """Answers /v1/chat/completions with scripted texts (or an HTTP error), recording each request."""

    def __init__(self) -> None:
        self.script: list[Any] = []
        self.requests: list[dict[str, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append(body)
                step = outer.script.pop(0) if outer.script else 500
                status = step if isinstance(step, int) else 200
                payload: dict[str, Any] = {"error": {"message": "boom"}}
                if status == 200:
                    message = {"role": "assistant", "content": step}
                    payload = {
                        "id": "c1",
                        "object": "chat.completion",
                        "created": 0,
                        "model": body["model"],
                        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                    }
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"


@pytest.fixture
def server() -> Iterator[ChatServer]:
    chat = ChatServer()
    yield chat
    chat.server.shutdown()
    chat.server.server_close()


@pytest.fixture(scope="module")
def counter(tmp_path_factory: pytest.TempPathFactory) -> TokenCounter:
    cache = prepare_tiktoken_cache(tmp_path_factory.mktemp("tiktoken"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TIKTOKEN_CACHE_DIR", str(cache))
        return TokenCounter()


def _phraser(server: ChatServer, counter: TokenCounter, budget: int = 700) -> LlmPhraser:
    return LlmPhraser(
        base_url=server.base_url, model="m", api_key=None, timeout_s=2, counter=counter, max_prompt_tokens=budget
    )


def test_offline_token_counts_match_the_known_encoding(counter: TokenCounter, tmp_path: Path) -> None:
    assert counter.count("hello world") == 2
    assert counter.count("") == 0
    assert counter.truncate("one two three four", 2) == "one two"
    assert len(list(prepare_tiktoken_cache(tmp_path).iterdir())) == 2


def test_rewording_over_the_wire(server: ChatServer, counter: TokenCounter) -> None:
    server.script = ["Good news: you have 30 days from delivery to send it back!"]
    draft = "You can request a return within 30 days of delivery."
    assert (
        _phraser(server, counter).phrase(draft, [], "en")
        == "Good news: you have 30 days from delivery to send it back!"
    )
    sent = server.requests[0]["messages"]
    assert sent[0]["role"] == "system"
    assert "Never add a policy" in sent[0]["content"]
    assert draft in sent[1]["content"]


def test_a_rewording_that_loses_a_fact_is_refused(server: ChatServer, counter: TokenCounter) -> None:
    server.script = ["You have a month to return it."]
    draft = "You can request a return within 30 days; shipping is $4.99."
    assert _phraser(server, counter).phrase(draft, [], "en") == draft
    assert keeps_facts(draft, "within 30 days, $4.99") and not keeps_facts(draft, "a month, $5")


def test_endpoint_errors_keep_the_template(server: ChatServer, counter: TokenCounter) -> None:
    server.script = [500]
    assert _phraser(server, counter).phrase("Hi there!", [], "en") == "Hi there!"


def test_prompt_stays_within_its_token_budget(server: ChatServer, counter: TokenCounter) -> None:
    server.script = ["ok 1"]
    phraser = _phraser(server, counter, budget=200)
    facts = [f"fact number {i}: " + "lorem ipsum " * 20 for i in range(50)]
    phraser.phrase("ok 1", facts, "en")
    assert phraser.last_prompt_tokens <= 200
    assert "fact number 0" in server.requests[0]["messages"][1]["content"]
    assert "fact number 49" not in server.requests[0]["messages"][1]["content"]


def test_after_sales_replies_are_never_reworded(rt: Runtime, server: ChatServer, counter: TokenCounter) -> None:
    graph = rt.conversations.graph
    context = dataclasses.replace(rt.conversations.context, phraser=_phraser(server, counter))
    chat = Conversations(graph, context)
    server.script = ["Hello! Lovely to see you. How can I help today?"]
    reply, _ = chat.send("p-1", "hello")
    assert reply["text"] == "Hello! Lovely to see you. How can I help today?"
    before = len(server.requests)
    reply, _ = chat.send("p-1", "I want to cancel my order")
    assert len(server.requests) == before
    assert "email" in reply["text"]
