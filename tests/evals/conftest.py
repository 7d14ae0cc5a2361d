"""Eval fixtures: one assembled runtime on a copy of the prepared data, shared by the suite-level tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from connectors.assemble import Runtime, open_runtime
from connectors.settings import load_settings
from evals.harness.channels import InProcessChannel
from evals.harness.fixtures import Fixtures


@pytest.fixture(scope="session")
def eval_runtime(prepared_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    """The real agent on its own copy of the prepared data; every scenario resets the store itself."""
    data_dir = tmp_path_factory.mktemp("evals") / "data"
    shutil.copytree(prepared_data_dir, data_dir)
    with open_runtime(load_settings(data_dir=data_dir, _env_file=None)) as runtime:
        yield runtime


@pytest.fixture(scope="session")
def in_process(eval_runtime: Runtime) -> tuple[InProcessChannel, Fixtures]:
    return InProcessChannel(eval_runtime.conversations), Fixtures(eval_runtime.orders)
