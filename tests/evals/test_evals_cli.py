"""`shopclerk eval run` end to end: in-process on a scratch copy, reports, gate exit code, usage errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from connectors.cli.main import app
from evals.harness.loading import SCENARIOS_DIR
from evals.harness.workspace import REUSABLE

PASSING = SCENARIOS_DIR / "after_sales" / "cancel-pending-by-mistake.yaml"
# A scenario no agent can pass (it expects words the bot never says): the suite's own scenarios get fixed.
FAILING_YAML = """id: never-said
category: smalltalk.greeting
locale: en
shopper: {knows: {}, goal: "You say hello."}
turns: ["hello"]
expect: {outcome: resolved, writes: [], says: ["words the bot never says"], max_turns: 2}
"""


def _failing(folder: Path) -> Path:
    path = folder / "never-said.yaml"
    path.write_text(FAILING_YAML, encoding="utf-8")
    return path


def _invoke(data_dir: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["eval", *args], env={"SHOPCLERK_DATA_DIR": str(data_dir)})
    return result.exit_code, result.output


def test_run_plays_scenarios_writes_reports_and_leaves_the_store_alone(
    fresh_data_dir: Callable[[str], Path], tmp_path: Path
) -> None:
    data_dir = fresh_data_dir("data")
    store = (data_dir / "store.sqlite").read_bytes()
    failing = str(_failing(tmp_path))
    code, output = _invoke(data_dir, "run", str(PASSING), failing, "--report", str(tmp_path / "r"), "-k", "2")
    assert code == 0, output
    assert "2 scenarios x k=2" in output and "auto-resolution: 50.0% (2/4" in output
    assert "FAIL never-said (run 0)" in output
    assert "gate: wrong actions 0 <= 0: ok" in output
    summary = json.loads((tmp_path / "r" / "summary.json").read_text())
    assert summary["metrics"]["k"] == 2 and summary["metrics"]["identical_across_k"] is True
    assert (tmp_path / "r" / "scenarios" / "cancel-pending-by-mistake.run1.json").is_file()
    assert "<svg" in (tmp_path / "r" / "report.html").read_text()
    assert (data_dir / "store.sqlite").read_bytes() == store, "in-process runs use a scratch copy"
    assert all((data_dir / name).is_dir() for name in REUSABLE)


def test_gate_flag_turns_a_run_below_the_gate_into_exit_1(
    fresh_data_dir: Callable[[str], Path], tmp_path: Path
) -> None:
    code, output = _invoke(fresh_data_dir("data"), "run", str(_failing(tmp_path)), "--gate")
    assert code == 1, output
    assert "auto-resolution 0.000" in output and "FAILED" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--shopper", "parrot", str(PASSING)], "--shopper must be scripted or llm"),
        (["run", "--shopper", "llm", str(PASSING)], "--shopper llm needs"),
        (["run", "no/such/dir"], "no such file or folder"),
        (["run", "--via", "http://x", "--yes", str(PASSING)], "ws:// or wss://"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    code, output = _invoke(tmp_path / "data", *args)
    assert code == 2, output
    assert message in output


def test_eval_group_keeps_nlu_and_retrieval(tmp_path: Path) -> None:
    code, output = _invoke(tmp_path, "--help")
    assert code == 0
    assert "nlu" in output and "retrieval" in output and "run" in output
