"""Understand node: intent, confidence and language of the latest shopper message."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.nodes.guard import last_shopper_text
from agent.state import ConversationState


def understand(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    result = runtime.context.understander.understand(last_shopper_text(state))
    return {"intent": result.intent, "confidence": result.confidence, "language": result.language}
