"""The SQLite hand-off queue: one active hand-off per conversation, state rules, durability."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.handoff.models import HandoffNotFound, HandoffStateError, HandoffSummary
from connectors.handoff.sqlite_queue import SqliteHandoffQueue

SUMMARY = HandoffSummary(who="C-0001 Ana", what="wants a refund outside policy", order_number="PS-100001")


def test_open_claim_release_cycle(tmp_path: Path) -> None:
    queue = SqliteHandoffQueue(tmp_path / "h.sqlite")
    assert queue.active("conv-1") is None
    handoff = queue.open("conv-1", "outside_policy", SUMMARY)
    assert handoff.status == "waiting"
    assert queue.active("conv-1") == handoff
    claimed = queue.claim(handoff.id, "maria")
    assert (claimed.status, claimed.agent) == ("claimed", "maria")
    released = queue.release(handoff.id)
    assert released.status == "released"
    assert released.agent == "maria"
    assert queue.active("conv-1") is None
    assert queue.pending() == []


def test_one_active_handoff_per_conversation(tmp_path: Path) -> None:
    queue = SqliteHandoffQueue(tmp_path / "h.sqlite")
    first = queue.open("conv-1", "requested", SUMMARY)
    again = queue.open("conv-1", "complaint", SUMMARY)
    assert again.id == first.id
    assert again.reason == "requested"
    other = queue.open("conv-2", "complaint", SUMMARY)
    assert [h.id for h in queue.pending()] == [first.id, other.id]
    queue.release(first.id)
    reopened = queue.open("conv-1", "complaint", SUMMARY)
    assert reopened.id not in (first.id, other.id)


def test_state_rules_and_unknown_ids(tmp_path: Path) -> None:
    queue = SqliteHandoffQueue(tmp_path / "h.sqlite")
    handoff = queue.open("conv-1", "requested", SUMMARY)
    queue.release(handoff.id)
    with pytest.raises(HandoffStateError, match="is released"):
        queue.release(handoff.id)
    with pytest.raises(HandoffStateError, match="is released"):
        queue.claim(handoff.id, "maria")
    with pytest.raises(HandoffNotFound):
        queue.claim(999, "maria")
    other = queue.open("conv-2", "requested", SUMMARY)
    with pytest.raises(HandoffStateError, match="agent name"):
        queue.claim(other.id, "  ")


def test_queue_survives_reopening(tmp_path: Path) -> None:
    queue = SqliteHandoffQueue(tmp_path / "h.sqlite")
    handoff = queue.open("conv-1", "not_understood", SUMMARY)
    queue.close()
    reopened = SqliteHandoffQueue(tmp_path / "h.sqlite")
    active = reopened.active("conv-1")
    assert active is not None
    assert active.summary == SUMMARY
    assert active.id == handoff.id
