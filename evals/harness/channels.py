"""How the runner reaches the agent: a channel opens conversations; a session sends one message, gets one reply."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Protocol

from agent.conversation import Conversations


class ChannelError(RuntimeError):
    """The agent could not be reached or answered outside the protocol."""


@dataclass(frozen=True)
class BotReply:
    """The bot's answer to one message: text, structured parts, and (in-process only) the reply's intent."""

    text: str
    parts: list[dict[str, Any]] = field(default_factory=list)
    intent: str | None = None

    def part(self, kind: str) -> Any:
        return next((p.get("data") for p in self.parts if p.get("kind") == kind), None)

    @property
    def awaiting(self) -> str | None:
        data = self.part("awaiting")
        name = data.get("awaiting") if isinstance(data, dict) else None
        return name if isinstance(name, str) else None

    @property
    def action(self) -> dict[str, Any] | None:
        data = self.part("awaiting")
        action = data.get("action") if isinstance(data, dict) else None
        return action if isinstance(action, dict) else None

    @property
    def handoff(self) -> bool:
        return self.intent == "handoff" or self.part("handoff") is not None


class Session(Protocol):
    """One open conversation."""

    conversation_id: str

    def send(self, text: str) -> BotReply: ...

    def close(self) -> None: ...


class Channel(Protocol):
    """Opens fresh conversations, for an anonymous shopper or a signed-in customer."""

    name: str

    def open(self, customer_id: str | None) -> Session: ...


class InProcessSession:
    """A conversation run directly on the compiled graph (what the web channel does, minus the socket)."""

    def __init__(self, conversations: Conversations, conversation_id: str, customer_id: str | None) -> None:
        self._conversations = conversations
        self.conversation_id = conversation_id
        self._customer = customer_id

    def send(self, text: str) -> BotReply:
        reply, _ = self._conversations.send(self.conversation_id, text, self._customer)
        return BotReply(text=reply["text"], parts=[dict(p) for p in reply["parts"]], intent=reply["intent"])

    def close(self) -> None:
        return None


class InProcessChannel:
    """The default channel: the runtime's conversations in this process, a new conversation id each time."""

    name = "in-process"

    def __init__(self, conversations: Conversations) -> None:
        self._conversations = conversations

    def open(self, customer_id: str | None) -> InProcessSession:
        return InProcessSession(self._conversations, f"eval-{uuid.uuid4().hex}", customer_id)
