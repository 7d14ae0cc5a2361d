"""Guard node: refuses messages the agent must not process (empty, oversized)."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.nlu.language import detect_language
from agent.nodes.common import conversation_id, last_text
from agent.state import ConversationState


def guard(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    if runtime.context.handoffs.active(conversation_id()) is not None:
        # A person has this conversation: the bot records the message and stays silent.
        return {"silent": True, "blocked": None}
    text = last_text(state)
    limit = runtime.context.max_message_chars
    if not text.strip():
        return {"silent": False, "blocked": "empty", "language": state.get("language", "en")}
    if len(text) > limit:
        return {"silent": False, "blocked": "too_long", "language": detect_language(text[:limit])}
    return {"silent": False, "blocked": None}


def silent(state: ConversationState) -> dict[str, Any]:
    return {"reply": {"text": "", "parts": [], "intent": "silent"}}


def blocked(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    reason = state.get("blocked") or "empty"
    text = runtime.context.replies.render(reason, state.get("language", "en"), limit=runtime.context.max_message_chars)
    return {"reply": {"text": text, "parts": [], "intent": f"blocked:{reason}"}}
