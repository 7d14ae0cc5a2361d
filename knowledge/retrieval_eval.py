"""Retrieval quality on a question file: hit@1, hit@3, MRR, no-answer precision/recall, query latency."""

from __future__ import annotations

import csv
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from knowledge.issues import KnowledgeFileError, KnowledgeIssue
from knowledge.search import SearchResult

Searcher = Callable[[str], SearchResult]


class Question(BaseModel):
    """A shopper question and the entry ids that answer it (any of them counts); none means off-topic."""

    question: str
    expected: tuple[str, ...] = ()
    line: int = 0

    @property
    def answerable(self) -> bool:
        return bool(self.expected)


def read_questions(path: Path) -> list[Question]:
    """CSV with columns `question, expected_id`; `expected_id` may list alternatives as `a|b`, or be empty."""
    name = path.name
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = {"question", "expected_id"} - set(reader.fieldnames or [])
            if missing:
                raise KnowledgeFileError([KnowledgeIssue(
                    file=name, line=1, message=f"missing column(s): {', '.join(sorted(missing))}",
                    fix="the first line must be: question,expected_id",
                )])
            questions = []
            for row in reader:
                text = (row.get("question") or "").strip()
                if not text:
                    continue
                expected = tuple(p.strip() for p in (row.get("expected_id") or "").split("|") if p.strip())
                questions.append(Question(question=text, expected=expected, line=reader.line_num))
            return questions
    except OSError as exc:
        raise KnowledgeFileError([KnowledgeIssue(file=name, message=f"cannot read: {exc.strerror}")]) from exc


class QuestionOutcome(BaseModel):
    question: str
    expected: list[str]
    answered: bool
    rank: int | None = Field(description="1-based rank of the first correct hit among those returned, if answered.")
    top_id: str | None
    top_confidence: float | None
    ms: float


class RetrievalReport(BaseModel):
    """Figures over a question set; hits count only when retrieval answered (no answer is a miss)."""

    questions: int
    answerable: int
    off_topic: int
    hit_at_1: float
    hit_at_3: float
    mrr: float
    no_answer_precision: float = Field(description="Of the questions left unanswered, the share that were off-topic.")
    no_answer_recall: float = Field(description="Of the off-topic questions, the share left unanswered.")
    wrong_answers: int = Field(description="Answered with a wrong top entry (on-topic or off-topic).")
    query_ms_p50: float
    query_ms_p95: float
    outcomes: list[QuestionOutcome]

    def failures(self) -> list[QuestionOutcome]:
        return [o for o in self.outcomes if (o.expected and o.rank != 1) or (not o.expected and o.answered)]


def _matches(expected: tuple[str, ...], hit_id: str, doc_id: str) -> bool:
    return hit_id in expected or doc_id in expected


def evaluate(search: Searcher, questions: list[Question], *, warmup: int = 3) -> RetrievalReport:
    """Run every question through `search` (k >= 3) and score the results."""
    for question in questions[:warmup]:
        search(question.question)
    outcomes: list[QuestionOutcome] = []
    for question in questions:
        started = time.perf_counter()
        result = search(question.question)
        elapsed = (time.perf_counter() - started) * 1000
        rank = None
        if result.answered:
            rank = next((i + 1 for i, h in enumerate(result.hits) if _matches(question.expected, h.id, h.doc_id)),
                        None)
        top = result.hits[0] if result.hits else None
        outcomes.append(QuestionOutcome(
            question=question.question, expected=list(question.expected), answered=result.answered, rank=rank,
            top_id=top.id if top else None, top_confidence=top.confidence if top else None, ms=round(elapsed, 3),
        ))
    answerable = [o for o in outcomes if o.expected]
    off_topic = [o for o in outcomes if not o.expected]
    unanswered = [o for o in outcomes if not o.answered]
    times = sorted(o.ms for o in outcomes) or [0.0]

    def share(part: int, whole: int) -> float:
        return round(part / whole, 4) if whole else 0.0

    return RetrievalReport(
        questions=len(outcomes), answerable=len(answerable), off_topic=len(off_topic),
        hit_at_1=share(sum(1 for o in answerable if o.rank == 1), len(answerable)),
        hit_at_3=share(sum(1 for o in answerable if o.rank is not None and o.rank <= 3), len(answerable)),
        mrr=round(sum(1 / o.rank for o in answerable if o.rank) / len(answerable), 4) if answerable else 0.0,
        no_answer_precision=share(sum(1 for o in unanswered if not o.expected), len(unanswered)),
        no_answer_recall=share(sum(1 for o in off_topic if not o.answered), len(off_topic)),
        wrong_answers=sum(1 for o in outcomes if o.answered and o.rank != 1),
        query_ms_p50=round(statistics.median(times), 3),
        query_ms_p95=round(times[min(len(times) - 1, int(0.95 * len(times)))], 3),
        outcomes=outcomes,
    )


def to_markdown(report: RetrievalReport, title: str = "Retrieval evaluation") -> str:
    """A short summary table plus every miss."""
    rows = [
        f"# {title}", "",
        f"{report.questions} questions: {report.answerable} answerable, {report.off_topic} off-topic.", "",
        "| metric | value |", "|---|---|",
        f"| hit@1 | {report.hit_at_1:.3f} |", f"| hit@3 | {report.hit_at_3:.3f} |", f"| MRR | {report.mrr:.3f} |",
        f"| no-answer precision | {report.no_answer_precision:.3f} |",
        f"| no-answer recall (off-topic left unanswered) | {report.no_answer_recall:.3f} |",
        f"| wrong answers | {report.wrong_answers} |",
        f"| query p50 / p95 (ms) | {report.query_ms_p50:.2f} / {report.query_ms_p95:.2f} |", "",
        "## Misses", "", "| question | expected | got | confidence | answered |", "|---|---|---|---|---|",
    ]
    for o in report.failures():
        conf = f"{o.top_confidence:.3f}" if o.top_confidence is not None else "-"
        expected = "/".join(o.expected) or "(none)"
        rows.append(f"| {o.question} | {expected} | {o.top_id or '-'} | {conf} | {o.answered} |")
    return "\n".join(rows) + "\n"


def write_report(report: RetrievalReport, directory: Path) -> tuple[Path, Path]:
    """Write `retrieval.json` and `retrieval.md` into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    json_path, md_path = directory / "retrieval.json", directory / "retrieval.md"
    json_path.write_text(json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False), encoding="utf-8")
    md_path.write_text(to_markdown(report), encoding="utf-8")
    return json_path, md_path
