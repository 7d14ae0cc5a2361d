"""Measurements behind the documented figures: embedding latency, int8 fidelity, ingest and query speed."""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from knowledge.embeddings import Embedder
from knowledge.index import make_client
from knowledge.loader import load_directory
from knowledge.service import KnowledgeBase


class EmbeddingFigures(BaseModel):
    model: str
    single_p50_ms: float
    single_p95_ms: float
    batch_per_second: float


class QuantizationFigures(BaseModel):
    texts: int
    cosine_min: float
    cosine_mean: float


class IngestFigures(BaseModel):
    entries: int
    embedded_texts: int
    ingest_seconds: float
    reingest_unchanged_seconds: float
    query_p50_ms: float
    query_p95_ms: float


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def embedding_figures(embedder: Embedder, texts: Sequence[str]) -> EmbeddingFigures:
    """One-text latency without the cache (p50/p95), and batch throughput."""
    for text in texts[:5]:
        embedder.embed([text])
    times = []
    for text in texts:
        started = time.perf_counter()
        embedder.embed([text])
        times.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    embedder.embed(list(texts))
    rate = len(texts) / (time.perf_counter() - started)
    return EmbeddingFigures(model=embedder.name, single_p50_ms=round(statistics.median(times), 3),
                            single_p95_ms=round(_percentile(times, 0.95), 3), batch_per_second=round(rate, 1))


def quantization_figures(int8: Embedder, fp32: Embedder, texts: Sequence[str]) -> QuantizationFigures:
    """Cosine between the int8 and the fp32 embedding of the same texts."""
    cosines = np.sum(int8.embed(list(texts)) * fp32.embed(list(texts)), axis=1)
    return QuantizationFigures(texts=len(texts), cosine_min=round(float(cosines.min()), 4),
                               cosine_mean=round(float(cosines.mean()), 4))


def synthetic_knowledge(source: Path, target: Path, entries: int) -> list[str]:
    """Write `entries` FAQ files made from `source`'s FAQ entries (numbered copies, with their alternative
    questions, so each embeds as many views as a real entry); return their titles."""
    faqs = [e for e in load_directory(source).entries() if e.kind == "faq"]
    if not faqs:
        raise ValueError(f"{source} has no FAQ entries to copy")
    titles = []
    for number in range(entries):
        base = faqs[number % len(faqs)]
        title = f"{base.title} ({number})" if number >= len(faqs) else base.title
        path = target / "faq" / f"e{number:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        questions = "".join(f"  - {json.dumps(q, ensure_ascii=False)}\n" for q in base.questions)
        path.write_text(f"---\nid: e{number:05d}\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
                        f"locale: {base.locale}\n" + (f"questions:\n{questions}" if questions else "")
                        + f"---\n{base.text}\n", encoding="utf-8")
        titles.append(title)
    return titles


def ingest_figures(
    embedder: Embedder, source: Path, entries: int, queries: Sequence[str],
    progress: Callable[[int, int], None] | None = None,
) -> IngestFigures:
    """Ingest `entries` synthetic entries into a fresh embedded Chroma; time it, a no-op re-ingest, and queries."""
    work = Path(tempfile.mkdtemp(prefix="shopclerk-bench-"))
    try:
        synthetic_knowledge(source, work / "kb", entries)
        base = KnowledgeBase(work / "kb", embedder, make_client(chroma_dir=work / "chroma"))
        started = time.perf_counter()
        report = base.reload(progress)
        ingest = time.perf_counter() - started
        started = time.perf_counter()
        base.reload()
        again = time.perf_counter() - started
        for query in queries[:5]:
            base.search(query)
        embedder.clear_cache()  # every timed query pays for its own embedding
        total = []
        for query in queries:
            started = time.perf_counter()
            base.search(query)
            total.append((time.perf_counter() - started) * 1000)
        return IngestFigures(
            entries=entries, embedded_texts=report.embedded_texts, ingest_seconds=round(ingest, 2),
            reingest_unchanged_seconds=round(again, 3), query_p50_ms=round(statistics.median(total), 3),
            query_p95_ms=round(_percentile(total, 0.95), 3),
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
