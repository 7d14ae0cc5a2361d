"""Routing: pure functions from state to the name of the next node."""

from __future__ import annotations

from typing import Literal

from agent.state import ConversationState

AfterGuard = Literal["understand", "blocked", "silent"]
Skill = Literal[
    "smalltalk", "answer", "product_facts", "compare", "recommend", "after_sales", "execute", "decline", "handoff",
    "fallback",
]  # fmt: skip
AfterSkill = Literal["next_intent", "reply"]

AFTER_SALES = frozenset(
    {"order_status", "cancel_order", "return", "exchange", "refund_status", "change_address", "modify_order",
     "change_default_address"}
)  # fmt: skip
KNOWLEDGE = frozenset(
    {"delivery_info", "shop_policy", "payment_issue", "account", "invoice", "purchase_help", "feedback"}
)
ANSWERS = frozenset({"confirm", "deny", "unsure"})
SLOT_FILLERS = frozenset({"choose_option", "provide_info"})

# Explicit registry: intent -> skill node, for intents that do not depend on what is pending.
SKILL_BY_INTENT: dict[str, Skill] = {
    "greeting": "smalltalk",
    "thanks": "smalltalk",
    "goodbye": "smalltalk",
    "abandon": "smalltalk",
    "bot_identity": "smalltalk",
    "human_agent": "handoff",
    "complaint": "handoff",
    "product_question": "product_facts",
    "compare_products": "compare",
    "recommend": "recommend",
    "out_of_scope": "fallback",
    **{intent: "after_sales" for intent in AFTER_SALES},
    **{intent: "answer" for intent in KNOWLEDGE},
}


def after_guard(state: ConversationState) -> AfterGuard:
    """A conversation held by a person is silent; refused messages skip understanding."""
    if state.get("silent"):
        return "silent"
    return "blocked" if state.get("blocked") else "understand"


def choose_skill(state: ConversationState) -> Skill:
    """Pick the skill node for this turn's intent, given what the bot is waiting for."""
    intent = state.get("intent", "unknown")
    task = state.get("task") or {}
    if state.get("pending") is not None:
        if intent == "confirm":
            return "execute"
        if intent == "deny":
            return "decline"
        if intent == "unsure":
            return "after_sales"
    if intent in ANSWERS or intent in SLOT_FILLERS:
        if task.get("intent") in AFTER_SALES:
            return "after_sales"
        if task.get("intent") == "recommend":
            return "recommend"
        if intent == "choose_option":
            return "product_facts"
        return "smalltalk" if intent in ANSWERS else "fallback"
    if intent == "unknown" and task.get("intent") in AFTER_SALES and state.get("awaiting"):
        return "after_sales"
    if intent == "unknown" and task.get("intent") == "recommend":
        return "recommend"
    return SKILL_BY_INTENT.get(intent, "fallback")


def after_skill(state: ConversationState) -> AfterSkill:
    """A second request in the same message gets its own skill; while a write awaits a yes, only a question does
    (another order request would withdraw the proposal)."""
    second = state.get("second_intent")
    if (
        second
        and second != state.get("intent")
        and (not state.get("pending") or second not in AFTER_SALES)
        and state.get("reply", {}).get("intent") != "handoff"
    ):
        return "next_intent"
    return "reply"
