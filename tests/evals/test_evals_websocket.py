"""`--via`: the same scenarios through a real `shopclerk serve` websocket give the same conversations and grades."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from connectors.cli.main import app
from connectors.orders.sqlite_store import SqliteOrderSystem
from evals.harness.channels import InProcessChannel
from evals.harness.fixtures import Fixtures
from evals.harness.loading import load_scenarios
from evals.harness.suite import run_suite
from evals.harness.ws_channel import WebsocketChannel

SHOPCLERK = str(Path(sys.executable).with_name("shopclerk"))
SECRET = "eval-suite-identity-secret"
IDS = (
    "cancel-processing-found-cheaper",  # signed in, a confirmed write
    "status-anonymous-verified-by-order",  # anonymous, verified
    "handoff-explicit-human",  # hand-off
    "rules-other-customers-order-cancel",  # a failing scenario fails the same way
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(prepared_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A real server on its own data directory: (ws URL, data directory)."""
    data_dir = tmp_path_factory.mktemp("via") / "data"
    shutil.copytree(prepared_data_dir, data_dir)
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SHOPCLERK_")},
        "SHOPCLERK_DATA_DIR": str(data_dir),
        "SHOPCLERK_IDENTITY_SECRET": SECRET,
        "SHOPCLERK_IP_RATE_LIMIT_PER_MINUTE": "10000",
    }
    proc = subprocess.Popen(
        [SHOPCLERK, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    output = proc.stdout.read().decode() if proc.stdout else ""
                    raise AssertionError(f"server did not start:\n{output}") from None
                time.sleep(0.2)
        yield f"ws://127.0.0.1:{port}/ws", data_dir
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_websocket_runs_match_in_process_runs(
    server: tuple[str, Path], in_process: tuple[InProcessChannel, Fixtures]
) -> None:
    url, data_dir = server
    scenarios = [s for s in load_scenarios() if s.id in IDS]
    assert len(scenarios) == len(IDS)
    store = SqliteOrderSystem(data_dir / "store.sqlite")
    try:
        via = run_suite(scenarios, WebsocketChannel(url, SECRET), Fixtures(store))
    finally:
        store.close()
    local = run_suite(scenarios, *in_process)
    assert via.channel == "websocket"
    for remote, here in zip(via.results, local.results, strict=True):
        assert remote.transcript.ended != "error", remote.transcript.error
        assert remote.signature() == here.signature(), remote.id
        assert (remote.passed, remote.outcome) == (here.passed, here.outcome), remote.id
    by_id = {r.id: r for r in via.results}
    writes = [w for e in by_id["cancel-processing-found-cheaper"].transcript.exchanges for w in e.writes]
    assert [(w.op, w.outcome) for w in writes] == [("cancel_order", "applied")]
    assert by_id["handoff-explicit-human"].outcome == "handoff"


def test_cli_via_refuses_a_server_on_another_data_directory(
    server: tuple[str, Path], fresh_data_dir: Callable[[str], Path]
) -> None:
    url, data_dir = server
    elsewhere = fresh_data_dir("elsewhere")
    env = {"SHOPCLERK_DATA_DIR": str(elsewhere), "SHOPCLERK_IDENTITY_SECRET": SECRET}
    scenario = str(load_scenarios()[0].source)
    result = CliRunner().invoke(app, ["eval", "run", "--via", url, "--yes", scenario], env=env)
    assert result.exit_code == 2, result.output
    assert "does not use SHOPCLERK_DATA_DIR" in result.output
    env["SHOPCLERK_DATA_DIR"] = str(data_dir)
    result = CliRunner().invoke(app, ["eval", "run", "--via", url, "--yes", scenario], env=env)
    assert result.exit_code == 0, result.output
    assert "(websocket)" in result.output
