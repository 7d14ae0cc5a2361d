"""Self-test: each entry's alternative questions held out in turn and searched for among the rest of the folder."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, Field

from knowledge.embeddings import Embedder
from knowledge.entries import VIEW_TYPES, EntryKind, IndexEntry
from knowledge.index import VectorIndex, ViewMatrix
from knowledge.search import Filters, Snapshot, Thresholds, hybrid_search

DEFAULT_FOLDS = 4
MIN_HELD_FOR_WEAK = 2  # an entry is listed as weak only on the evidence of at least this many held-out questions
# What the shopper-facing answer path searches (agent/nodes/answer.py): the self-test asks the same way.
ANSWER_KINDS: tuple[EntryKind, ...] = ("faq", "policy")


class HeldOutOutcome(BaseModel):
    """One held-out question: the entry it was written for and what search made of it without it."""

    question: str
    entry_id: str
    answered: bool
    top_id: str | None
    rank: int | None = Field(description="Rank of the entry among the first hits, answered or not (None: not among "
                             "them); answered with rank 1 means answered from it.")

    @property
    def found(self) -> bool:
        return self.answered and self.rank == 1


class Confusion(BaseModel):
    """Questions written for `entry_id` that search answered from `taken_by` instead."""

    entry_id: str
    taken_by: str
    count: int


class WeakEntry(BaseModel):
    """An entry whose own questions, held out, are often not found."""

    entry_id: str
    source: str
    held_out: int
    found: int
    unanswered: int = Field(default=0, description="Held-out questions no entry was confident enough to answer.")
    mostly_taken_by: str | None = Field(
        default=None, description="The entry that answered most of its missed questions, when one did: often an "
        "entry saying the same thing (an FAQ and a policy section), harmless if both answer.")


class SelfTestReport(BaseModel):
    """How well the folder finds its own alternative questions when each is held out."""

    folds: int
    entries_tested: int
    questions: int
    hit_at_1: float = Field(description="Share answered from the entry the question was written for.")
    hit_at_3: float = Field(description="Share answered with that entry among the first three hits.")
    unanswered: float = Field(description="Share left unanswered (below the folder's threshold).")
    confusions: list[Confusion]
    weak_entries: list[WeakEntry]
    outcomes: list[HeldOutOutcome]


def _matrix_of(snapshot: Snapshot) -> ViewMatrix:
    owners = tuple(snapshot.entries[p].id for p in snapshot.row_owner.tolist())
    return ViewMatrix(vectors=snapshot.vectors, owners=owners,
                      types=tuple(VIEW_TYPES[t] for t in snapshot.view_types.tolist()))


def _held_questions(entry: IndexEntry, fold: int, folds: int) -> list[str]:
    """The questions this fold holds out of the entry; the title always stays, so every entry keeps a phrasing."""
    own = [q for q in dict.fromkeys(entry.questions) if q != entry.title]
    return [q for i, q in enumerate(own) if i % folds == fold]


def self_test(
    snapshot: Snapshot, vectors: VectorIndex, embedder: Embedder, thresholds: Thresholds,
    *, folds: int = DEFAULT_FOLDS, top: int = 10,
) -> SelfTestReport:
    """Hold each entry's alternative questions out in `folds` rounds and search for each one with the real ranking
    and threshold, scoring every entry exactly, among the FAQ entries and policy sections of the question's locale
    (what the answer path searches). Nothing is re-embedded: the held-out question's stored vector is its query
    vector. The folder's threshold and background are those fitted on the whole folder, whose background was pruned
    of questions near any of its phrasings, the held-out ones included: a slightly kind setting."""
    if folds < 2:
        raise ValueError("the self-test needs at least 2 folds")
    matrix = _matrix_of(snapshot)
    outcomes: list[HeldOutOutcome] = []
    tested: set[str] = set()
    for fold in range(folds):
        held = {e.id: _held_questions(e, fold, folds) for e in snapshot.entries if e.kind in ANSWER_KINDS}
        held = {entry_id: qs for entry_id, qs in held.items() if qs}
        if not held:
            continue
        keep = np.ones(len(matrix.owners), dtype=bool)
        query_rows: dict[tuple[str, str], int] = {}
        for owner, questions in held.items():
            position = snapshot.positions[owner]
            start, end = snapshot.rows[position]
            # an entry's rows are its views in order (the index stores them so)
            for row, (kind, text) in enumerate(snapshot.entries[position].views()[: end - start], start=start):
                if kind == "question" and text in questions:
                    keep[row] = False
                    query_rows[(owner, text)] = row
        entries = [e.model_copy(update={"questions": tuple(q for q in e.questions if q not in held.get(e.id, ()))})
                   for e in snapshot.entries]
        kept = np.flatnonzero(keep)
        fold_matrix = ViewMatrix(vectors=matrix.vectors[kept], owners=tuple(matrix.owners[i] for i in kept),
                                 types=tuple(matrix.types[i] for i in kept))
        # the folder's fitted threshold and background stay those of the whole folder
        fold_snapshot = dataclasses.replace(
            Snapshot.of(entries, fold_matrix), background=snapshot.background, unanswered=snapshot.unanswered,
            background_lexical=snapshot.background_lexical, answer_threshold=snapshot.answer_threshold,
            answer_threshold_cjk=snapshot.answer_threshold_cjk,
        )
        for entry_id, questions in held.items():
            tested.add(entry_id)
            filters = Filters(locale=snapshot.entries[snapshot.positions[entry_id]].locale, kinds=ANSWER_KINDS)
            for question in questions:
                stored = query_rows.get((entry_id, question))
                result = hybrid_search(
                    question, fold_snapshot, vectors, embedder, thresholds, k=3, filters=filters,
                    embedding=None if stored is None else matrix.vectors[stored],
                    exact_scan_rows=len(matrix.owners) + 1,
                )
                rank = next((i + 1 for i, h in enumerate(result.hits) if h.id == entry_id), None)
                outcomes.append(HeldOutOutcome(
                    question=question, entry_id=entry_id, answered=result.answered,
                    top_id=result.hits[0].id if result.hits else None, rank=rank,
                ))
    return _report(outcomes, snapshot, folds, len(tested), top)


def _main_taker(entry_id: str, confusions: Counter[tuple[str, str]]) -> str | None:
    """The entry that answered more than half of `entry_id`'s questions that were answered from another one."""
    taken = {t: c for (e, t), c in confusions.items() if e == entry_id}
    best = max(sorted(taken), key=lambda t: taken[t], default=None)
    return best if best is not None and 2 * taken[best] > sum(taken.values()) else None


def _report(
    outcomes: Sequence[HeldOutOutcome], snapshot: Snapshot, folds: int, tested: int, top: int
) -> SelfTestReport:
    n = len(outcomes)

    def share(count: int) -> float:
        return round(count / n, 4) if n else 0.0

    confusions: Counter[tuple[str, str]] = Counter(
        (o.entry_id, o.top_id) for o in outcomes if o.answered and o.top_id is not None and o.top_id != o.entry_id)
    held = Counter(o.entry_id for o in outcomes)
    found = Counter(o.entry_id for o in outcomes if o.found)
    refused = Counter(o.entry_id for o in outcomes if not o.answered)
    weak = sorted(
        (e for e in held if held[e] >= MIN_HELD_FOR_WEAK and found[e] / held[e] < 0.5),
        key=lambda e: (found[e] / held[e], -held[e], e),
    )
    return SelfTestReport(
        folds=folds, entries_tested=tested, questions=n,
        hit_at_1=share(sum(1 for o in outcomes if o.found)),
        hit_at_3=share(sum(1 for o in outcomes if o.answered and o.rank is not None and o.rank <= 3)),
        unanswered=share(sum(1 for o in outcomes if not o.answered)),
        confusions=[Confusion(entry_id=e, taken_by=t, count=c)
                    for (e, t), c in sorted(confusions.items(), key=lambda item: (-item[1], item[0]))[:top]],
        weak_entries=[WeakEntry(entry_id=e, source=snapshot.entries[snapshot.positions[e]].source,
                                held_out=held[e], found=found[e], unanswered=refused[e],
                                mostly_taken_by=_main_taker(e, confusions))
                      for e in weak[:top]],
        outcomes=list(outcomes),
    )
