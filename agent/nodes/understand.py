"""Understand node: intent, slots and language of the latest message, read against what the bot just asked."""

from __future__ import annotations

import re
from typing import Any

from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.nlu.context import DialogueContext, Expectation, ShownOption
from agent.nodes.common import last_text
from agent.nodes.reading import read
from agent.state import ConversationState

# What the bot awaits -> what the NLU should expect.
_EXPECT: dict[str, Expectation] = {
    "confirm": "yes_no",
    "order_id": "order_number",
    "email": "email",
    "phone": "phone",
    "postal_code": "postal_code",
    "reason": "reason",
    "items": "choice",
    "variant": "choice",
    "product": "choice",
}
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
    text = last_text(state)
    result = runtime.context.understander.understand(text, dialogue_context(state))
    reading = read(state, result, text, runtime.context)
    update: dict[str, Any] = {
        "intent": reading.intent,
        "second_intent": reading.second,
        "confidence": result.confidence,
        "language": result.language,
        "understanding": reading.understanding(),
        "offer": None,
    }
    if reading.drop:
        update.update(task=None, pending=None, awaiting=None)
    elif _COMPARE.search(text) and reading.intent in ("choose_option", "product_question"):
        update["intent"] = "compare_products"
    pending = None if reading.drop else state.get("pending")
    if pending is not None:
        named = reading.result.slots.order_numbers
        changed = bool(named) and named[0] != pending["order_number"]
        if update["intent"] not in _KEEPS_PENDING or changed:
            # A new topic or different parameters withdraw the proposal: a later "yes" confirms nothing.
            update["pending"] = None
            if changed and update["intent"] in _KEEPS_PENDING:
                update["intent"] = (state.get("task") or {}).get("intent", update["intent"])
    return update
