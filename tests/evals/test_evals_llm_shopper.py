"""The LLM shopper against a real local HTTP server speaking the OpenAI /v1/chat/completions protocol."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from connectors.cli.main import app
from evals.harness.channels import BotReply, InProcessChannel
from evals.harness.fixtures import Fixtures
from evals.harness.llm_shopper import DONE, Endpoint, LlmShopper, ShopperError
from evals.harness.loading import load_scenarios
from evals.harness.scenario import Scenario
from evals.harness.suite import run_suite

Policy = Callable[[list[dict[str, str]]], str]


def shopper_policy(messages: list[dict[str, str]]) -> str:
    """A stand-in model: opens with the goal's order, gives the email when asked, then says it is done."""
    system, last = messages[0]["content"], messages[-1]["content"]
    order = re.search(r": (PS-\d{6})$", system, re.MULTILINE)
    if last.startswith("(The shop's chat window is open"):
        return f'"hey, where is my order {order.group(1) if order else ""}?"'
    email = re.search(r"email address: (\S+)", system)
    if "email" in last.lower() and email:
        return email.group(1)
    return DONE


class Stub:
    """A chat-completions server on 127.0.0.1 that records what it was sent."""

    def __init__(self, policy: Policy, status: int = 200) -> None:
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                stub.requests.append({"path": self.path, **body})
                stub.headers.append(dict(self.headers))
                if status != 200:
                    payload: dict[str, Any] = {"error": {"message": "boom", "type": "server_error"}}
                else:
                    payload = {
                        "id": "cmpl-1", "object": "chat.completion", "created": 0, "model": body["model"],
                        "choices": [{"index": 0, "finish_reason": "stop",
                                     "message": {"role": "assistant", "content": policy(body["messages"])}}],
                    }  # fmt: skip
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Stub:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stub() -> Iterator[Stub]:
    with Stub(shopper_policy) as server:
        yield server


def _scenario() -> Scenario:
    return Scenario.model_validate(
        {
            "id": "llm-shopper",
            "category": "after_sales.status",
            "shopper": {"knows": {"email": "wes.kim@example.com", "order_id": "PS-100535"}, "goal": "Track PS-100535."},
            "turns": ["where is my order?"],
            "expect": {"outcome": "resolved"},
        }
    )


def test_plays_the_goal_answers_from_facts_and_stops(stub: Stub) -> None:
    shopper = LlmShopper(_scenario(), Endpoint(base_url=stub.url, model="shopper-1", api_key="sk-test"))
    first = shopper.next(None)
    assert first is not None and first.text == "hey, where is my order PS-100535?" and first.source == "llm"
    asked = BotReply(
        text="What's the email on your account?", parts=[{"kind": "awaiting", "data": {"awaiting": "email"}}]
    )
    second = shopper.next(asked)
    assert second is not None and second.text == "wes.kim@example.com" and second.answered == "email"
    assert shopper.next(BotReply(text="It's on its way.")) is None
    request = stub.requests[-1]
    assert request["path"] == "/v1/chat/completions" and request["model"] == "shopper-1"
    roles = [m["role"] for m in request["messages"]]
    assert roles == ["system", "user", "assistant", "user", "assistant", "user"]
    assert "Track PS-100535." in request["messages"][0]["content"]
    assert {k.lower(): v for k, v in stub.headers[-1].items()}["authorization"] == "Bearer sk-test"


def test_endpoint_errors_are_typed() -> None:
    with Stub(shopper_policy, status=500) as broken:
        shopper = LlmShopper(_scenario(), Endpoint(base_url=broken.url, model="m", timeout_s=5))
        with pytest.raises(ShopperError, match="shopper LLM call failed"):
            shopper.next(None)


def test_a_suite_run_with_the_llm_shopper(stub: Stub, in_process: tuple[InProcessChannel, Fixtures]) -> None:
    channel, fixtures = in_process
    scenarios = [
        s for s in load_scenarios() if s.id in ("status-anonymous-verified-by-order", "status-tracking-number")
    ]
    endpoint = Endpoint(base_url=stub.url, model="m")
    result = run_suite(scenarios, channel, fixtures, shopper=lambda s: LlmShopper(s, endpoint), shopper_name="llm", k=1)
    by_id = {r.id: r for r in result.results}
    anonymous = by_id["status-anonymous-verified-by-order"].transcript
    assert anonymous.exchanges[0].source == "llm" and "PS-100535" in anonymous.exchanges[0].shopper
    assert result.shopper == "llm" and all(r.transcript.ended == "done" for r in result.results)
    assert by_id["status-tracking-number"].passed, by_id["status-tracking-number"].failures


def test_cli_plays_goals_with_the_llm_shopper(stub: Stub, fresh_data_dir: Callable[[str], Path]) -> None:
    scenario = next(s for s in load_scenarios() if s.id == "status-tracking-number")
    args = ["eval", "run", str(scenario.source), "--shopper", "llm", "--shopper-base-url", stub.url]
    result = CliRunner().invoke(
        app, [*args, "--shopper-model", "stub-1"], env={"SHOPCLERK_DATA_DIR": str(fresh_data_dir("data"))}
    )
    assert result.exit_code == 0, result.output
    assert "auto-resolution: 100.0% (1/1" in result.output
    assert stub.requests and all(r["model"] == "stub-1" for r in stub.requests)
