"""What a run records: each exchange with its audited writes, the transcript, and the graded result."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Source = Literal["script", "answer", "llm"]
Ended = Literal["done", "turn_limit", "handoff", "error"]
Outcome = Literal["resolved", "handoff"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Write(Record):
    """One write attempt from the order system's audit log."""

    seq: int
    op: str
    actor: str
    params: dict[str, Any]
    outcome: str
    error_code: str | None = None


class Exchange(Record):
    """One shopper message and what the bot answered."""

    n: int = Field(ge=1)
    shopper: str
    source: Source
    answered: str | None = Field(default=None, description="The awaited name this message answered, if any.")
    answer_key: str | None = Field(default=None, description="The `knows` key used; None: said it doesn't know.")
    said: Literal["yes", "no"] | None = Field(default=None, description="The scripted answer to a confirmation.")
    bot_text: str = ""
    bot_intent: str | None = None
    parts: list[dict[str, Any]] = Field(default_factory=list)
    awaiting: str | None = None
    action: dict[str, Any] | None = None
    handoff: bool = False
    latency_ms: float = 0.0
    writes: list[Write] = Field(default_factory=list)


class Transcript(Record):
    """A whole played conversation."""

    conversation_id: str
    exchanges: list[Exchange] = Field(default_factory=list)
    ended: Ended = "done"
    error: str | None = None
    initial_hash: str = ""
    final_hash: str = ""
    seconds: float = 0.0

    @property
    def writes(self) -> list[Write]:
        return [w for e in self.exchanges for w in e.writes]

    @property
    def handed_off(self) -> bool:
        return any(e.handoff for e in self.exchanges)


class Failure(Record):
    """One reason a scenario failed, named by the grader that found it."""

    grader: Literal["outcome", "writes", "says", "never_says", "turns", "run"]
    why: str


class WrongAction(Record):
    """A write the shop did not want: unexpected, unconfirmed, or a change that bypassed the audit log."""

    kind: Literal["unexpected", "unconfirmed", "unaudited"]
    why: str
    write: Write | None = None


class ScenarioResult(Record):
    """One run of one scenario, graded."""

    id: str
    category: str
    area: str
    tags: list[str] = Field(default_factory=list)
    run: int = 0
    shopper: str = "scripted"
    expected: Outcome
    outcome: Outcome
    passed: bool
    failures: list[Failure] = Field(default_factory=list)
    wrong_actions: list[WrongAction] = Field(default_factory=list)
    unwanted_proposals: int = Field(default=0, description="Confirmations proposing what the shopper didn't ask.")
    transcript: Transcript

    @property
    def turns(self) -> int:
        return len(self.transcript.exchanges)

    def signature(self) -> list[tuple[str, str]]:
        """What the conversation said, for comparing runs (offline runs must be identical)."""
        return [(e.shopper, e.bot_text) for e in self.transcript.exchanges]
