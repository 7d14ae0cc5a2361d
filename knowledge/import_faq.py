"""Importing a shop's FAQ export (CSV or JSON Lines: id, question, answer, optional tags) as knowledge files."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import yaml
from pydantic import BaseModel

from knowledge.files import parse_faq, slugify
from knowledge.formats import ID_PATTERN, LOCALE_PATTERN
from knowledge.issues import KnowledgeFileError, KnowledgeIssue

IMPORT_FOLDER = "faq/imported"


class ImportReport(BaseModel):
    """What an import wrote, what it left alone, and the rows it could not use."""

    written: list[str] = []
    skipped: list[str] = []
    issues: list[KnowledgeIssue] = []


def _rows(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    if path.suffix.lower() in {".jsonl", ".ndjson", ".json"}:
        with path.open(encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise KnowledgeFileError([KnowledgeIssue(
                        file=path.name, line=number, message=f"not valid JSON: {exc.msg}",
                        fix='write one JSON object per line: {"id": "...", "question": "...", "answer": "..."}',
                    )]) from exc
                if not isinstance(row, dict):
                    raise KnowledgeFileError([KnowledgeIssue(file=path.name, line=number,
                                                             message="each line must be a JSON object")])
                yield number, row
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"question", "answer"} - {f.strip().lower() for f in reader.fieldnames or []}
        if missing:
            raise KnowledgeFileError([KnowledgeIssue(
                file=path.name, line=1, message=f"missing column(s): {', '.join(sorted(missing))}",
                fix="the header must name at least: id, question, answer (tags optional)",
            )])
        for row in reader:
            yield reader.line_num, {(k or "").strip().lower(): v for k, v in row.items()}


def _tags(value: object) -> list[str]:
    items = value if isinstance(value, list) else re.split(r"[;,|]", str(value or ""))
    return [t for t in (re.sub(r"[^a-z0-9_]+", "_", str(i).strip().lower()).strip("_") for i in items) if t]


def _entry_id(raw: object, question: str) -> str:
    candidate = str(raw or "").strip().lower()
    if re.match(ID_PATTERN, candidate) and len(candidate) >= 2:
        return candidate
    slug = slugify(candidate) or slugify(question)
    return slug if len(slug) >= 2 else "faq-" + hashlib.sha1(question.encode("utf-8")).hexdigest()[:10]


def render_faq(entry_id: str, question: str, answer: str, tags: list[str], locale: str) -> str:
    """One FAQ file in the documented format."""
    front: dict[str, object] = {"id": entry_id, "title": question}
    if tags:
        front["tags"] = tags
    if locale != "en":
        front["locale"] = locale
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None)
    return f"---\n{header}---\n{answer.strip()}\n"


def import_faq(source: Path, knowledge_dir: Path, *, locale: str = "en", overwrite: bool = False) -> ImportReport:
    """Write one `faq/imported/<id>.md` per row; rows that fail validation are reported, not written."""
    if not re.match(LOCALE_PATTERN, locale):
        raise KnowledgeFileError([KnowledgeIssue(file=source.name, message=f"bad locale {locale!r}",
                                                 fix="use a code such as en or zh")])
    report = ImportReport()
    seen: dict[str, int] = {}
    target = knowledge_dir / IMPORT_FOLDER
    for number, row in _rows(source):
        question = str(row.get("question") or "").strip()
        answer = str(row.get("answer") or "").strip()
        if not question or not answer:
            report.issues.append(KnowledgeIssue(file=source.name, line=number,
                                                message="row without a question or an answer: skipped",
                                                fix="fill in both columns", severity="warning"))
            continue
        entry_id = _entry_id(row.get("id"), question)
        if entry_id in seen:
            report.issues.append(KnowledgeIssue(
                file=source.name, line=number, message=f"id '{entry_id}' repeats line {seen[entry_id]}: skipped",
                fix="give every row its own id",
            ))
            continue
        seen[entry_id] = number
        rel = f"{IMPORT_FOLDER}/{entry_id}.md"
        text = render_faq(entry_id, question, answer, _tags(row.get("tags")), str(row.get("locale") or locale))
        try:
            parse_faq(text, rel)
        except KnowledgeFileError as exc:
            report.issues += [i.model_copy(update={"file": source.name, "line": number}) for i in exc.issues]
            continue
        path = target / f"{entry_id}.md"
        if path.exists() and not overwrite:
            report.skipped.append(rel)
            continue
        target.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        report.written.append(rel)
    return report
