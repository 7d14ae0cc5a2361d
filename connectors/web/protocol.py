"""The websocket protocol (version 1): client and server frames as pydantic models."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, TypeAdapter

PROTOCOL_VERSION = 1
CONVERSATION_ID = r"^[A-Za-z0-9_-]{8,64}$"


class _Frame(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Hello(_Frame):
    """Client opens (or resumes, with `conversation_id`) a conversation."""

    type: Literal["hello"]
    conversation_id: str | None = Field(default=None, pattern=CONVERSATION_ID)
    resume_key: str | None = Field(default=None, max_length=128, description="Proves an anonymous owner.")
    token: str | None = Field(default=None, max_length=2048, description="Identity signed by the shop.")
    last_seq: int = Field(default=0, ge=0, description="Last sequence number the client has seen.")


class ShopperMessage(_Frame):
    """Client sends what the shopper typed."""

    type: Literal["message"]
    client_msg_id: str = Field(min_length=1, max_length=64)
    text: str


class Action(_Frame):
    """Client sends a button press (quick reply, option, card button): run like a message whose text is the label."""

    type: Literal["action"]
    client_msg_id: str = Field(min_length=1, max_length=64)
    action_id: str | None = Field(default=None, max_length=128, description="What the button stood for, if any.")
    text: str

    def as_message(self) -> ShopperMessage:
        return ShopperMessage(type="message", client_msg_id=self.client_msg_id, text=self.text)


class Typing(_Frame):
    """Client says the shopper is (or stopped) typing; shown to a person who has the conversation."""

    type: Literal["typing"]
    active: bool = True


Rating = Annotated[StrictInt, Field(ge=1, le=5)] | Literal["up", "down"]


class Feedback(_Frame):
    """Client rates the conversation (1-5, no `seq`) or one reply (thumbs, with its `seq`)."""

    type: Literal["feedback"]
    rating: Rating
    seq: int | None = Field(default=None, ge=1, description="The rated line; none: the whole conversation.")


ClientFrame = Annotated[Hello | ShopperMessage | Action | Typing | Feedback, Field(discriminator="type")]
client_frame: TypeAdapter[Hello | ShopperMessage | Action | Typing | Feedback] = TypeAdapter(ClientFrame)

LineRole = Literal["shopper", "bot", "human"]
HandoffState = Literal["waiting", "claimed", "released"]


class HistoryLine(BaseModel):
    seq: int
    role: LineRole
    text: str
    parts: list[dict[str, Any]] = Field(default_factory=list)
    client_msg_id: str | None = Field(default=None, description="Set on shopper lines: the id the client sent.")


class HandoffInfo(BaseModel):
    """Where a hand-off to a person stands."""

    state: HandoffState
    reason: str | None = None
    agent: str | None = Field(default=None, description="The person who claimed it.")


class Welcome(BaseModel):
    """Server confirms the conversation and sends the lines after the client's `last_seq`."""

    type: Literal["welcome"] = "welcome"
    protocol: int = PROTOCOL_VERSION
    conversation_id: str
    resume_key: str | None = Field(default=None, description="Only for a new anonymous conversation: keep it.")
    customer_id: str | None = None
    history: list[HistoryLine]
    handoff: HandoffInfo | None = Field(default=None, description="The active hand-off, if a person has it.")


class Ack(BaseModel):
    """Server received the client's message (sent before the reply)."""

    type: Literal["ack"] = "ack"
    client_msg_id: str
    seq: int | None = Field(default=None, description="The shopper line's number; None for a duplicate.")
    duplicate: bool = False


class BotMessage(BaseModel):
    """A numbered line: a bot reply, a person's reply (`human`), or a shopper line typed in another window."""

    type: Literal["message"] = "message"
    seq: int
    role: LineRole = "bot"
    text: str
    parts: list[dict[str, Any]] = Field(default_factory=list)


class ServerTyping(BaseModel):
    """Someone is composing a reply (`active`), or stopped without one."""

    type: Literal["typing"] = "typing"
    role: Literal["bot", "human"] = "bot"
    active: bool = True


class HandoffFrame(BaseModel):
    """The conversation's hand-off changed state."""

    type: Literal["handoff"] = "handoff"
    state: HandoffState
    reason: str | None = None
    agent: str | None = None


class FeedbackAck(BaseModel):
    """Server stored the client's feedback."""

    type: Literal["feedback_ack"] = "feedback_ack"
    seq: int | None
    rating: int | str


ErrorCode = Literal["bad_json", "bad_frame", "frame_too_large", "bad_token", "forbidden", "rate_limited", "internal"]


class ErrorFrame(BaseModel):
    """Something the client sent could not be used; the connection stays open."""

    type: Literal["error"] = "error"
    code: ErrorCode
    text: str
