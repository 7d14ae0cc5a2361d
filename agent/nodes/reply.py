"""Reply nodes: carry a first answer over to the second intent, and record the bot's reply."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.state import ConversationState, Reply

# Replies an LLM may reword. After-sales replies (identity, eligibility, the action to confirm, the result of
# a write) keep their template text word for word: a rewording must never change what the shopper agrees to.
PHRASED = frozenset(
    {"answer", "no_answer", "product_question", "compare_products", "recommend", "greeting", "thanks", "goodbye",
     "bot_identity", "fallback"}
)  # fmt: skip


def next_intent(state: ConversationState) -> dict[str, Any]:
    """Keep the first answer and handle the second request of the same message."""
    first = state["reply"]
    return {"earlier": first, "intent": state.get("second_intent"), "second_intent": None}


def reply(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    answer = state["reply"]
    if answer["intent"] in PHRASED:
        text = runtime.context.phraser.phrase(answer["text"], [], state.get("language", "en"))
        answer = {**answer, "text": text}
    earlier: Reply | None = state.get("earlier")
    if earlier is not None:
        # The question the shopper must answer comes last, where they read before replying.
        asks = any(part["kind"] == "awaiting" for part in earlier["parts"])
        head, tail = (answer, earlier) if asks else (earlier, answer)
        answer = {
            "text": f"{head['text']}\n\n{tail['text']}",
            "parts": [*earlier["parts"], *answer["parts"]],
            "intent": f"{earlier['intent']}+{answer['intent']}",
        }
    update: dict[str, Any] = {
        "reply": answer, "earlier": None, "turns": state.get("turns", 0) + 1, "replied_to": state.get("line_seq"),
    }
    if answer["intent"] != "silent":
        update["messages"] = [{"role": "bot", "text": answer["text"]}]
    return update
