"""Reply nodes: carry a first answer over to the second intent, and record the bot's reply."""

from __future__ import annotations

from typing import Any

from agent.state import ConversationState, Reply


def next_intent(state: ConversationState) -> dict[str, Any]:
    """Keep the first answer and handle the second request of the same message."""
    first = state["reply"]
    return {"earlier": first, "intent": state.get("second_intent"), "second_intent": None}


def reply(state: ConversationState) -> dict[str, Any]:
    answer = state["reply"]
    earlier: Reply | None = state.get("earlier")
    if earlier is not None:
        answer = {
            "text": f"{earlier['text']}\n\n{answer['text']}",
            "parts": [*earlier["parts"], *answer["parts"]],
            "intent": f"{earlier['intent']}+{answer['intent']}",
        }
    update: dict[str, Any] = {"reply": answer, "earlier": None, "turns": state.get("turns", 0) + 1}
    if answer["intent"] != "silent":
        update["messages"] = [{"role": "bot", "text": answer["text"]}]
    return update
