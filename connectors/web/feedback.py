"""Shopper feedback: CSAT for a whole conversation and thumbs on single replies, kept in the channel database."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel

from connectors.shared_db import open_shared

# seq 0 stands for the conversation as a whole, so one primary key covers both kinds and a
# shopper who changes their mind replaces their earlier rating instead of adding a second one.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    conversation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    rating TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);
"""


class FeedbackEntry(BaseModel):
    """One stored rating: `seq` None for the conversation, else the rated line."""

    conversation_id: str
    seq: int | None
    rating: str


class FeedbackStore:
    """SQLite-backed feedback; safe to share across threads."""

    def __init__(self, path: Path) -> None:
        self._conn = open_shared(path, _SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._conn.close()

    def record(self, conversation_id: str, seq: int | None, rating: int | str) -> FeedbackEntry:
        """Store (or replace) the rating of a conversation or of one of its lines."""
        entry = FeedbackEntry(conversation_id=conversation_id, seq=seq, rating=str(rating))
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO feedback (conversation_id, seq, rating, at) VALUES (?, ?, ?, ?)",
                (conversation_id, seq or 0, entry.rating, datetime.now(UTC).isoformat()),
            )
        return entry

    def of(self, conversation_id: str) -> list[FeedbackEntry]:
        """The conversation's ratings, the whole-conversation one first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT seq, rating FROM feedback WHERE conversation_id = ? ORDER BY seq", (conversation_id,)
            ).fetchall()
        return [FeedbackEntry(conversation_id=conversation_id, seq=row[0] or None, rating=row[1]) for row in rows]
