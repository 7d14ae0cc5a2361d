"""Conversation state: the serializable facts one conversation carries between turns, kept bounded."""

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
    """A structured piece of a reply: quick_replies, product_cards, comparison, awaiting, citations, handoff."""

    kind: str
    data: Any


class Reply(TypedDict):
    """What the bot says this turn: text plus structured parts. `silent` while a person has the conversation."""

    text: str
    parts: list[ReplyPart]
    intent: str


class Shown(TypedDict):
    """One thing the bot listed (an order, a product, a variant, an item), so 'the second one' resolves."""

    id: str
    label: str
    kind: str


class Task(TypedDict, total=False):
    """The after-sales request being carried out, with what has been collected so far."""

    intent: str
    order_number: str
    reason: str
    sku: str
    to_sku: str
    quantity: int
    address: dict[str, str]
    attempts: int


class Pending(TypedDict):
    """A write the bot proposed and awaits an explicit yes for; nothing else can run it."""

    id: str
    op: str
    customer_id: str
    order_number: str
    params: dict[str, Any]
    summary: str
    turn: int
    proposed_at: float


class Verification(TypedDict, total=False):
    """What an anonymous shopper gave to prove who they are."""

    email: str
    phone: str
    order_number: str
    postal_code: str
    failures: int


def append_bounded(left: list[ChatMessage] | None, right: list[ChatMessage] | None) -> list[ChatMessage]:
    """Reducer: append new messages, keep only the most recent `MAX_MESSAGES`."""
    merged = list(left or []) + list(right or [])
    return merged[-MAX_MESSAGES:]


class ConversationState(TypedDict, total=False):
    """The checkpointed state of one conversation (thread id = conversation id)."""

    messages: Annotated[list[ChatMessage], append_bounded]
    signed_customer: str | None
    customer_id: str | None
    language: str
    intent: str
    second_intent: str | None
    confidence: float
    understanding: dict[str, Any]
    blocked: str | None
    silent: bool
    task: Task | None
    pending: Pending | None
    verification: Verification
    awaiting: str | None
    shown: list[Shown]
    focus: Shown | None
    preferences: dict[str, Any]
    misunderstood: int
    offer: str | None  # what the last reply offered ("handoff"): a plain "yes" accepts it
    reply: Reply
    earlier: Reply | None
    turns: int
    line_seq: int | None  # the channel's number of the shopper line this turn is for (set when the turn starts)
    replied_to: int | None  # the `line_seq` the last reply answered (set when a turn ends with a reply)
