"""Assembly: builds the concrete pieces (store, knowledge, checkpointer, graph) from validated settings."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from threadpoolctl import threadpool_limits

from agent.context import AgentContext
from agent.conversation import Conversations
from agent.graph import build_graph
from agent.nlu.base import Understander
from agent.nlu.build import build_offline_understander
from agent.nlu.llm import LlmUnderstander
from agent.nlu.products import CatalogItem, VariantItem
from agent.phrasing import LlmPhraser, Phraser, TemplatePhraser
from agent.replies import ReplyBook
from agent.tokens import TokenCounter, prepare_tiktoken_cache
from connectors.catalog_docs import product_docs
from connectors.checkpoints import PruningSqliteSaver
from connectors.handoff.sqlite_queue import SqliteHandoffQueue
from connectors.orders.catalog_models import Product
from connectors.orders.demo_data import generate_demo_shop
from connectors.orders.sqlite_db import Database
from connectors.orders.sqlite_store import SqliteOrderSystem
from connectors.settings import Settings
from knowledge.embeddings import Embedder
from knowledge.search import Thresholds
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
    settings: Settings,
    embedder: Embedder,
    products: list[Product],
    progress: Progress | None = None,
) -> tuple[KnowledgeBase, ReloadReport]:
    """Open the index and sync it with the knowledge files and the catalog (only changes are embedded)."""
    base = KnowledgeBase.open(
        settings.knowledge_dir,
        models_dir=settings.models_dir,
        chroma_dir=settings.chroma_dir,
        chroma_url=settings.chroma_url,
        embedder=embedder,
        thresholds=Thresholds(min_confidence=settings.retrieval_min_confidence),
        load=False,
    )
    report = base.set_products(product_docs(products), progress)
    for issue in report.issues:
        log.warning("knowledge: %s", issue.format())
    return base, report


def catalog_items(products: list[Product]) -> list[CatalogItem]:
    """The catalog as the NLU's product matcher sees it: names, aliases, variants."""
    return [
        CatalogItem(
            id=p.product_id,
            name=p.name,
            aliases=tuple(p.aliases),
            variants=tuple(VariantItem(id=v.sku, name=v.name, aliases=tuple(v.options.values())) for v in p.variants),
        )
        for p in products
    ]


def open_understander(settings: Settings, embedder: Embedder, products: list[Product]) -> Understander:
    """The offline understander (trained once per set of examples, cached), wrapped by the LLM one if configured."""
    offline = build_offline_understander(
        settings.knowledge_dir, settings.models_dir, embedder, catalog=catalog_items(products), order_prefix="PS"
    )
    if not (settings.llm_base_url and settings.llm_model):
        return offline
    return LlmUnderstander(
        offline,
        offline.intents,
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key,
        timeout_s=settings.llm_timeout_seconds,
    )


def open_phraser(settings: Settings) -> Phraser:
    """Templates offline; an LLM rewording (checked, with token-counted prompts) when an endpoint is set."""
    if not (settings.llm_base_url and settings.llm_model):
        return TemplatePhraser()
    cache = prepare_tiktoken_cache(settings.models_dir / "tiktoken")
    # tiktoken reads its cache location from the environment; set once, here, where the app is assembled.
    os.environ["TIKTOKEN_CACHE_DIR"] = str(cache.resolve())
    return LlmPhraser(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key,
        timeout_s=settings.llm_timeout_seconds,
        counter=TokenCounter(),
    )


def prepare(settings: Settings, progress: Progress | None = None) -> Prepared:
    """Everything `make run` needs before serving: data directory, store, embedding model, index, NLU model."""
    prepare_data_dir(settings)
    orders, seeded = open_store(settings)
    try:
        products = orders.export_shop().products
        embedder = Embedder.load(settings.models_dir)
        _, report = open_knowledge(settings, embedder, products, progress)
        build_offline_understander(
            settings.knowledge_dir, settings.models_dir, embedder, catalog=catalog_items(products)
        )
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
    # A turn's matrix products are tiny; OpenBLAS's own threads spin-wait between them and, under load, burned
    # a third of the server's CPU (12.4 -> 8.8 ms of CPU per websocket turn with one BLAS thread).
    blas = threadpool_limits(limits=1, user_api="blas")
    try:
        products = orders.export_shop().products
        embedder = Embedder.load(settings.models_dir)
        knowledge, _ = open_knowledge(settings, embedder, products)
        conn.execute("PRAGMA journal_mode=WAL")
        saver = PruningSqliteSaver(conn)
        saver.setup()
        context = AgentContext(
            phraser=open_phraser(settings),
            understander=open_understander(settings, embedder, products),
            replies=ReplyBook.load(settings.shop_name),
            orders=orders,
            knowledge=knowledge,
            handoffs=handoffs,
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
        blas.restore_original_limits()
        conn.close()
        handoffs.close()
        orders.close()
