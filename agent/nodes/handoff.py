"""Hand-off skill: give the conversation to a person with a summary; the bot is silent until it is released."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.nodes.common import conversation_id, last_text, render, reply
from agent.state import ConversationState
from connectors.handoff.models import HandoffReason, HandoffSummary

_REASONS: dict[str, HandoffReason] = {"human_agent": "requested", "complaint": "complaint"}


def open_handoff(
    state: ConversationState, runtime: Runtime[AgentContext], reason: HandoffReason, what: str
) -> dict[str, Any]:
    """Create the hand-off (once per conversation) and say so; usable from any skill."""
    task = state.get("task") or {}
    customer = state.get("customer_id") or state.get("signed_customer")
    tried = [m["text"] for m in state.get("messages", []) if m["role"] == "bot"][-3:]
    summary = HandoffSummary(
        who=f"customer {customer}" if customer else "anonymous shopper (not verified)",
        what=what,
        order_number=task.get("order_number"),
        tried=tried,
        last_message=last_text(state),
    )
    runtime.context.handoffs.open(conversation_id(), reason, summary)
    part = {"kind": "handoff", "data": {"state": "waiting", "reason": reason}}
    return {
        "reply": reply(render(runtime, state, "handoff"), "handoff", part),  # type: ignore[arg-type]
        "task": None,
        "pending": None,
        "awaiting": None,
    }


def handoff(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    intent = state.get("intent", "human_agent")
    task = state.get("task") or {}
    what = (
        f"complaint: {last_text(state)}"
        if intent == "complaint"
        else f"asked for a person ({intent.replace('_', ' ')})"
    )
    if task.get("intent"):
        what += f" while working on {task['intent'].replace('_', ' ')}"
        if task.get("order_number"):
            what += f" for order {task['order_number']}"
    return open_handoff(state, runtime, _REASONS.get(intent, "requested"), what)
