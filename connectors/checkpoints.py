"""The SQLite checkpointer, pruned: each conversation keeps only its latest checkpoints.

LangGraph's SqliteSaver keeps every checkpoint forever (and has no working prune): a busy shop's file would
grow by one state snapshot per turn, for ever. Nothing in shopclerk reads old checkpoints (the channel keeps
the transcript), so each thread keeps the newest `keep` and the pending writes that belong to them.
"""

from __future__ import annotations

import sqlite3

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import ChannelVersions, Checkpoint, CheckpointMetadata
from langgraph.checkpoint.sqlite import SqliteSaver


class PruningSqliteSaver(SqliteSaver):
    """A SqliteSaver that deletes a thread's older checkpoints after saving a new one."""

    def __init__(self, conn: sqlite3.Connection, keep: int = 2) -> None:
        super().__init__(conn)
        if keep < 1:
            raise ValueError("keep at least one checkpoint per conversation")
        self.keep = keep

    def put(
        self,
        config: RunnableConfig,
        checkpoint: Checkpoint,
        metadata: CheckpointMetadata,
        new_versions: ChannelVersions,
    ) -> RunnableConfig:
        saved = super().put(config, checkpoint, metadata, new_versions)
        thread_id = str(config["configurable"]["thread_id"])
        namespace = config["configurable"].get("checkpoint_ns", "")
        with self.cursor() as cur:
            # Checkpoint ids are time-ordered (uuid6), so the newest sort last.
            cur.execute(
                "DELETE FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id NOT IN "
                "(SELECT checkpoint_id FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? "
                "ORDER BY checkpoint_id DESC LIMIT ?)",
                (thread_id, namespace, thread_id, namespace, self.keep),
            )
            cur.execute(
                "DELETE FROM writes WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id NOT IN "
                "(SELECT checkpoint_id FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ?)",
                (thread_id, namespace, thread_id, namespace),
            )
        return saved
