"""Guard node: refuses messages the agent must not process (empty, oversized)."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.nlu.language import detect_language
from agent.state import ConversationState


def last_shopper_text(state: ConversationState) -> str:
    """The text of the most recent shopper message ('' if none)."""
    for message in reversed(state.get("messages", [])):
        if message["role"] == "shopper":
            return message["text"]
    return ""


def guard(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    text = last_shopper_text(state)
    limit = runtime.context.max_message_chars
    if not text.strip():
        return {"blocked": "empty", "language": state.get("language", "en")}
    if len(text) > limit:
        return {"blocked": "too_long", "language": detect_language(text[:limit])}
    return {"blocked": None}


def blocked(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    reason = state.get("blocked") or "empty"
    text = runtime.context.replies.render(
        reason, state.get("language", "en"), limit=runtime.context.max_message_chars
    )
    return {"reply": {"text": text, "parts": [], "intent": f"blocked:{reason}"}}
