"""Reply node: records the bot's reply in the conversation."""

from __future__ import annotations

from typing import Any

from agent.state import ConversationState


def reply(state: ConversationState) -> dict[str, Any]:
    answer = state["reply"]
    return {
        "messages": [{"role": "bot", "text": answer["text"]}],
        "turns": state.get("turns", 0) + 1,
    }
