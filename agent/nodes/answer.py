"""Answer-from-knowledge skill: a grounded FAQ or policy answer with its citation, or an honest "I don't know"."""

from __future__ import annotations

import re
from typing import Any

from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.nlu.clauses import split_clauses
from agent.nodes.common import quick_replies, render, reply, turn_text
from agent.state import ConversationState
from knowledge.search import SearchHit

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


_QUESTION = re.compile(
    r"\?|^\W*(how|what|whats|do|does|can|could|is|are|which|when|where|why|will|would)\b", re.IGNORECASE
)


def plain(text: str) -> str:
    """Knowledge entries are Markdown; the chat shows plain text."""
    return _SOFT_BREAK.sub(" ", _MARKDOWN.sub("", text)).strip()


def _answers(runtime: Runtime[AgentContext], question: str, language: str) -> list[SearchHit]:
    """The entry answering the question, plus one per further clause that asks something else
    (a fee and a delivery area asked in one message are two questions with two answers)."""
    search = runtime.context.knowledge.search
    best = search(question, k=3, locale=language, kinds=["faq", "policy"]).best
    found = [best] if best is not None else []
    clauses = split_clauses(question)
    for clause in clauses if len(clauses) > 1 else []:
        if not _QUESTION.search(clause):
            continue
        hit = search(clause, k=3, locale=language, kinds=["faq", "policy"]).best
        if hit is not None and all(hit.doc_id != seen.doc_id for seen in found):
            found.append(hit)
    return found[:3]


def answer(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    known = answer_if_known(state, runtime)
    if known is not None:
        return known
    return {
        "misunderstood": state.get("misunderstood", 0) + 1,
        "offer": "handoff",
        "reply": reply(render(runtime, state, "no_answer"), "no_answer", quick_replies("Talk to a person")),
    }


def answer_if_known(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any] | None:
    """The grounded answer when the shop's knowledge answers the message, else None (nothing said)."""
    found = _answers(runtime, turn_text(state), state.get("language", "en"))
    return _answered(state, runtime, found) if found else None


def _answered(state: ConversationState, runtime: Runtime[AgentContext], found: list[SearchHit]) -> dict[str, Any]:
    text = "\n\n".join(render(runtime, state, "faq_answer", answer=plain(hit.text)) for hit in found)
    task = state.get("task") or {}
    if task.get("intent") in _REMIND and state.get("earlier") is None and not state.get("pending"):
        text += f"\n\nShall we get back to {_REMIND[task['intent']]}?"
    citation = {
        "kind": "citations",
        "data": [{"id": hit.id, "source": hit.source, "title": hit.title} for hit in found],
    }
    return {"misunderstood": 0, "reply": reply(text, "answer", citation)}  # type: ignore[arg-type]
