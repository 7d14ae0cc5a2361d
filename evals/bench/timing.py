"""Timing proxies: how long understanding, retrieval and checkpoint writes take inside a turn."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import ChannelVersions, Checkpoint, CheckpointMetadata

from agent.context import KnowledgeSearch
from agent.nlu.base import Understander, Understanding
from agent.nlu.context import DialogueContext
from connectors.checkpoints import PruningSqliteSaver
from knowledge.entries import EntryKind
from knowledge.formats import CategoryGuide
from knowledge.search import SearchResult


class Stopwatch:
    """Seconds spent per stage since the last `take()`."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}

    def add(self, stage: str, seconds: float) -> None:
        self.spent[stage] = self.spent.get(stage, 0.0) + seconds

    def take(self) -> dict[str, float]:
        spent, self.spent = self.spent, {}
        return spent


class TimedUnderstander:
    def __init__(self, inner: Understander, watch: Stopwatch) -> None:
        self._inner, self._watch = inner, watch

    def understand(self, text: str, context: DialogueContext | None = None) -> Understanding:
        started = time.perf_counter()
        try:
            return self._inner.understand(text, context)
        finally:
            self._watch.add("understand", time.perf_counter() - started)


class TimedKnowledge:
    def __init__(self, inner: KnowledgeSearch, watch: Stopwatch) -> None:
        self._inner, self._watch = inner, watch

    def search(
        self,
        query: str,
        *,
        k: int = 5,
        locale: str | None = None,
        kinds: Sequence[EntryKind] | None = None,
        product_id: str | None = None,
        category: str | None = None,
    ) -> SearchResult:
        started = time.perf_counter()
        try:
            return self._inner.search(query, k=k, locale=locale, kinds=kinds, product_id=product_id, category=category)
        finally:
            self._watch.add("retrieve", time.perf_counter() - started)

    def guide(self, category: str, locale: str = "en") -> CategoryGuide | None:
        return self._inner.guide(category, locale)


class TimedSaver(PruningSqliteSaver):
    """The real (pruning) SQLite checkpointer, timing its writes."""

    watch: Stopwatch

    def put(
        self,
        config: RunnableConfig,
        checkpoint: Checkpoint,
        metadata: CheckpointMetadata,
        new_versions: ChannelVersions,
    ) -> RunnableConfig:
        started = time.perf_counter()
        try:
            return super().put(config, checkpoint, metadata, new_versions)
        finally:
            self.watch.add("checkpoint", time.perf_counter() - started)

    def put_writes(
        self, config: RunnableConfig, writes: Sequence[tuple[str, Any]], task_id: str, task_path: str = ""
    ) -> None:
        started = time.perf_counter()
        try:
            super().put_writes(config, writes, task_id, task_path)
        finally:
            self.watch.add("checkpoint", time.perf_counter() - started)
