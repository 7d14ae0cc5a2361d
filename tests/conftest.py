"""Shared fixtures: real pieces (settings, app, runtime) built on temporary directories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from connectors.assemble import Runtime, open_runtime
from connectors.settings import Settings, load_settings


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's SHOPCLERK_* variables or .env file."""
    import os

    for name in list(os.environ):
        if name.startswith("SHOPCLERK_") or name == "OPENAI_API_KEY":
            monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Offline settings whose data directory is a fresh temporary directory."""
    return load_settings(data_dir=tmp_path / "data")


@pytest.fixture
def runtime(settings: Settings) -> Iterator[Runtime]:
    """The assembled runtime (checkpointed graph) on the temporary data directory."""
    with open_runtime(settings) as rt:
        yield rt
