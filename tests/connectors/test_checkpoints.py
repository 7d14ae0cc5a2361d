"""The pruning checkpointer: a conversation keeps its latest checkpoints only, and still resumes."""

from __future__ import annotations

import sqlite3

from connectors.assemble import Runtime


def test_old_checkpoints_are_pruned_and_the_conversation_continues(runtime: Runtime) -> None:
    for line in ("hi", "how much is shipping?", "thanks", "what's your return policy?", "bye"):
        runtime.conversations.send("prune-1", line)
    runtime.conversations.send("prune-2", "hello")
    with sqlite3.connect(runtime.settings.conversations_path) as conn:
        counts = dict(conn.execute("SELECT thread_id, COUNT(*) FROM checkpoints GROUP BY thread_id").fetchall())
        orphans = conn.execute(
            "SELECT COUNT(*) FROM writes WHERE checkpoint_id NOT IN (SELECT checkpoint_id FROM checkpoints)"
        ).fetchone()[0]
    assert counts["prune-1"] <= 2
    assert counts["prune-2"] == 1
    assert orphans == 0
    history = runtime.conversations.history("prune-1")
    assert [m["text"] for m in history if m["role"] == "shopper"][-1] == "bye"
    _, turn = runtime.conversations.send("prune-1", "hi again")
    assert turn == 6
