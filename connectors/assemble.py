"""Assembly: builds the concrete pieces (store, knowledge, checkpointer, graph) from validated settings."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from langgraph.checkpoint.sqlite import SqliteSaver

from agent.context import AgentContext
from agent.conversation import Conversations
from agent.graph import build_graph
from agent.nlu.lexicon import LexiconUnderstander
from agent.replies import ReplyBook
from connectors.catalog_docs import product_docs
from connectors.handoff.sqlite_queue import SqliteHandoffQueue
from connectors.orders.demo_data import generate_demo_shop
from connectors.orders.sqlite_db import Database
from connectors.orders.sqlite_store import SqliteOrderSystem
from connectors.settings import Settings
from knowledge.service import KnowledgeBase, ReloadReport

log = logging.getLogger("shopclerk.assemble")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Runtime:
    """Everything a channel (web or terminal) needs to hold conversations."""

    settings: Settings
    conversations: Conversations
    orders: SqliteOrderSystem
    knowledge: KnowledgeBase
    handoffs: SqliteHandoffQueue

    @property
    def mode(self) -> str:
        return "llm" if self.settings.llm_enabled else "offline"


@dataclass(frozen=True)
class Prepared:
    """What preparing the data directory did."""

    seeded: bool
    knowledge: ReloadReport


def prepare_data_dir(settings: Settings) -> None:
    """Create the data directory and its subdirectories; idempotent."""
    for path in (settings.data_dir, settings.chroma_dir, settings.models_dir):
        path.mkdir(parents=True, exist_ok=True)


def open_store(settings: Settings) -> tuple[SqliteOrderSystem, bool]:
    """Open the order store, seeding the demo shop into an empty one when `seed_demo` is on."""
    seeded = False
    if settings.seed_demo and not Database(settings.store_path).initialized():
        SqliteOrderSystem.create(settings.store_path, generate_demo_shop()).close()
        seeded = True
    return SqliteOrderSystem(settings.store_path), seeded


def open_knowledge(
    settings: Settings, orders: SqliteOrderSystem, progress: Progress | None = None
) -> tuple[KnowledgeBase, ReloadReport]:
    """Open the index and sync it with the knowledge files and the catalog (only changes are embedded)."""
    base = KnowledgeBase.open(
        settings.knowledge_dir,
        models_dir=settings.models_dir,
        chroma_dir=settings.chroma_dir,
        chroma_url=settings.chroma_url,
        load=False,
    )
    report = base.set_products(product_docs(orders.export_shop().products), progress)
    for issue in report.issues:
        log.warning("knowledge: %s", issue.format())
    return base, report


def prepare(settings: Settings, progress: Progress | None = None) -> Prepared:
    """Everything `make run` needs before serving: data directory, store, embedding model, index."""
    prepare_data_dir(settings)
    orders, seeded = open_store(settings)
    try:
        _, report = open_knowledge(settings, orders, progress)
    finally:
        orders.close()
    return Prepared(seeded=seeded, knowledge=report)


@contextmanager
def open_runtime(settings: Settings) -> Iterator[Runtime]:
    """Open every piece and compile the graph; close everything on exit."""
    prepare_data_dir(settings)
    orders, _ = open_store(settings)
    handoffs = SqliteHandoffQueue(settings.channel_path)
    # One connection shared across threads: SqliteSaver serialises access with its own lock.
    conn = sqlite3.connect(settings.conversations_path, check_same_thread=False)
    try:
        knowledge, _ = open_knowledge(settings, orders)
        conn.execute("PRAGMA journal_mode=WAL")
        saver = SqliteSaver(conn)
        saver.setup()
        context = AgentContext(
            understander=LexiconUnderstander(),
            replies=ReplyBook.load(settings.shop_name),
            max_message_chars=settings.max_message_chars,
        )
        graph = build_graph().compile(checkpointer=saver)
        yield Runtime(
            settings=settings,
            conversations=Conversations(graph, context),
            orders=orders,
            knowledge=knowledge,
            handoffs=handoffs,
        )
    finally:
        conn.close()
        handoffs.close()
        orders.close()
