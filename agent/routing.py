"""Routing: pure functions from state to the name of the next node."""

from __future__ import annotations

from typing import Literal

from agent.state import ConversationState

AfterGuard = Literal["understand", "blocked"]
Skill = Literal["greet", "farewell", "fallback"]

# Explicit registry: intent -> skill node. Intents not listed fall back.
SKILL_BY_INTENT: dict[str, Skill] = {
    "greeting": "greet",
    "goodbye": "farewell",
}


def after_guard(state: ConversationState) -> AfterGuard:
    """Messages the guard refused skip understanding and get the guard's reply."""
    return "blocked" if state.get("blocked") else "understand"


def choose_skill(state: ConversationState) -> Skill:
    """Pick the skill node for the understood intent."""
    return SKILL_BY_INTENT.get(state.get("intent", "unknown"), "fallback")
