"""Answer-from-knowledge skill: a grounded FAQ or policy answer with its citation, or an honest "I don't know"."""

from __future__ import annotations

import re
from typing import Any

from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.nodes.common import last_text, quick_replies, render, reply
from agent.state import ConversationState

_MARKDOWN = re.compile(r"\*\*|__|`")
# A single line break inside a Markdown paragraph is a space; blank lines and list items stay.
_SOFT_BREAK = re.compile(r"(?<!\n)\n(?![\n\-*]|\d+\.)")
_REMIND: dict[str, str] = {
    "cancel_order": "cancelling your order",
    "return": "your return",
    "exchange": "your exchange",
    "change_address": "changing the address",
    "modify_order": "changing your order",
    "order_status": "your order status",
    "refund_status": "your refund",
}


def plain(text: str) -> str:
    """Knowledge entries are Markdown; the chat shows plain text."""
    return _SOFT_BREAK.sub(" ", _MARKDOWN.sub("", text)).strip()


def answer(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    question = last_text(state)
    language = state.get("language", "en")
    result = runtime.context.knowledge.search(question, k=3, locale=language, kinds=["faq", "policy"])
    best = result.best
    if best is None:
        text = render(runtime, state, "no_answer")
        misses = state.get("misunderstood", 0) + 1
        return {
            "misunderstood": misses,
            "reply": reply(text, "no_answer", quick_replies("Talk to a person")),
        }
    text = render(runtime, state, "faq_answer", answer=plain(best.text))
    task = state.get("task") or {}
    if task.get("intent") in _REMIND:
        text += f"\n\nShall we get back to {_REMIND[task['intent']]}?"
    citation = {"kind": "citations", "data": [{"id": best.id, "source": best.source, "title": best.title}]}
    return {"misunderstood": 0, "reply": reply(text, "answer", citation)}  # type: ignore[arg-type]
