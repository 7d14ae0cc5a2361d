"""The knowledge base the app holds: reload from files, search, guides and intent examples, reported issues."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from chromadb.api import ClientAPI
from pydantic import BaseModel, Field

from knowledge.background import BackgroundCorpus, fit_to_folder
from knowledge.embeddings import Embedder, Vector
from knowledge.entries import CATALOG_SOURCE, EntryKind, IndexEntry, ProductDoc
from knowledge.files import ParsedFile
from knowledge.formats import CategoryGuide
from knowledge.index import COLLECTION, KnowledgeIndexError, Progress, VectorIndex, make_client
from knowledge.intents import IntentExamples
from knowledge.issues import KnowledgeIssue
from knowledge.loader import LoadResult, load_directory
from knowledge.search import (
    Filters,
    SearchResult,
    Snapshot,
    Thresholds,
    hybrid_search,
)
from knowledge.selftest import DEFAULT_FOLDS, SelfTestReport, self_test

log = logging.getLogger("shopclerk.knowledge")
Listener = Callable[["ReloadReport"], None]


class ReloadReport(BaseModel):
    """The outcome of one reload: what changed, what is broken, and which files serve their last good version."""

    ok: bool = Field(description="True when no file has an error.")
    entries: int
    added: list[str] = []
    updated: list[str] = []
    removed: list[str] = []
    unchanged: int = 0
    embedded_texts: int = 0
    issues: list[KnowledgeIssue] = []
    stale_files: list[str] = Field(default=[], description="Broken files still served from their last good version.")
    seconds: float = 0.0

    @property
    def errors(self) -> list[KnowledgeIssue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


class KnowledgeStatus(BaseModel):
    """What an admin page shows: counts, files, the problems to fix, the last reload."""

    directory: str
    entries_by_kind: dict[str, int]
    files: int
    issues: list[KnowledgeIssue]
    stale_files: list[str]
    last_reload: ReloadReport | None
    intents: int
    intent_examples: int


class KnowledgeBase:
    """Holds the last good snapshot; `reload()` swaps in a new one, searches never see a half-built state."""

    def __init__(
        self, knowledge_dir: Path, embedder: Embedder, client: ClientAPI, *,
        collection: str = COLLECTION, thresholds: Thresholds | None = None,
        background: BackgroundCorpus | None = None,
    ) -> None:
        self.directory = knowledge_dir
        self.embedder = embedder
        self.thresholds = thresholds or Thresholds()
        self.background = background if background is not None else BackgroundCorpus.load(embedder)
        self._vectors = VectorIndex(client, embedder, collection)
        self._reload_lock = threading.Lock()
        self._products: tuple[ProductDoc, ...] = ()
        self._load = LoadResult(root=knowledge_dir)
        self._snapshot = Snapshot()
        self._last_report: ReloadReport | None = None
        self._listeners: list[Listener] = []
        self._last_good = self._recover_from_store()

    @classmethod
    def open(
        cls, knowledge_dir: Path, *, models_dir: Path, chroma_dir: Path | None = None,
        chroma_url: str | None = None, embedder: Embedder | None = None, collection: str = COLLECTION,
        thresholds: Thresholds | None = None, load: bool = True,
    ) -> KnowledgeBase:
        """Assemble from paths (embedded Chroma in `chroma_dir`, or a server at `chroma_url`) and load."""
        embedder = embedder or Embedder.load(models_dir)
        base = cls(
            knowledge_dir, embedder, make_client(chroma_dir=chroma_dir, chroma_url=chroma_url),
            collection=collection, thresholds=thresholds,
            background=BackgroundCorpus.load(embedder, cache_dir=models_dir / "background"),
        )
        if load:
            base.reload()
        return base

    def _recover_from_store(self) -> dict[str, ParsedFile]:
        """After a restart, what the store holds is the last good version of every file."""
        by_file: dict[str, ParsedFile] = {}
        for stored in self._vectors.stored().values():
            entry = stored.entry
            if entry.source == CATALOG_SOURCE:
                continue
            parsed = by_file.setdefault(entry.source, ParsedFile(path=entry.source, kind=entry.kind))
            parsed.entries.append(entry)
        for parsed in by_file.values():
            parsed.entries.sort(key=lambda e: e.line)
            parsed.ids = [(doc_id, 2) for doc_id in dict.fromkeys(e.doc_id for e in parsed.entries)]
        return by_file

    def reload(self, progress: Progress | None = None) -> ReloadReport:
        """Re-read the directory and sync the index. Broken files keep their last good entries."""
        with self._reload_lock:
            started = time.perf_counter()
            load = load_directory(self.directory, self._last_good)
            if not self.directory.is_dir():
                # an unmounted or mistyped folder must not empty the index: keep serving what we have
                report = self._unchanged_report(load.issues, started)
                self._last_report = report
                log.error("knowledge: %s", load.issues[0].format())
                return report
            entries = load.entries()
            products = [p.to_entry() for p in self._products]
            issues = list(load.issues) + self._product_issues(entries)
            indexed = self._unique(entries + products, issues)
            try:
                sync = self._vectors.sync(indexed, progress)
            except Exception as exc:
                log.exception("knowledge index sync failed; the previous snapshot keeps serving")
                raise KnowledgeIndexError(f"the vector store failed during reload: {exc}") from exc
            snapshot = Snapshot.of(indexed, self._vectors.matrix([e.id for e in indexed]))
            self._snapshot = fit_to_folder(snapshot, self.background, self.thresholds, self.embedder,
                                           load.unanswered())
            self._load = load
            self._last_good = dict(load.files)
            report = ReloadReport(
                ok=not load.errors, entries=len(self._snapshot.entries), added=sync.added, updated=sync.updated,
                removed=sync.removed, unchanged=sync.unchanged, embedded_texts=sync.embedded_texts,
                issues=issues, stale_files=sorted(load.stale), seconds=round(time.perf_counter() - started, 3),
            )
            self._last_report = report
            for issue in report.errors:
                log.warning("knowledge: %s", issue.format())
        for listener in list(self._listeners):
            listener(report)
        return report

    @property
    def answer_threshold_cjk(self) -> float:
        """The CJK threshold in force: the configured one, or the folder's own."""
        configured = self.thresholds.min_confidence_cjk
        return self._snapshot.answer_threshold_cjk if configured is None else configured

    @property
    def answer_threshold(self) -> float:
        """The Latin-script threshold in force: the configured one, or the folder's own (see Thresholds)."""
        configured = self.thresholds.min_confidence
        return self._snapshot.answer_threshold if configured is None else configured

    def _unchanged_report(self, issues: list[KnowledgeIssue], started: float) -> ReloadReport:
        return ReloadReport(ok=False, entries=len(self._snapshot.entries), issues=issues,
                            stale_files=sorted(self._last_good), seconds=round(time.perf_counter() - started, 3))

    @staticmethod
    def _unique(entries: list[IndexEntry], issues: list[KnowledgeIssue]) -> list[IndexEntry]:
        seen: dict[str, IndexEntry] = {}
        for entry in entries:
            if entry.id in seen:
                issues.append(KnowledgeIssue(file=entry.source, message=f"entry id '{entry.id}' is used twice",
                                             fix="rename one of them", severity="warning"))
                continue
            seen[entry.id] = entry
        return list(seen.values())

    def _product_issues(self, entries: list[IndexEntry]) -> list[KnowledgeIssue]:
        if not self._products:
            return []
        known = {p.id for p in self._products}
        return [
            KnowledgeIssue(file=e.source, line=2, severity="warning",
                           message=f"product id '{pid}' is not in the catalog",
                           fix="use an id from the catalog (shopclerk store show) or remove it")
            for e in entries for pid in e.product_ids if pid not in known
        ]

    def set_products(self, products: Sequence[ProductDoc], progress: Progress | None = None) -> ReloadReport:
        """Index the catalog's products (plain data from the caller) alongside the files."""
        self._products = tuple(products)
        return self.reload(progress)

    def add_listener(self, listener: Listener) -> None:
        """Called after every reload (e.g. the NLU retrains when intent examples changed)."""
        self._listeners.append(listener)

    def search(
        self, query: str, *, k: int = 5, locale: str | None = None, kinds: Sequence[EntryKind] | None = None,
        product_id: str | None = None, category: str | None = None, embedding: Vector | None = None,
    ) -> SearchResult:
        """Hybrid search of the last good snapshot; pass `embedding` when the message is already embedded."""
        filters = Filters(locale=locale, kinds=tuple(kinds) if kinds else None, product_id=product_id,
                          category=category)
        return hybrid_search(query, self._snapshot, self._vectors, self.embedder, self.thresholds, k=k,
                             filters=filters, embedding=embedding)

    def self_test(self, *, folds: int = DEFAULT_FOLDS) -> SelfTestReport:
        """Each entry's own alternative questions held out in turn and searched for (knowledge/selftest.py)."""
        return self_test(self._snapshot, self._vectors, self.embedder, self.thresholds, folds=folds)

    def issues(self) -> list[KnowledgeIssue]:
        """The problems of the last reload, for the CLI, the log and the admin endpoint."""
        return list(self._last_report.issues) if self._last_report else list(self._load.issues)

    def status(self) -> KnowledgeStatus:
        counts: dict[str, int] = {}
        for entry in self._snapshot.entries:
            counts[entry.kind] = counts.get(entry.kind, 0) + 1
        examples = self.intent_examples()
        return KnowledgeStatus(
            directory=str(self.directory), entries_by_kind=counts, files=len(self._load.hashes),
            issues=self.issues(), stale_files=sorted(self._load.stale), last_reload=self._last_report,
            intents=len(examples.intents()), intent_examples=len(examples.examples),
        )

    def entries(self) -> tuple[IndexEntry, ...]:
        return self._snapshot.entries

    def entry(self, entry_id: str) -> IndexEntry | None:
        position = self._snapshot.positions.get(entry_id)
        return None if position is None else self._snapshot.entries[position]

    def guides(self) -> list[CategoryGuide]:
        """Category guides (decisive attributes per category) of the last good load."""
        return [f.guide for _, f in sorted(self._load.files.items()) if f.guide is not None]

    def guide(self, category: str, locale: str = "en") -> CategoryGuide | None:
        matches = [g for g in self.guides() if g.category == category]
        return next((g for g in matches if g.locale == locale), matches[0] if matches else None)

    def intent_examples(self) -> IntentExamples:
        """Labelled utterances for the offline NLU; `content_hash()` changes when they change."""
        return self._load.intent_examples()

    def policy_facts(self) -> dict[str, dict[str, Any]]:
        """Policy id -> the machine-readable numbers in its front matter (return_window_days, ...)."""
        return {k: v for f in self._load.files.values() for k, v in f.facts.items()}
