"""`--via`: the same scenarios through a real `shopclerk serve` websocket give the same conversations and grades."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from connectors.cli.main import app
from connectors.orders.sqlite_store import SqliteOrderSystem
from connectors.web.process import serve_process
from evals.harness.channels import InProcessChannel
from evals.harness.fixtures import Fixtures
from evals.harness.loading import load_scenarios
from evals.harness.suite import run_suite
from evals.harness.ws_channel import WebsocketChannel

SECRET = "eval-suite-identity-secret"
IDS = (
    "cancel-processing-found-cheaper",  # signed in, a confirmed write
    "status-anonymous-verified-by-order",  # anonymous, verified
    "handoff-explicit-human",  # hand-off
    "rules-other-customers-order-cancel",  # a failing scenario fails the same way
)


@pytest.fixture(scope="module")
def server(prepared_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A real server on its own data directory: (ws URL, data directory)."""
    data_dir = tmp_path_factory.mktemp("via") / "data"
    shutil.copytree(prepared_data_dir, data_dir)
    settings = {"identity_secret": SECRET, "ip_rate_limit_per_minute": "10000"}
    with serve_process(data_dir, settings=settings, inherit_settings=False, timeout=60) as process:
        yield process.url, data_dir


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
