"""The SQLite connection the channel's small stores share across the server's threads."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def open_shared(path: Path, schema: str, *, rows: bool = False) -> sqlite3.Connection:
    """Open `path` in autocommit WAL mode and create `schema`; callers serialise use with their own lock.

    `synchronous=NORMAL` under WAL survives a crash of the process; only a power cut can lose the last commits.
    """
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    if rows:
        conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.executescript(schema)
    return conn
