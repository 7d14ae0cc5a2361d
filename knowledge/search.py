"""Hybrid retrieval: dense (multi-view MiniLM) and lexical scores fused, filtered, and gated by a threshold."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field

from knowledge.embeddings import DIM, Embedder, Vector
from knowledge.entries import CATALOG_SOURCE, VIEW_TYPES, EntryKind, IndexEntry
from knowledge.index import VectorIndex, ViewMatrix
from knowledge.lexical import LexicalIndex, cjk_share
from knowledge.normalise import QueryNormaliser

_VIEW_NUMBER: dict[str, int] = {name: number for number, name in enumerate(VIEW_TYPES)}
# the dense score's columns: the stored view types, then the entry's centroid (derived, never stored)
CENTROID = len(VIEW_TYPES)
COLUMNS = CENTROID + 1
CJK_QUERY_SHARE = 0.3  # a query this CJK is beyond MiniLM: rank and decide lexically
# Below this many view vectors, scoring every entry on the snapshot's matrix (a fraction of a millisecond) beats
# a Chroma query (about 2 ms of CPU, most of a FAQ turn's retrieval) and is exact; larger indexes ask Chroma.
EXACT_SCAN_ROWS = 20_000
# A word no entry uses says the question is about something else only when the folder has words for most of
# its topic: below this many distinct terms (a handful of terse entries) the foreign-word evidence is scaled down.
FULL_VOCABULARY = 1000


class Thresholds(BaseModel):
    """How retrieval ranks and when it answers. Defaults tuned on the dev question sets (docs/knowledge.md)."""

    model_config = ConfigDict(frozen=True)

    view_weights: tuple[float, float, float] = Field(
        default=(3.0, 0.5, 0.5),
        description="Dense score: weights of the best question, whole-entry and sentence match (VIEW_TYPES order).",
    )
    centroid_weight: float = Field(
        default=2.0, description="Dense score: weight of the cosine with the entry's centroid, the normalised mean of "
        "all its views: the entry as a whole topic, which a question phrased unlike any single view can still be near.",
    )
    coverage_weight: float = Field(
        default=0.3, description="Ranking adds this times the share of the query's term weight the entry covers."
    )
    background_weight: float = Field(
        default=0.8, description="Confidence subtracts this times the question's cosine with the nearest background "
        "question (knowledge/background.py): near a question shops don't answer, the best entry is a near miss.",
    )
    confidence_foreign: float = Field(
        default=0.2, description="Confidence subtracts this times the share of the query's content words that no "
        "entry of the folder uses (the question is about something else: 'delete my facebook account').",
    )
    min_confidence: float | None = Field(
        default=None, description="Answer only when the top hit's confidence reaches this; None: the folder's own "
        "threshold, below which `background_quantile` of the background questions fall when each is left out.",
    )
    background_quantile: float = Field(
        default=0.92, description="Share of the (left-out) background questions the folder's threshold leaves "
        "unanswered; tuned on the demo shop's dev sets.",
    )
    prune_background_at: float = Field(
        default=0.8, description="Background questions this close to one of the folder's phrasings are ones the "
        "folder answers: they are left out of its background.",
    )
    min_confidence_cjk: float | None = Field(default=None, description="The same for CJK queries, whose confidence "
                                             "is lexical: the entry's coverage of the query minus the background's.")
    background_weight_cjk: float = Field(
        default=1.0, description="CJK confidence subtracts this times the share of the query's words the nearest "
        "background question covers.",
    )
    candidates: int = Field(default=40, description="View records fetched from the vector store per query.")

    @property
    def dense_weights(self) -> tuple[float, ...]:
        """The dense score's column weights: the view types', then the centroid's."""
        return (*self.view_weights, self.centroid_weight)


class SearchHit(BaseModel):
    """One retrieved entry, with what a reply needs to cite it."""

    model_config = ConfigDict(frozen=True)

    id: str
    doc_id: str
    kind: EntryKind
    title: str
    text: str
    source: str
    line: int
    locale: str
    product_ids: tuple[str, ...] = ()
    category: str | None = None
    tags: tuple[str, ...] = ()
    score: float = Field(description="Fused score: dense plus weighted lexical evidence (ranking only).")
    confidence: float = Field(description="Relevance in [0, 1] compared with the threshold, 0.5 meaning as near the "
                              "background as the entry: the dense score, lowered by the question's nearness to the "
                              "background and by words the folder never uses (Latin script); the lexical coverage "
                              "less the background's (CJK).")
    dense: float | None = Field(default=None, description="Cosine similarity of the best embedded view.")
    lexical: float | None = Field(default=None, description="Share of the query's term weight this entry covers.")

    @property
    def citation(self) -> str:
        """`faq/shipping/cost.md (shipping-cost)`, or `catalog (product:cf-001)`."""
        where = self.source if self.source == CATALOG_SOURCE or self.line <= 1 else f"{self.source}:{self.line}"
        return f"{where} ({self.id})"


class SearchResult(BaseModel):
    """Hits best first; `answered` is false when even the best hit is below the threshold."""

    query: str
    answered: bool
    hits: list[SearchHit]
    threshold: float

    @property
    def best(self) -> SearchHit | None:
        """The entry to answer from, or None: 'no answer' rather than the nearest wrong entry."""
        return self.hits[0] if self.answered and self.hits else None


def _view_means(
    best: npt.NDArray[np.float32], question_views: npt.NDArray[np.int64], weights: Sequence[float]
) -> npt.NDArray[np.float32]:
    """The weighted mean over the columns (the last axis: the best cosine of each view type, then the centroid's
    cosine); a column an entry lacks (-inf) carries no weight, and the question weight is capped by the entry's
    number of phrasings (a lone title is thin evidence). -inf for an entry without any view."""
    present = np.isfinite(best)
    w = np.broadcast_to(np.asarray(weights, dtype=np.float32), best.shape).copy()
    w[..., 0] = np.minimum(w[..., 0], question_views)
    weight = (present * w).sum(axis=-1)
    means = (np.where(present, best, 0.0) * w).sum(axis=-1) / np.maximum(weight, 1e-9)
    out: npt.NDArray[np.float32] = np.where(weight > 0, means, -np.inf).astype(np.float32)
    return out


@dataclass(frozen=True)
class Snapshot:
    """An immutable view of what is indexed; a search uses one snapshot from start to end."""

    entries: tuple[IndexEntry, ...] = ()
    lexical: LexicalIndex = field(default_factory=lambda: LexicalIndex([]))
    positions: dict[str, int] = field(default_factory=dict)
    vectors: Vector = field(default_factory=lambda: np.zeros((0, DIM), np.float32))
    rows: tuple[tuple[int, int], ...] = ()  # entry position -> its view rows [start, end) in `vectors`
    view_types: npt.NDArray[np.int8] = field(default_factory=lambda: np.zeros(0, np.int8))
    row_owner: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))  # row -> entry
    question_views: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))  # per entry
    centroids: Vector = field(default_factory=lambda: np.zeros((0, DIM), np.float32))  # per entry, 0 if no view
    # runs of rows with the same entry and view type: the best match per (entry, type) is one reduceat away
    segment_starts: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))
    segment_entry: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))
    segment_type: npt.NDArray[np.int8] = field(default_factory=lambda: np.zeros(0, np.int8))
    normaliser: QueryNormaliser = field(default_factory=lambda: QueryNormaliser([]))
    # the background questions this folder does not answer, and the Latin-script threshold they give it
    # (KnowledgeBase.reload sets both)
    background: Vector = field(default_factory=lambda: np.zeros((0, DIM), np.float32))
    unanswered: Vector = field(default_factory=lambda: np.zeros((0, DIM), np.float32))  # the merchant's own list
    background_lexical: LexicalIndex = field(default_factory=lambda: LexicalIndex([]))
    answer_threshold: float = 0.5  # until a reload fits them: answer only what is nearer an entry than the background
    answer_threshold_cjk: float = 0.5

    @classmethod
    def of(cls, entries: Sequence[IndexEntry], matrix: ViewMatrix) -> Snapshot:
        ordered = tuple(entries)
        spans: dict[str, tuple[int, int]] = {}
        for row, owner in enumerate(matrix.owners):
            start, _ = spans.get(owner, (row, row))
            spans[owner] = (start, row + 1)
        rows = tuple(spans.get(e.id, (0, 0)) for e in ordered)
        row_owner = np.full(len(matrix.vectors), -1, dtype=np.int64)
        for position, (start, end) in enumerate(rows):
            row_owner[start:end] = position
        texts = [e.lexical_text() for e in ordered]
        view_types = np.array([_VIEW_NUMBER[t] for t in matrix.types], dtype=np.int8)
        owned = row_owner >= 0
        questions = np.bincount(row_owner[owned & (view_types == 0)], minlength=len(ordered))
        change = np.ones(len(view_types), dtype=bool)
        change[1:] = (row_owner[1:] != row_owner[:-1]) | (view_types[1:] != view_types[:-1])
        starts = np.flatnonzero(change)
        centroids = np.zeros((len(ordered), DIM), np.float32)
        spanned = [p for p, (start, end) in enumerate(rows) if end > start]
        if spanned:  # each entry's rows are one span: reduceat over (start, end) pairs sums them (add.at: 4x slower)
            padded = np.vstack([matrix.vectors, np.zeros((1, DIM), np.float32)])
            centroids[spanned] = np.add.reduceat(padded, np.array([rows[p] for p in spanned]).ravel(), axis=0)[::2]
        centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-9)
        return cls(
            entries=ordered,
            lexical=LexicalIndex(texts),
            normaliser=QueryNormaliser(texts),
            positions={e.id: i for i, e in enumerate(ordered)},
            vectors=matrix.vectors,
            rows=rows,
            row_owner=row_owner,
            view_types=view_types,
            question_views=questions.astype(np.int64),
            centroids=centroids,
            segment_starts=starts.astype(np.int64),
            segment_entry=row_owner[starts],
            segment_type=view_types[starts],
        )

    def dense_scores(
        self, vector: Vector, positions: Sequence[int] | None, weights: Sequence[float]
    ) -> dict[int, float]:
        """Per entry (every one when `positions` is None): the weighted mean over view types of the best cosine
        of that type, and of the cosine with the entry's centroid (`_view_means`). Each alternative question is a
        view of its own, so an entry is as close as its closest phrasing."""
        # einsum, not BLAS: a multi-threaded BLAS spin-waits around so small a product (10-25 ms under load)
        if positions is None:
            if not len(self.segment_starts):
                return {}
            segment_best = np.maximum.reduceat(np.einsum("ij,j->i", self.vectors, vector), self.segment_starts)
            owned = self.segment_entry >= 0
            best = np.full((len(self.rows), COLUMNS), -np.inf, dtype=np.float32)
            np.maximum.at(best, (self.segment_entry[owned], self.segment_type[owned]), segment_best[owned])
            entries = np.flatnonzero(np.isfinite(best).any(axis=1))
            best = best[entries]
            best[:, CENTROID] = np.einsum("ij,j->i", self.centroids, vector)[entries]
        else:
            spans = [(p, *self.rows[p]) for p in dict.fromkeys(positions) if self.rows[p][0] < self.rows[p][1]]
            if not spans:
                return {}
            entries = np.array([p for p, _, _ in spans], dtype=np.int64)
            rows = np.concatenate([np.arange(start, end) for _, start, end in spans])
            slot = np.concatenate([np.full(end - start, i) for i, (_, start, end) in enumerate(spans)])
            sims = np.einsum("ij,j->i", self.vectors[rows], vector)
            best = np.full((len(entries), COLUMNS), -np.inf, dtype=np.float32)
            np.maximum.at(best, (slot, self.view_types[rows]), sims)
            best[:, CENTROID] = np.einsum("ij,j->i", self.centroids[entries], vector)
        means = _view_means(best, self.question_views[entries], weights)
        return dict(zip(entries.tolist(), means.tolist(), strict=True))

    def best_dense(self, vectors: Vector, weights: Sequence[float], chunk: int = 64) -> npt.NDArray[np.float32]:
        """Per query vector, the dense score of its best entry (what `dense_scores` gives, for many at once;
        in chunks, so a large index never needs a queries x views matrix of hundreds of megabytes). Unlike a single
        query, these are large products, run once per reload: BLAS is ten times faster than einsum on them."""
        out = np.full(len(vectors), -np.inf, np.float32)
        if not len(self.segment_starts):
            return out
        owned = self.segment_entry >= 0
        has_views = np.array([end > start for start, end in self.rows], dtype=bool)
        for start in range(0, len(vectors), chunk):
            part = vectors[start : start + chunk]
            segment_best = np.maximum.reduceat(part @ self.vectors.T, self.segment_starts, axis=1)
            best = np.full((len(part), len(self.rows), COLUMNS), -np.inf, dtype=np.float32)
            best[:, self.segment_entry[owned], self.segment_type[owned]] = segment_best[:, owned]
            best[:, :, CENTROID] = np.where(has_views, part @ self.centroids.T, -np.inf)
            out[start : start + len(part)] = _view_means(best, self.question_views, weights).max(axis=1)
        return out

    def nearest_background(self, vector: Vector) -> float:
        """Cosine of the query with the nearest background question the folder does not answer (0 if none)."""
        return float(np.einsum("ij,j->i", self.background, vector).max()) if len(self.background) else 0.0

    def background_coverage(self, text: str) -> float:
        """Share of a CJK query's words the nearest background question covers (0 if none)."""
        return self.background_lexical.best_coverage(text)

    def foreign_share(self, text: str) -> float:
        """Share of the (normalised) text's content words no entry uses, scaled down in a folder with few words."""
        return (1.0 - self.lexical.known_share(text)) * min(1.0, self.lexical.vocabulary / FULL_VOCABULARY)


@dataclass(frozen=True)
class Filters:
    """Metadata filters; None means any."""

    locale: str | None = None
    kinds: tuple[EntryKind, ...] | None = None
    product_id: str | None = None
    category: str | None = None

    def accepts(self, entry: IndexEntry) -> bool:
        return (
            (self.locale is None or entry.locale == self.locale)
            and (self.kinds is None or entry.kind in self.kinds)
            and (self.product_id is None or self.product_id in entry.product_ids)
            and (self.category is None or entry.category == self.category)
        )

    def where(self) -> dict[str, Any] | None:
        """The same filters as a Chroma `where` clause."""
        clauses: list[dict[str, Any]] = []
        if self.locale is not None:
            clauses.append({"locale": self.locale})
        if self.kinds is not None:
            clauses.append({"kind": {"$in": list(self.kinds)}})
        if self.product_id is not None:
            clauses.append({"products": {"$contains": self.product_id}})
        if self.category is not None:
            clauses.append({"category": self.category})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def scaled(evidence: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Evidence for the entry against the background, in [-1, 1], as a confidence in [0, 1]: 0.5 is a question as
    near the background as the entry. Nothing is cut off below 0.5: in a shop whose own trade is close to the
    background (electronics, next to "which phone should I buy"), right answers sit just above it."""
    return np.clip((1.0 + np.asarray(evidence, dtype=np.float64)) / 2.0, 0.0, 1.0)


def confidence(
    dense: npt.ArrayLike, foreign: npt.ArrayLike, background: npt.ArrayLike, thresholds: Thresholds
) -> npt.NDArray[np.float64]:
    """Dense evidence corrected by what the folder is not about (for one question or many). A near-miss question
    ("how do I delete my facebook account") is as close to an entry's phrasing as a paraphrase is; it is also close
    to a question shops don't answer, and its telling words are in no entry: those separate what the dense score
    alone cannot."""
    return scaled(np.asarray(dense) - thresholds.background_weight * np.asarray(background)
                  - thresholds.confidence_foreign * np.asarray(foreign))


def cjk_confidence(
    coverage: npt.ArrayLike, background: npt.ArrayLike, thresholds: Thresholds
) -> npt.NDArray[np.float64]:
    """The entry's coverage of a CJK query's words, less the nearest background question's."""
    return scaled(np.asarray(coverage) - thresholds.background_weight_cjk * np.asarray(background))


def hybrid_search(
    query: str,
    snapshot: Snapshot,
    vectors: VectorIndex,
    embedder: Embedder,
    thresholds: Thresholds,
    *,
    k: int = 5,
    filters: Filters | None = None,
    embedding: Vector | None = None,
    exact_scan_rows: int = EXACT_SCAN_ROWS,
) -> SearchResult:
    """Dense score plus weighted lexical evidence, best first, gated by a calibrated confidence.

    Small indexes score every entry exactly on all its views; large ones let the vector store propose candidates
    (approximate, filtered) and score those exactly. MiniLM cannot read CJK, so for CJK queries only the lexical
    path ranks and decides.
    """
    filters = filters or Filters()
    cjk = cjk_share(query) >= CJK_QUERY_SHARE
    pool = max(20, 4 * k)
    allowed: set[int] | None = None
    if filters != Filters():
        allowed = {i for i, e in enumerate(snapshot.entries) if filters.accepts(e)}
    text = query if cjk else snapshot.normaliser.normalise(query, embedder.knows)
    lexical_hits = snapshot.lexical.search(text, pool, allowed)
    dense: dict[int, float] = {}
    background = snapshot.background_coverage(text) if cjk else 0.0
    disowned = 0.0  # cosine with the nearest question the merchant says the files don't answer
    if not cjk and query.strip():
        vector = embedding if embedding is not None and text == query else embedder.embed_one(text)
        background = snapshot.nearest_background(vector)
        if len(snapshot.unanswered):
            disowned = float(np.einsum("ij,j->i", snapshot.unanswered, vector).max())
        if len(snapshot.vectors) <= exact_scan_rows:
            dense = snapshot.dense_scores(vector, None, thresholds.dense_weights)
            if allowed is not None:
                dense = {p: v for p, v in dense.items() if p in allowed}
        else:
            found = vectors.candidates(vector, thresholds.candidates, filters.where())
            positions = [snapshot.positions[i] for i in found if i in snapshot.positions]
            positions += [h.index for h in lexical_hits if h.index not in set(positions)]
            if allowed is not None:
                positions = [p for p in positions if p in allowed]
            dense = snapshot.dense_scores(vector, positions, thresholds.dense_weights)
    coverage = {h.index: h.coverage for h in lexical_hits}
    foreign = snapshot.foreign_share(text)
    fused: dict[int, float] = dict(dense)
    for hit in lexical_hits:
        if cjk:  # lexical evidence alone: rank by BM25
            fused[hit.index] = hit.bm25
        elif hit.index in fused:  # coverage, unlike BM25, means the same in a 6-entry and a 6,000-entry folder
            fused[hit.index] += thresholds.coverage_weight * hit.coverage
    ranked = heapq.nsmallest(k, fused.items(), key=lambda item: (-item[1], item[0]))
    hits = []
    for index, score in ranked:
        entry = snapshot.entries[index]
        d, c = dense.get(index), coverage.get(index)
        hits.append(SearchHit(
            id=entry.id, doc_id=entry.doc_id, kind=entry.kind, title=entry.title, text=entry.text,
            source=entry.source, line=entry.line, locale=entry.locale, product_ids=entry.product_ids,
            category=entry.category, tags=entry.tags, score=round(score, 6),
            confidence=round(float(cjk_confidence(c or 0.0, background, thresholds) if cjk
                                   else confidence(d or 0.0, foreign, background, thresholds)), 4),
            dense=None if d is None else round(d, 4), lexical=None if c is None else round(c, 4),
        ))
    if cjk:
        configured = thresholds.min_confidence_cjk
        threshold = snapshot.answer_threshold_cjk if configured is None else configured
    else:
        threshold = snapshot.answer_threshold if thresholds.min_confidence is None else thresholds.min_confidence
    # a question nearer to one the merchant listed as unanswered than to any phrasing of the entry is not answered,
    # whatever the folder's threshold: the merchant said so
    answered = bool(hits) and hits[0].confidence >= threshold
    if answered and disowned > 0.0 and not cjk:
        start, end = snapshot.rows[snapshot.positions[hits[0].id]]
        nearest = float(np.einsum("ij,j->i", snapshot.vectors[start:end], vector).max()) if end > start else 0.0
        answered = nearest >= disowned
    return SearchResult(query=query, answered=answered, hits=hits, threshold=threshold)
