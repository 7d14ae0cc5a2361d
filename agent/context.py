"""Run context: the clients a graph run needs, passed in by the caller through LangGraph's runtime context."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from agent.nlu.base import Understander
from agent.phrasing import Phraser, TemplatePhraser
from agent.replies import ReplyBook
from connectors.handoff.models import HandoffQueue
from connectors.orders.interface import OrderSystem
from knowledge.entries import EntryKind
from knowledge.formats import CategoryGuide
from knowledge.search import SearchResult


class KnowledgeSearch(Protocol):
    """What the agent needs from the knowledge base: grounded search and the category guides."""

    def search(
        self,
        query: str,
        *,
        k: int = 5,
        locale: str | None = None,
        kinds: Sequence[EntryKind] | None = None,
        product_id: str | None = None,
        category: str | None = None,
    ) -> SearchResult: ...

    def guide(self, category: str, locale: str = "en") -> CategoryGuide | None: ...


@dataclass(frozen=True)
class AgentContext:
    """Handed to every node through LangGraph's runtime context; never stored in state."""

    understander: Understander
    replies: ReplyBook
    orders: OrderSystem
    knowledge: KnowledgeSearch
    handoffs: HandoffQueue
    phraser: Phraser = field(default_factory=TemplatePhraser)
    max_message_chars: int = 2000
    # A "yes" counts only this long after the question it answers; later it gets the question again.
    confirm_ttl_seconds: float = 600.0
    clock: Callable[[], float] = time.time
