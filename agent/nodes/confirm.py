"""Confirmation: only an explicit yes to the pending action runs it, once, with its idempotency key."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.nodes.common import action_of, awaiting, conversation_id, render, reply
from agent.state import ConversationState
from agent.tools.writes import run_write
from connectors.orders.errors import OrderSystemError

_CLEARED: dict[str, Any] = {"pending": None, "task": None, "awaiting": None}


def execute(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    pending = state.get("pending")
    customer = state.get("customer_id") or state.get("signed_customer")
    if pending is None or pending["customer_id"] != customer:
        return {**_CLEARED, "reply": reply(render(runtime, state, "nothing_pending"), "confirm")}
    now = runtime.context.clock()
    if now - pending["proposed_at"] > runtime.context.confirm_ttl_seconds:
        renewed = {**pending, "proposed_at": now}
        text = render(runtime, state, "expired") + " " + pending["summary"]
        return {"pending": renewed, "reply": reply(text, "confirm", awaiting("confirm", action=action_of(pending)))}
    # The key names this conversation and this proposal: a re-run of this node (a crash before the
    # checkpoint, a replayed "yes") reaches the store with the same key and cannot write twice.
    key = f"{conversation_id()}:{pending['id']}"
    try:
        template, values = run_write(runtime.context.orders, pending, key)
    except OrderSystemError as exc:
        return {**_CLEARED, "reply": reply(render(runtime, state, "write_failed", why=exc.message), "write_failed")}
    return {**_CLEARED, "reply": reply(render(runtime, state, template, **values), pending["op"])}


def decline(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    return {**_CLEARED, "reply": reply(render(runtime, state, "declined"), "deny")}
