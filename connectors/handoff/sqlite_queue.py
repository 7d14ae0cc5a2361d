"""The hand-off queue in SQLite: at most one active hand-off per conversation, enforced by an index."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from connectors.handoff.models import (
    Handoff,
    HandoffNotFound,
    HandoffReason,
    HandoffStateError,
    HandoffSummary,
)
from connectors.shared_db import open_shared

_SCHEMA = """
CREATE TABLE IF NOT EXISTS handoffs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    summary TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('waiting', 'claimed', 'released')),
    agent TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS one_active_handoff
    ON handoffs (conversation_id) WHERE status != 'released';
"""


def _now() -> str:
    return datetime.now(UTC).isoformat()


class SqliteHandoffQueue:
    """Durable queue; safe to share across threads."""

    def __init__(self, path: Path) -> None:
        self._conn = open_shared(path, _SCHEMA, rows=True)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._conn.close()

    @staticmethod
    def _row(row: sqlite3.Row) -> Handoff:
        return Handoff(
            id=row["id"],
            conversation_id=row["conversation_id"],
            reason=row["reason"],
            summary=HandoffSummary.model_validate_json(row["summary"]),
            status=row["status"],
            agent=row["agent"],
            created_at=datetime.fromisoformat(row["created_at"]),
            updated_at=datetime.fromisoformat(row["updated_at"]),
        )

    def _get(self, handoff_id: int) -> Handoff:
        row = self._conn.execute("SELECT * FROM handoffs WHERE id = ?", (handoff_id,)).fetchone()
        if row is None:
            raise HandoffNotFound(f"no hand-off #{handoff_id}")
        return self._row(row)

    def active(self, conversation_id: str) -> Handoff | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT * FROM handoffs WHERE conversation_id = ? AND status != 'released'", (conversation_id,)
            ).fetchone()
        return self._row(row) if row else None

    def open(self, conversation_id: str, reason: HandoffReason, summary: HandoffSummary) -> Handoff:
        with self._lock:
            now = _now()
            try:
                cur = self._conn.execute(
                    "INSERT INTO handoffs (conversation_id, reason, summary, status, created_at, updated_at)"
                    " VALUES (?, ?, ?, 'waiting', ?, ?)",
                    (conversation_id, reason, summary.model_dump_json(), now, now),
                )
            except sqlite3.IntegrityError:
                row = self._conn.execute(
                    "SELECT * FROM handoffs WHERE conversation_id = ? AND status != 'released'", (conversation_id,)
                ).fetchone()
                return self._row(row)
            handoff_id = cur.lastrowid
            assert handoff_id is not None
            return self._get(handoff_id)

    def pending(self) -> list[Handoff]:
        with self._lock:
            rows = self._conn.execute("SELECT * FROM handoffs WHERE status != 'released' ORDER BY id").fetchall()
        return [self._row(row) for row in rows]

    def _move(self, handoff_id: int, allowed_from: tuple[str, ...], status: str, agent: str | None) -> Handoff:
        with self._lock:
            current = self._get(handoff_id)
            if current.status not in allowed_from:
                raise HandoffStateError(f"hand-off #{handoff_id} is {current.status}; it cannot become {status}")
            self._conn.execute(
                "UPDATE handoffs SET status = ?, agent = COALESCE(?, agent), updated_at = ? WHERE id = ?",
                (status, agent, _now(), handoff_id),
            )
            return self._get(handoff_id)

    def claim(self, handoff_id: int, agent: str) -> Handoff:
        if not agent.strip():
            raise HandoffStateError("an agent name is needed to claim a hand-off")
        return self._move(handoff_id, ("waiting", "claimed"), "claimed", agent.strip())

    def release(self, handoff_id: int) -> Handoff:
        return self._move(handoff_id, ("waiting", "claimed"), "released", None)
