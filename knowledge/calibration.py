"""Threshold calibration: sweep the answer threshold on a held-out question set and pick the best trade-off."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from knowledge.lexical import cjk_share
from knowledge.retrieval_eval import Question
from knowledge.search import CJK_QUERY_SHARE, SearchResult

UngatedSearch = Callable[[str], SearchResult]


class SweepRow(BaseModel):
    threshold: float
    hit_at_1: float
    no_answer_recall: float
    objective: float


class Calibration(BaseModel):
    """The sweep for one query script (Latin or CJK) and the threshold chosen."""

    script: str
    answerable: int
    off_topic: int
    best: SweepRow | None
    rows: list[SweepRow]


def calibrate(
    search: UngatedSearch, questions: list[Question], *, min_recall: float = 0.95, step: float = 0.01
) -> list[Calibration]:
    """Pick, per script, the threshold with the best hit@1 among those leaving >= `min_recall` of the
    off-topic questions unanswered (0.95 by default: a margin over the 0.90 goal for unseen questions).

    `search` must not gate (threshold 0), so each question's top hit and its confidence are seen once.
    """
    tops: dict[str, list[tuple[bool, bool, float]]] = {"latin": [], "cjk": []}
    for question in questions:
        result = search(question.question)
        top = result.hits[0] if result.hits else None
        correct = top is not None and (top.id in question.expected or top.doc_id in question.expected)
        script = "cjk" if cjk_share(question.question) >= CJK_QUERY_SHARE else "latin"
        tops[script].append((question.answerable, correct, top.confidence if top else 0.0))
    out = []
    for script, rows in tops.items():
        answerable = [r for r in rows if r[0]]
        off_topic = [r for r in rows if not r[0]]
        sweep: list[SweepRow] = []
        threshold = 0.0
        while threshold <= 1.0 + 1e-9 and answerable and off_topic:
            hit = sum(1 for _, ok, c in answerable if ok and c >= threshold) / len(answerable)
            recall = sum(1 for _, _, c in off_topic if c < threshold) / len(off_topic)
            sweep.append(SweepRow(threshold=round(threshold, 3), hit_at_1=round(hit, 4),
                                  no_answer_recall=round(recall, 4), objective=round(hit + recall, 4)))
            threshold += step
        eligible = [r for r in sweep if r.no_answer_recall >= min_recall] or sweep
        # ties go to the middle of the best plateau: it generalises better than its edge
        best_value = max((r.hit_at_1 for r in eligible), default=0.0)
        plateau = [r for r in eligible if r.hit_at_1 == best_value]
        best = plateau[len(plateau) // 2] if plateau else None
        out.append(Calibration(script=script, answerable=len(answerable), off_topic=len(off_topic),
                               best=best, rows=sweep))
    return out
