"""A scratch data directory for in-process runs, so the suite never replaces the shop's own store."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from connectors.assemble import prepare
from connectors.settings import Settings

# Built once at setup and expensive to rebuild; copied from the configured data directory when present.
REUSABLE = ("models", "chroma")


@contextmanager
def scratch_settings(settings: Settings) -> Iterator[Settings]:
    """Settings on a temporary data directory holding the demo shop, prepared (models and index reused)."""
    with tempfile.TemporaryDirectory(prefix="shopclerk-eval-") as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        for name in REUSABLE:
            source = settings.data_dir / name
            if source.is_dir():
                shutil.copytree(source, data_dir / name)
        scratch = settings.model_copy(update={"data_dir": data_dir, "seed_demo": True})
        prepare(scratch)
        yield scratch
