"""Shared fixtures: real pieces (settings, app, runtime) built on temporary directories."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from connectors.assemble import Runtime, open_runtime, prepare
from connectors.settings import Settings, load_settings


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's SHOPCLERK_* variables or .env file."""
    for name in list(os.environ):
        if name.startswith("SHOPCLERK_") or name == "OPENAI_API_KEY":
            monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def prepared_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory prepared once per session (demo store, embedding model, knowledge index)."""
    data_dir = tmp_path_factory.mktemp("prepared") / "data"
    prepare(load_settings(data_dir=data_dir, _env_file=None))
    return data_dir


@pytest.fixture
def fresh_data_dir(tmp_path: Path, prepared_data_dir: Path) -> Callable[[str], Path]:
    """Copies of the prepared data directory: each test gets its own store, index and conversations."""

    def copy(name: str = "data") -> Path:
        target = tmp_path / name
        shutil.copytree(prepared_data_dir, target)
        return target

    return copy


@pytest.fixture
def make_settings(fresh_data_dir: Callable[[str], Path]) -> Callable[..., Settings]:
    """Settings on a fresh copy of the prepared data, with overrides."""

    def make(**overrides: object) -> Settings:
        return load_settings(data_dir=fresh_data_dir("data"), **overrides)

    return make


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    """Offline settings on a fresh copy of the prepared data directory."""
    return make_settings()


@pytest.fixture
def runtime(settings: Settings) -> Iterator[Runtime]:
    """The assembled runtime (store, knowledge, checkpointed graph) on the temporary data directory."""
    with open_runtime(settings) as rt:
        yield rt
