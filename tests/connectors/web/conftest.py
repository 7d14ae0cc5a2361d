"""Web channel fixtures: a real `shopclerk serve` under uvicorn on a free port."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from connectors.web.process import serve_process

Serve = Callable[..., AbstractContextManager[int]]


@contextmanager
def _server(data_dir: Path, port: int | None = None, **settings: str) -> Iterator[int]:
    """Run the server on `data_dir` (on `port`, or a free one; extra settings as keyword arguments)."""
    with serve_process(data_dir, port=port, settings=settings, timeout=60) as server:
        yield server.port


@pytest.fixture
def serve() -> Serve:
    """`with serve(data_dir, console_token=...) as port:` runs a real server for the block.

    Reusing a port right after a server stopped works: uvicorn binds with SO_REUSEADDR.
    """
    return _server
