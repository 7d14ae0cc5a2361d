"""Helpers every skill node shares: building replies, reading the turn's understanding, the conversation id."""

from __future__ import annotations

from typing import Any

from langgraph.config import get_config
from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.state import ConversationState, Pending, Reply, ReplyPart, Shown


def conversation_id() -> str:
    """The thread id of the run in progress (LangGraph's config, read from inside a node)."""
    thread = get_config().get("configurable", {}).get("thread_id")
    if not isinstance(thread, str):
        raise ValueError("a conversation run needs configurable.thread_id")
    return thread


def render(runtime: Runtime[AgentContext], state: ConversationState, key: str, **values: object) -> str:
    return runtime.context.replies.render(key, state.get("language", "en"), **values)


def reply(text: str, intent: str, *parts: ReplyPart) -> Reply:
    return {"text": text.strip(), "parts": list(parts), "intent": intent}


def awaiting(name: str, **extra: Any) -> ReplyPart:
    """What the bot waits for; the widget and the simulated shopper read it."""
    return {"kind": "awaiting", "data": {"awaiting": name, **extra}}


def quick_replies(*labels: str) -> ReplyPart:
    return {"kind": "quick_replies", "data": list(labels)}


def options(shown: list[Shown]) -> ReplyPart:
    return {"kind": "options", "data": [dict(item) for item in shown]}


def slots(state: ConversationState) -> dict[str, Any]:
    """The slots of this turn's understanding (JSON form)."""
    found: dict[str, Any] = state.get("understanding", {}).get("slots", {})
    return found


def last_text(state: ConversationState) -> str:
    for message in reversed(state.get("messages", [])):
        if message["role"] == "shopper":
            return message["text"]
    return ""


def turn_text(state: ConversationState) -> str:
    """The words of the latest message that ask for this turn's intent (its clause, when it asked for two)."""
    texts: dict[str, str] = state.get("understanding", {}).get("texts", {})
    return texts.get(state.get("intent", ""), "") or last_text(state)


def action_of(pending: Pending) -> dict[str, Any]:
    """The proposed action as the `awaiting: confirm` part shows it (no order number for account changes)."""
    order = {"order_number": pending["order_number"]} if pending["order_number"] else {}
    return {"op": pending["op"], **order, **pending["params"]}
