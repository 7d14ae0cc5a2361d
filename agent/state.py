"""Conversation state: the serializable facts one conversation carries between turns."""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypedDict

# Every step checkpoints the whole state: an unbounded transcript grows the checkpoint file
# quadratically (measured: 2,000 turns -> 5 GB). The channel keeps the full transcript elsewhere.
MAX_MESSAGES = 40

Role = Literal["shopper", "bot", "human"]


class ChatMessage(TypedDict):
    """One line of the conversation as the graph sees it."""

    role: Role
    text: str


class ReplyPart(TypedDict, total=False):
    """A structured piece of a reply (quick replies now; cards and tables later)."""

    kind: str
    data: Any


class Reply(TypedDict):
    """What the bot says this turn: text plus structured parts."""

    text: str
    parts: list[ReplyPart]
    intent: str


def append_bounded(left: list[ChatMessage] | None, right: list[ChatMessage] | None) -> list[ChatMessage]:
    """Reducer: append new messages, keep only the most recent `MAX_MESSAGES`."""
    merged = list(left or []) + list(right or [])
    return merged[-MAX_MESSAGES:]


class ConversationState(TypedDict, total=False):
    """The checkpointed state of one conversation (thread id = conversation id)."""

    messages: Annotated[list[ChatMessage], append_bounded]
    language: str
    intent: str
    confidence: float
    blocked: str | None
    reply: Reply
    turns: int
