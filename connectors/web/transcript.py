"""The channel's transcript: every line of a conversation with its sequence number, owner and dedupe keys.

The graph's checkpoint keeps only recent turns; this is the full record the widget resumes from.
"""

from __future__ import annotations

import hashlib
import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from connectors.shared_db import open_shared

Role = Literal["shopper", "bot", "human"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS lines (
    conversation_id TEXT NOT NULL REFERENCES conversations(id),
    seq INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('shopper', 'bot', 'human')),
    text TEXT NOT NULL,
    parts TEXT NOT NULL DEFAULT '[]',
    client_msg_id TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);
CREATE UNIQUE INDEX IF NOT EXISTS one_line_per_client_msg
    ON lines (conversation_id, client_msg_id) WHERE client_msg_id IS NOT NULL;
"""


class Line(BaseModel):
    """One numbered line of a conversation."""

    seq: int
    role: Role
    text: str
    parts: list[dict[str, Any]]
    client_msg_id: str | None = None


def owner_for_key(resume_key: str) -> str:
    """The owner recorded for an anonymous conversation: a hash, never the key itself."""
    return "key:" + hashlib.sha256(resume_key.encode()).hexdigest()


def owner_for_customer(customer_id: str) -> str:
    return "customer:" + customer_id


class Transcript:
    """SQLite-backed transcripts; one lock serialises writers across the server's threads."""

    def __init__(self, path: Path) -> None:
        self._conn = open_shared(path, _SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._conn.close()

    def check(self) -> None:
        """Raise `sqlite3.Error` if the database cannot be read."""
        with self._lock:
            self._conn.execute("SELECT COUNT(*) FROM conversations").fetchone()

    def create(self, conversation_id: str, owner: str) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT INTO conversations (id, owner, created_at) VALUES (?, ?, ?)",
                (conversation_id, owner, datetime.now(UTC).isoformat()),
            )

    def owner(self, conversation_id: str) -> str | None:
        with self._lock:
            row = self._conn.execute("SELECT owner FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        return str(row[0]) if row else None

    def append(
        self,
        conversation_id: str,
        role: Role,
        text: str,
        parts: list[dict[str, Any]] | None = None,
        client_msg_id: str | None = None,
    ) -> Line | None:
        """Append a line and return it; None if `client_msg_id` was already recorded (a duplicate)."""
        with self._lock:
            if client_msg_id is not None:
                seen = self._conn.execute(
                    "SELECT 1 FROM lines WHERE conversation_id = ? AND client_msg_id = ?",
                    (conversation_id, client_msg_id),
                ).fetchone()
                if seen:
                    return None
            (last,) = self._conn.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM lines WHERE conversation_id = ?", (conversation_id,)
            ).fetchone()
            line = Line(seq=int(last) + 1, role=role, text=text, parts=parts or [], client_msg_id=client_msg_id)
            self._conn.execute(
                "INSERT INTO lines (conversation_id, seq, role, text, parts, client_msg_id, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    conversation_id,
                    line.seq,
                    role,
                    text,
                    json.dumps(line.parts),
                    client_msg_id,
                    datetime.now(UTC).isoformat(),
                ),
            )
            return line

    def since(self, conversation_id: str, after_seq: int = 0, limit: int = 200) -> list[Line]:
        """Lines with seq > `after_seq`, oldest first, at most the last `limit` of them."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT seq, role, text, parts, client_msg_id FROM lines WHERE conversation_id = ? AND seq > ?"
                " ORDER BY seq DESC LIMIT ?",
                (conversation_id, after_seq, limit),
            ).fetchall()
        return [_line(row) for row in reversed(rows)]

    def line(self, conversation_id: str, seq: int) -> Line | None:
        """One line by its number, or None."""
        with self._lock:
            row = self._conn.execute(
                "SELECT seq, role, text, parts, client_msg_id FROM lines WHERE conversation_id = ? AND seq = ?",
                (conversation_id, seq),
            ).fetchone()
        return _line(row) if row else None


def _line(row: tuple[Any, ...]) -> Line:
    return Line(seq=row[0], role=row[1], text=row[2], parts=json.loads(row[3]), client_msg_id=row[4])
