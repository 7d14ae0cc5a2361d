"""The `shopclerk` CLI: help lists the working commands; version, prepare, chat; bad settings exit 2."""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from connectors.cli.main import app

runner = CliRunner()


def test_help_lists_the_working_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("serve", "chat", "version", "prepare", "store", "knowledge"):
        assert command in result.output


def test_version() -> None:
    result = runner.invoke(app, ["version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"shopclerk {version('shopclerk')}"


def test_prepare_is_incremental(monkeypatch: pytest.MonkeyPatch, fresh_data_dir: Callable[[str], Path]) -> None:
    data_dir = fresh_data_dir("d")
    monkeypatch.setenv("SHOPCLERK_DATA_DIR", str(data_dir))
    result = runner.invoke(app, ["prepare"])
    assert result.exit_code == 0, result.output
    assert "seeded" not in result.output
    assert "0 added, 0 updated, 0 removed" in result.output
    assert (data_dir / "store.sqlite").is_file()


def test_chat_answers_and_resumes(monkeypatch: pytest.MonkeyPatch, fresh_data_dir: Callable[[str], Path]) -> None:
    monkeypatch.setenv("SHOPCLERK_DATA_DIR", str(fresh_data_dir("d")))
    result = runner.invoke(app, ["chat", "--conversation", "terminal-1"], input="hello\nbye\n")
    assert result.exit_code == 0, result.output
    assert "assistant" in result.output
    assert "Thanks for chatting" in result.output
    resumed = runner.invoke(app, ["chat", "--conversation", "terminal-1"], input="/quit\n")
    assert "shopper: hello" in resumed.output


def test_bad_settings_exit_with_code_2_and_say_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOPCLERK_MAX_FRAME_BYTES", "12")
    result = runner.invoke(app, ["version"])
    assert result.exit_code == 2
    assert "SHOPCLERK_MAX_FRAME_BYTES" in result.output
