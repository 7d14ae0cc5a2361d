"""The background: questions shops' files don't answer, embedded once, and the answer threshold they give a folder."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from knowledge.embeddings import DIM, Embedder, Vector
from knowledge.lexical import LexicalIndex, cjk_share
from knowledge.search import CJK_QUERY_SHARE, Snapshot, Thresholds, cjk_confidence, confidence

log = logging.getLogger("shopclerk.knowledge")

# Generic questions shoppers type into a shop's chat that its own files normally don't answer (pet health, other
# companies' accounts, everyday errands, chit-chat...), written for every kind of shop. A question nearer to one of
# them than to any entry is about something else: "how long is a cat pregnant" is closer to "how long does a dog
# pregnancy last" than to the feeding entry whose words it shares. That comparison is what a single threshold on
# the entry's score cannot make.
# The Chinese ones are compared by words (MiniLM cannot read Chinese): a question sharing more of its characters with
# "推荐一部电影" than with any entry is not one the folder answers.
BACKGROUND_FILES = (
    Path(__file__).parent / "data" / "background_questions.txt",
    Path(__file__).parent / "data" / "background_near_misses.txt",  # shop words, someone else's business
    Path(__file__).parent / "data" / "background_shop_extras.txt",  # a shop's own extras many files leave out
    Path(__file__).parent / "data" / "background_questions_zh.txt",
)
FLOOR, CAP = 0.35, 0.8  # whatever the folder, never answer below FLOOR nor demand more than CAP
_CHUNK = 8192  # question views per product when pruning


def read_background(paths: Sequence[Path] = BACKGROUND_FILES) -> tuple[str, ...]:
    """One question per line; blank lines and `#` comments skipped, duplicates dropped."""
    lines = (line.strip() for path in paths for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(dict.fromkeys(line for line in lines if line and not line.startswith("#")))


@dataclass(frozen=True)
class BackgroundCorpus:
    """The background questions: Latin-script ones with their embeddings (cached on disk: embedding them takes about
    a second), CJK ones as text for the lexical path."""

    texts: tuple[str, ...]
    vectors: Vector
    cjk_texts: tuple[str, ...] = ()

    @classmethod
    def load(
        cls, embedder: Embedder, *, cache_dir: Path | None = None, paths: Sequence[Path] = BACKGROUND_FILES
    ) -> BackgroundCorpus:
        """Read the files and embed the Latin-script questions, or load their embeddings from `cache_dir`. A damaged
        or unreadable cache is embedded again; a cache that cannot be written is only logged."""
        every = read_background(paths)
        texts = tuple(t for t in every if cjk_share(t) < CJK_QUERY_SHARE)
        cjk_texts = tuple(t for t in every if cjk_share(t) >= CJK_QUERY_SHARE)
        digest = hashlib.sha256("\n".join((embedder.name, *texts)).encode()).hexdigest()[:16]
        cached = cache_dir / f"background-{digest}.npy" if cache_dir is not None else None
        if cached is not None and cached.exists():
            try:
                vectors = np.load(cached)
                if vectors.shape == (len(texts), DIM):
                    return cls(texts, vectors, cjk_texts)
                log.warning("knowledge: %s has the wrong shape; embedding the background again", cached)
            except (OSError, ValueError) as exc:
                log.warning("knowledge: cannot read %s (%s); embedding the background again", cached, exc)
        vectors = embedder.embed(list(texts))
        if cached is not None:
            _save(cached, vectors)
        return cls(texts, vectors, cjk_texts)

    def plus(self, texts: Sequence[str], embedder: Embedder) -> BackgroundCorpus:
        """This background and more questions (the merchant's own `unanswered/` list), embedded now."""
        latin = [t for t in dict.fromkeys(texts) if cjk_share(t) < CJK_QUERY_SHARE and t not in self.texts]
        cjk = [t for t in dict.fromkeys(texts) if cjk_share(t) >= CJK_QUERY_SHARE and t not in self.cjk_texts]
        vectors = np.concatenate([self.vectors, embedder.embed(latin)]) if latin else self.vectors
        return BackgroundCorpus((*self.texts, *latin), vectors, (*self.cjk_texts, *cjk))

    def outside(self, question_views: Vector, lexical: LexicalIndex, prune_at: float) -> BackgroundCorpus:
        """The background questions a folder does not answer: those whose nearest phrasing of an entry (cosine, or
        for CJK the share of their words an entry covers) is below `prune_at` (a shop whose files cover grooming
        appointments keeps its grooming questions answerable)."""
        keep = np.ones(len(self.texts), dtype=bool)
        for start in range(0, len(question_views), _CHUNK):  # a large index never needs one huge matrix
            keep &= (self.vectors @ question_views[start : start + _CHUNK].T).max(axis=1, initial=-1.0) < prune_at
        cjk = tuple(t for t in self.cjk_texts if lexical.best_coverage(t) < prune_at)
        return BackgroundCorpus(
            tuple(t for t, k in zip(self.texts, keep, strict=True) if k), np.ascontiguousarray(self.vectors[keep]), cjk
        )


def _save(path: Path, vectors: Vector) -> None:
    """Write atomically through a temporary file of this process's own; a read-only data directory is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npy", delete=False) as handle:
            np.save(handle, vectors)
        Path(handle.name).replace(path)
    except OSError as exc:
        log.warning("knowledge: cannot cache the background embeddings in %s (%s)", path.parent, exc)


def leave_one_out(vectors: Vector) -> Vector:
    """Per background vector, its cosine with the nearest other one: how near the background comes to a new
    off-topic question, measured on off-topic questions it has not seen."""
    if len(vectors) < 2:
        return np.zeros(len(vectors), np.float32)
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -1.0)
    out: Vector = sims.max(axis=1).astype(np.float32)
    return out


def lexical_leave_one_out(texts: Sequence[str]) -> tuple[LexicalIndex, Vector]:
    """The CJK background as a lexical index, and per question the share of its words the nearest other one covers."""
    index = LexicalIndex(texts)
    nearest = [max((h.coverage for h in index.search(t, 3) if h.index != i), default=0.0) for i, t in enumerate(texts)]
    return index, np.asarray(nearest, dtype=np.float32)


def answer_threshold(background_confidences: npt.NDArray[np.floating[Any]], quantile: float) -> float:
    """The confidence below which `quantile` of the (left-out) background questions fall, within [FLOOR, CAP]:
    a new question scoring like off-topic ones do is left unanswered."""
    if not len(background_confidences):
        return FLOOR
    value = float(np.quantile(background_confidences, quantile))
    return round(min(CAP, max(FLOOR, value)), 4)


def fit_to_folder(
    snapshot: Snapshot, corpus: BackgroundCorpus, thresholds: Thresholds, embedder: Embedder,
    unanswered: Sequence[str] = (),
) -> Snapshot:
    """The snapshot with the background questions its folder does not answer (plus the merchant's own
    `unanswered/` questions, which are never set aside) and the thresholds they give it: each background question,
    scored as a query against the rest of the background, is a sample of how confident retrieval is about a
    question the folder has no answer for."""
    t = thresholds
    outside = corpus.outside(snapshot.vectors[snapshot.view_types == 0], snapshot.lexical, t.prune_background_at)
    outside = outside.plus(unanswered, embedder)
    dense = snapshot.best_dense(outside.vectors, t.dense_weights)
    foreign = np.array([snapshot.foreign_share(snapshot.normaliser.normalise(q, embedder.knows))
                        for q in outside.texts], dtype=np.float32)
    latin = confidence(dense, foreign, leave_one_out(outside.vectors), t)
    background_lexical, nearest = lexical_leave_one_out(outside.cjk_texts)
    coverage = np.array([snapshot.lexical.best_coverage(q) for q in outside.cjk_texts], dtype=np.float32)
    cjk = cjk_confidence(coverage, nearest, t)
    own = [q for q in dict.fromkeys(unanswered) if cjk_share(q) < CJK_QUERY_SHARE]
    return dataclasses.replace(
        snapshot, background=outside.vectors, background_lexical=background_lexical,
        unanswered=embedder.embed(own) if own else snapshot.unanswered,
        answer_threshold=answer_threshold(latin, t.background_quantile),
        answer_threshold_cjk=answer_threshold(cjk, t.background_quantile),
    )
