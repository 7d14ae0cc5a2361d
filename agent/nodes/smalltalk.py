"""Small-talk skills: greeting, goodbye, and the polite fallback."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.state import ConversationState, ReplyPart

_STARTERS: dict[str, list[str]] = {
    "en": ["Where is my order?", "What is your return policy?", "Help me choose cat food"],
    "zh": ["我的订单到哪了？", "退货政策是什么？", "帮我挑选猫粮"],
}


def _quick_replies(language: str) -> ReplyPart:
    return {"kind": "quick_replies", "data": _STARTERS.get(language, _STARTERS["en"])}


def greet(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    lang = state.get("language", "en")
    text = runtime.context.replies.render("greeting", lang)
    return {"reply": {"text": text, "parts": [_quick_replies(lang)], "intent": "greeting"}}


def farewell(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    text = runtime.context.replies.render("goodbye", state.get("language", "en"))
    return {"reply": {"text": text, "parts": [], "intent": "goodbye"}}


def fallback(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    lang = state.get("language", "en")
    text = runtime.context.replies.render("fallback", lang)
    return {"reply": {"text": text, "parts": [_quick_replies(lang)], "intent": "fallback"}}
