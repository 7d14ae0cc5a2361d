"""The websocket protocol (version 1): client and server frames as pydantic models."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

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


ClientFrame = Annotated[Hello | ShopperMessage, Field(discriminator="type")]
client_frame: TypeAdapter[Hello | ShopperMessage] = TypeAdapter(ClientFrame)


class HistoryLine(BaseModel):
    seq: int
    role: Literal["shopper", "bot", "human"]
    text: str
    parts: list[dict[str, Any]] = Field(default_factory=list)


class Welcome(BaseModel):
    """Server confirms the conversation and sends the lines after the client's `last_seq`."""

    type: Literal["welcome"] = "welcome"
    protocol: int = PROTOCOL_VERSION
    conversation_id: str
    resume_key: str | None = Field(default=None, description="Only for a new anonymous conversation: keep it.")
    customer_id: str | None = None
    history: list[HistoryLine]


class Ack(BaseModel):
    """Server received the client's message (sent before the reply)."""

    type: Literal["ack"] = "ack"
    client_msg_id: str
    seq: int | None = Field(default=None, description="The shopper line's number; None for a duplicate.")
    duplicate: bool = False


class BotMessage(BaseModel):
    """A bot reply: text plus structured parts, numbered per conversation."""

    type: Literal["message"] = "message"
    seq: int
    role: Literal["bot"] = "bot"
    text: str
    parts: list[dict[str, Any]] = Field(default_factory=list)


ErrorCode = Literal["bad_json", "bad_frame", "frame_too_large", "bad_token", "forbidden", "rate_limited", "internal"]


class ErrorFrame(BaseModel):
    """Something the client sent could not be used; the connection stays open."""

    type: Literal["error"] = "error"
    code: ErrorCode
    text: str
