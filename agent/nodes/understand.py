"""Understand node: intent, slots and language of the latest message, read against what the bot just asked."""

from __future__ import annotations

import re
from typing import Any

from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.nlu.context import DialogueContext, Expectation, ShownOption
from agent.nodes.common import last_text
from agent.state import ConversationState

# What the bot awaits -> what the NLU should expect.
_EXPECT: dict[str, Expectation] = {
    "confirm": "yes_no",
    "order_id": "order_number",
    "email": "email",
    "postal_code": "postal_code",
    "reason": "reason",
    "items": "choice",
    "variant": "choice",
    "product": "choice",
}
# What the bot awaits -> the slot that answers it: a message carrying it continues the task.
_FILLED_BY: dict[str, str] = {
    "email": "emails",
    "order_id": "order_numbers",
    "postal_code": "postal_codes",
    "reason": "reason",
    "items": "choice",
    "variant": "choice",
}
# "no, the other order", "I meant PS-100715": a correction of the request in progress, not a new one.
_CORRECTION = re.compile(r"\b(no|nope|not that|wrong|other|instead|actually|i meant|sorry)\b", re.IGNORECASE)
_COMPARE = re.compile(r"\b(compare|comparison|versus|vs\.?|difference between|which is better)\b", re.IGNORECASE)
# Answers that leave a proposed write standing; anything else withdraws it.
_KEEPS_PENDING = frozenset({"confirm", "deny", "unsure"})


def dialogue_context(state: ConversationState) -> DialogueContext:
    shown = tuple(ShownOption(id=s["id"], label=s["label"]) for s in state.get("shown", []))
    focus = state.get("focus")
    waiting = state.get("awaiting")
    task = state.get("task") or {}
    return DialogueContext(
        options=shown,
        focus=ShownOption(id=focus["id"], label=focus["label"]) if focus else None,
        expecting=_EXPECT.get(waiting) if waiting else None,
        pending_intent=task.get("intent"),
    )


def understand(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    result = runtime.context.understander.understand(last_text(state), dialogue_context(state))
    update: dict[str, Any] = {
        "intent": result.intent,
        "second_intent": result.second_intent,
        "confidence": result.confidence,
        "language": result.language,
        "understanding": {"slots": result.slots.model_dump(mode="json"), "source": result.source},
    }
    task = state.get("task") or {}
    waiting = state.get("awaiting")
    found = result.slots.model_dump()
    if waiting in _FILLED_BY and found.get(_FILLED_BY[waiting]) and task.get("intent") and result.intent != "confirm":
        # The shopper answered the bot's question ("ordered by mistake" when asked why): same request, more facts.
        update["intent"] = task["intent"]
    elif task.get("intent") and found.get("order_numbers") and _CORRECTION.search(last_text(state)):
        update["intent"] = task["intent"]
    elif _COMPARE.search(last_text(state)) and result.intent in ("choose_option", "product_question"):
        update["intent"] = "compare_products"
    pending = state.get("pending")
    if pending is not None:
        named = result.slots.order_numbers
        changed = bool(named) and named[0] != pending["order_number"]
        if result.intent not in _KEEPS_PENDING or changed:
            # A new topic or different parameters withdraw the proposal: a later "yes" confirms nothing.
            update["pending"] = None
            if changed and result.intent in _KEEPS_PENDING:
                update["intent"] = (state.get("task") or {}).get("intent", result.intent)
    return update
