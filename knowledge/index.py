"""The dense index in Chroma: incremental sync by content hash, filtered queries, our embedding function."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from pydantic import BaseModel

from knowledge.embeddings import DIM, Embedder, Vector
from knowledge.entries import IndexEntry

COLLECTION = "shopclerk_knowledge"
_PAGE = 2000
_BATCH_ENTRIES = 32
Progress = Callable[[int, int], None]


class KnowledgeIndexError(RuntimeError):
    """The vector store failed (unreachable server, corrupt directory); the last snapshot keeps serving."""


class ChromaEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma adapter over `Embedder`, so no collection ever falls back to Chroma's downloading default."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder

    def __call__(self, input: Documents) -> Embeddings:
        return list(self._embedder.embed(list(input)))

    @staticmethod
    def name() -> str:
        return "shopclerk-minilm"

    def get_config(self) -> dict[str, Any]:
        return {"model": self._embedder.name}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ChromaEmbeddingFunction:
        raise KnowledgeIndexError(
            "the shopclerk embedding function needs a loaded Embedder; pass it explicitly to get_collection"
        )


def make_client(*, chroma_dir: Path | None = None, chroma_url: str | None = None) -> ClientAPI:
    """An embedded Chroma in `chroma_dir`, or a Chroma server at `chroma_url` (http[s]://host:port)."""
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    if chroma_url:
        url = urlparse(chroma_url)
        if url.scheme not in {"http", "https"} or not url.hostname:
            raise KnowledgeIndexError(f"Chroma URL must look like http://host:8000, got {chroma_url!r}")
        return chromadb.HttpClient(
            host=url.hostname, port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https", settings=settings,
        )
    if chroma_dir is None:
        raise KnowledgeIndexError("give either a Chroma directory or a Chroma server URL")
    chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(chroma_dir), settings=settings)


class SyncReport(BaseModel):
    """What one sync changed in the vector store."""

    added: list[str] = []
    updated: list[str] = []
    removed: list[str] = []
    unchanged: int = 0
    embedded_texts: int = 0


class StoredEntry(BaseModel):
    """An entry as the store holds it: its content hash, how many records (views) it has, the entry itself."""

    hash: str
    views: int
    entry: IndexEntry


@dataclass(frozen=True)
class ViewMatrix:
    """Every stored view vector with its entry and view type: the exact scorer of a snapshot."""

    vectors: Vector
    owners: tuple[str, ...]
    types: tuple[str, ...]


class VectorIndex:
    """One Chroma collection; one record per view of each entry, with the entry itself on view 0."""

    def __init__(self, client: ClientAPI, embedder: Embedder, name: str = COLLECTION) -> None:
        if len(name) < 3:
            raise KnowledgeIndexError(f"Chroma collection names need at least 3 characters: {name!r}")
        self._embedder = embedder
        self._function = ChromaEmbeddingFunction(embedder)
        self._client = client
        self._name = name
        collection = self._open()
        if (collection.metadata or {}).get("model") != embedder.name:
            # vectors of another model (or quantization) are not comparable: start this collection over
            client.delete_collection(name)
            collection = self._open()
        self._collection: Collection = collection
        self._stored: dict[str, StoredEntry] = {}
        self._vectors: dict[str, tuple[tuple[str, ...], Vector]] = {}
        self._load()

    def _open(self) -> Collection:
        return self._client.get_or_create_collection(
            self._name, embedding_function=self._function,  # type: ignore[arg-type]
            configuration={"hnsw": {"space": "cosine"}}, metadata={"model": self._embedder.name},
        )

    def _load(self) -> None:
        """Read what the store holds (entries and vectors) once; later syncs keep this mirror current."""
        records: dict[str, list[tuple[int, str, Vector]]] = {}
        offset = 0
        while True:
            page = self._collection.get(include=["metadatas", "embeddings"], limit=_PAGE, offset=offset)
            metadatas = page["metadatas"] or []
            embeddings = page["embeddings"] if page["embeddings"] is not None else []
            for meta, vector in zip(metadatas, embeddings, strict=True):
                entry_id = str(meta["entry_id"])
                records.setdefault(entry_id, []).append(
                    (int(str(meta["view"])), str(meta.get("vtype", "full")), np.asarray(vector, np.float32))
                )
                if meta["view"] == 0:
                    entry = IndexEntry.model_validate_json(str(meta["entry"]))
                    self._stored[entry_id] = StoredEntry(hash=str(meta["hash"]), views=int(str(meta["views"])),
                                                         entry=entry)
            if len(metadatas) < _PAGE:
                break
            offset += _PAGE
        for entry_id, views in records.items():
            stored = self._stored.get(entry_id)
            if stored is None or len(views) != stored.views:
                self._stored.pop(entry_id, None)  # a half-written entry (crash during sync): re-embed it
                continue
            views.sort(key=lambda v: v[0])
            self._vectors[entry_id] = (tuple(v[1] for v in views), np.stack([v[2] for v in views]))

    def count(self) -> int:
        return self._collection.count()

    def stored(self) -> dict[str, StoredEntry]:
        """Entries currently in the store, by id."""
        return dict(self._stored)

    def matrix(self, entry_ids: Sequence[str]) -> ViewMatrix:
        """The view vectors of these entries, stacked (entries missing from the store are skipped)."""
        owners: list[str] = []
        types: list[str] = []
        blocks: list[Vector] = []
        for entry_id in entry_ids:
            found = self._vectors.get(entry_id)
            if found is None:
                continue
            owners += [entry_id] * len(found[0])
            types += found[0]
            blocks.append(found[1])
        vectors = np.concatenate(blocks) if blocks else np.zeros((0, DIM), np.float32)
        return ViewMatrix(vectors=vectors, owners=tuple(owners), types=tuple(types))

    def sync(self, entries: Sequence[IndexEntry], progress: Progress | None = None) -> SyncReport:
        """Make the store hold exactly `entries`: embed new and changed ones, delete removed ones."""
        wanted = {e.id: e for e in entries}
        report = SyncReport()
        todo: list[IndexEntry] = []
        stale: list[str] = []
        for entry in entries:
            old = self._stored.get(entry.id)
            if old is not None and old.hash == entry.content_hash():
                report.unchanged += 1
                continue
            (report.updated if old is not None else report.added).append(entry.id)
            todo.append(entry)
            if old is not None:
                stale.append(entry.id)
        report.removed = [entry_id for entry_id in self._stored if entry_id not in wanted]
        stale += report.removed
        stale_records: list[str] = []
        for entry_id in stale:
            old = self._stored.pop(entry_id)
            self._vectors.pop(entry_id, None)
            stale_records += [f"{entry_id}::{i}" for i in range(old.views)]
        for start in range(0, len(stale_records), _PAGE):
            self._collection.delete(ids=stale_records[start : start + _PAGE])
        total = sum(len(e.views()) for e in todo)
        done = 0
        if progress:
            progress(0, total)
        for start in range(0, len(todo), _BATCH_ENTRIES):
            batch = todo[start : start + _BATCH_ENTRIES]
            ids, texts, metas = self._records(batch)
            vectors = self._embedder.embed(texts)
            self._collection.add(ids=ids, embeddings=vectors, documents=texts, metadatas=metas)  # type: ignore[arg-type]
            row = 0
            for entry in batch:
                types = tuple(t for t, _ in entry.views())
                self._vectors[entry.id] = (types, vectors[row : row + len(types)])
                self._stored[entry.id] = StoredEntry(hash=entry.content_hash(), views=len(types), entry=entry)
                row += len(types)
            done += len(texts)
            report.embedded_texts += len(texts)
            if progress:
                progress(done, total)
        return report

    @staticmethod
    def _records(entries: Sequence[IndexEntry]) -> tuple[list[str], list[str], list[dict[str, Any]]]:
        ids: list[str] = []
        texts: list[str] = []
        metas: list[dict[str, Any]] = []
        for entry in entries:
            views = entry.views()
            for number, (vtype, text) in enumerate(views):
                meta: dict[str, Any] = {
                    "entry_id": entry.id, "view": number, "vtype": vtype, "kind": entry.kind,
                    "locale": entry.locale, "source": entry.source,
                }
                if entry.product_ids:
                    meta["products"] = list(entry.product_ids)
                if entry.category:
                    meta["category"] = entry.category
                if number == 0:
                    meta.update(hash=entry.content_hash(), views=len(views),
                                entry=json.dumps(entry.model_dump(mode="json"), ensure_ascii=False))
                ids.append(f"{entry.id}::{number}")
                texts.append(text)
                metas.append(meta)
        return ids, texts, metas

    def candidates(self, vector: Vector, n: int, where: dict[str, Any] | None = None) -> list[str]:
        """Entry ids of the `n` nearest view records (approximate, filtered), nearest first, no repeats."""
        count = self.count()
        if count == 0 or n <= 0:
            return []
        result = self._collection.query(
            query_embeddings=np.asarray([vector], dtype=np.float32), n_results=min(count, n),
            where=where, include=["metadatas"],
        )
        metadatas = (result["metadatas"] or [[]])[0]
        return list(dict.fromkeys(str(meta["entry_id"]) for meta in metadatas))
