"""Small-talk skills: greeting, thanks, goodbye, "are you a bot", out of scope, and the polite fallback."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.nodes.answer import answer_if_known
from agent.nodes.common import quick_replies, render, reply
from agent.nodes.handoff import open_handoff
from agent.state import ConversationState, ReplyPart

# Two misunderstood messages in a row and a person takes over.
MAX_MISUNDERSTOOD = 2

_STARTERS: dict[str, tuple[str, ...]] = {
    "en": ("Where is my order?", "What is your return policy?", "Help me choose cat food"),
    "zh": ("我的订单到哪了？", "退货政策是什么？", "帮我挑选猫粮"),
}
_KEYS = {
    "greeting": "greeting",
    "goodbye": "goodbye",
    "abandon": "dropped",
    "thanks": "thanks",
    "bot_identity": "bot_identity",
    "confirm": "nothing_pending",
    "deny": "nothing_pending",
    "unsure": "nothing_pending",
}


def _starters(language: str) -> ReplyPart:
    return quick_replies(*_STARTERS.get(language, _STARTERS["en"]))


def smalltalk(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    intent = state.get("intent", "greeting")
    lang = state.get("language", "en")
    text = render(runtime, state, _KEYS.get(intent, "greeting"))
    parts = [_starters(lang)] if intent == "greeting" else []
    return {"misunderstood": 0, "reply": reply(text, intent, *parts)}


def fallback(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    if state.get("intent") in ("out_of_scope", "unknown") and not state.get("task"):
        # The intent model knows the shop's requests, not everything its files answer ("do u take bitcoin"):
        # a message the knowledge answers above its calibrated threshold gets that answer, not a shrug.
        known = answer_if_known(state, runtime)
        if known is not None:
            return known
    misses = state.get("misunderstood", 0) + 1
    if misses >= MAX_MISUNDERSTOOD + 1:
        return {
            "misunderstood": 0,
            **open_handoff(state, runtime, "not_understood", "the bot could not understand"),
        }
    lang = state.get("language", "en")
    key = "out_of_scope" if state.get("intent") == "out_of_scope" else "fallback"
    return {"misunderstood": misses, "reply": reply(render(runtime, state, key), "fallback", _starters(lang))}
