"""Run context: the clients and settings-derived values a graph run needs, passed in by the caller."""

from __future__ import annotations

from dataclasses import dataclass

from agent.nlu.base import Understander
from agent.replies import ReplyBook


@dataclass(frozen=True)
class AgentContext:
    """Handed to every node through LangGraph's runtime context; never stored in state."""

    understander: Understander
    replies: ReplyBook
    max_message_chars: int = 2000
