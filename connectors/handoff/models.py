"""Hand-off records and the queue's typed errors."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Protocol

from pydantic import BaseModel, Field

HandoffStatus = Literal["waiting", "claimed", "released"]
HandoffReason = Literal["requested", "not_understood", "complaint", "outside_policy", "error"]


class HandoffSummary(BaseModel):
    """What a human needs to take over without re-asking: who, what, which order, what was tried."""

    who: str = Field(description="Customer id and name, or 'anonymous shopper'.")
    what: str = Field(description="What the shopper wants, in one sentence.")
    order_number: str | None = None
    tried: list[str] = Field(default_factory=list, description="What the bot already did or offered.")
    last_message: str = ""


class Handoff(BaseModel):
    """One conversation handed to a person."""

    id: int
    conversation_id: str
    reason: HandoffReason
    summary: HandoffSummary
    status: HandoffStatus
    agent: str | None = None
    created_at: datetime
    updated_at: datetime


class HandoffError(Exception):
    """Base of the queue's refusals; `code` is stable, the message is for people."""

    code = "handoff_error"


class HandoffNotFound(HandoffError):
    code = "handoff_not_found"


class HandoffStateError(HandoffError):
    """The hand-off is not in a state that allows the operation (e.g. releasing a released one)."""

    code = "handoff_state"


class HandoffQueue(Protocol):
    """What the agent and the agent console need from the queue."""

    def open(self, conversation_id: str, reason: HandoffReason, summary: HandoffSummary) -> Handoff:
        """Hand the conversation to a person; returns the already active hand-off if there is one."""
        ...

    def active(self, conversation_id: str) -> Handoff | None:
        """The waiting or claimed hand-off of this conversation, if any (the bot stays silent then)."""
        ...

    def pending(self) -> list[Handoff]:
        """Waiting and claimed hand-offs, oldest first."""
        ...

    def claim(self, handoff_id: int, agent: str) -> Handoff: ...

    def release(self, handoff_id: int) -> Handoff:
        """Give the conversation back to the bot."""
        ...
