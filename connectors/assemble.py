"""Assembly: builds the concrete pieces (checkpointer, graph, context) from validated settings."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from langgraph.checkpoint.sqlite import SqliteSaver

from agent.context import AgentContext
from agent.conversation import Conversations
from agent.graph import build_graph
from agent.nlu.lexicon import LexiconUnderstander
from agent.replies import ReplyBook
from connectors.settings import Settings


@dataclass(frozen=True)
class Runtime:
    """Everything a channel (web or terminal) needs to hold conversations."""

    settings: Settings
    conversations: Conversations

    @property
    def mode(self) -> str:
        return "llm" if self.settings.llm_enabled else "offline"


def prepare_data_dir(settings: Settings) -> None:
    """Create the data directory and its subdirectories; idempotent."""
    for path in (settings.data_dir, settings.chroma_dir, settings.models_dir):
        path.mkdir(parents=True, exist_ok=True)


@contextmanager
def open_runtime(settings: Settings) -> Iterator[Runtime]:
    """Open the checkpoint database and compile the graph; close everything on exit."""
    prepare_data_dir(settings)
    # One connection shared across threads: SqliteSaver serialises access with its own lock.
    conn = sqlite3.connect(settings.conversations_path, check_same_thread=False)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        saver = SqliteSaver(conn)
        saver.setup()
        context = AgentContext(
            understander=LexiconUnderstander(),
            replies=ReplyBook.load(settings.shop_name),
            max_message_chars=settings.max_message_chars,
        )
        graph = build_graph().compile(checkpointer=saver)
        yield Runtime(settings=settings, conversations=Conversations(graph, context))
    finally:
        conn.close()
