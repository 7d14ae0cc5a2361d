"""Parsing one FAQ, policy or category-guide file into searchable entries."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from knowledge.entries import IndexEntry
from knowledge.formats import CategoryGuide, FaqFrontMatter, PolicyFrontMatter
from knowledge.intents import IntentExample, parse_intent_file
from knowledge.issues import KnowledgeFileError, KnowledgeIssue
from knowledge.parsing import load_yaml, split_front_matter, validate_model

_HEADING = re.compile(r"^##\s+(?P<title>.+?)\s*(?:\{#(?P<anchor>[a-z0-9][a-z0-9_-]*)\})?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
INTRO = "intro"  # the key of a policy's text before its first heading, in its `questions:`; no section may use it
MAX_QUESTION_CHARS = 300  # a line of unanswered/*.txt longer than this is a paragraph, not a question


@dataclass
class ParsedFile:
    """What one valid file contributes: entries to index, a guide, intent examples, policy facts."""

    path: str
    kind: str
    entries: list[IndexEntry] = field(default_factory=list)
    guide: CategoryGuide | None = None
    examples: list[IntentExample] = field(default_factory=list)
    facts: dict[str, dict[str, int | float | bool | str]] = field(default_factory=dict)
    ids: list[tuple[str, int]] = field(default_factory=list)  # file-level ids and their lines, for duplicates
    unanswered: list[str] = field(default_factory=list)  # questions the merchant says the files don't answer


def slugify(text: str) -> str:
    """An ASCII anchor for a heading; empty when the heading has no Latin letters or digits."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60]


def parse_faq(text: str, file: str) -> ParsedFile:
    """An FAQ file: front matter (id, title, tags, products, locale, questions) and the answer below."""
    doc = split_front_matter(text, file)
    data, lines = load_yaml(doc.header, file, doc.header_line)
    front = validate_model(FaqFrontMatter, data, file, lines, "front matter")
    if not doc.body.strip():
        raise KnowledgeFileError([KnowledgeIssue(
            file=file, line=doc.body_line, message="the answer is empty",
            fix="write the answer below the closing '---' of the front matter",
        )])
    entry = IndexEntry(
        id=front.id, doc_id=front.id, kind="faq", title=front.title, text=doc.body.strip(), source=file,
        line=1, locale=front.locale, tags=tuple(front.tags), product_ids=tuple(front.products),
        questions=tuple(front.questions),
    )
    return ParsedFile(path=file, kind="faq", entries=[entry], ids=[(front.id, lines.get(("id",), 2))])


def parse_policy(text: str, file: str) -> ParsedFile:
    """A policy file: front matter, an introduction, and `## ` sections that become entries of their own."""
    doc = split_front_matter(text, file)
    data, lines = load_yaml(doc.header, file, doc.header_line)
    front = validate_model(PolicyFrontMatter, data, file, lines, "front matter")
    sections: list[tuple[str | None, str | None, int, list[str]]] = [(None, None, doc.body_line, [])]
    in_fence = False
    issues: list[KnowledgeIssue] = []
    for offset, raw in enumerate(doc.body.splitlines()):
        line_no = doc.body_line + offset
        if _FENCE.match(raw):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(raw)
        if match:
            sections.append((match["title"], match["anchor"], line_no, []))
        else:
            sections[-1][3].append(raw)
    entries: list[IndexEntry] = []
    used: dict[str, int] = {}
    for number, (heading, anchor, line_no, body) in enumerate(sections):
        content = "\n".join(body).strip()
        if heading is None:
            if not content:
                continue
            entry_id, title, slug = front.id, front.title, INTRO
        else:
            slug = anchor or slugify(heading) or f"section-{number}"
            if slug == INTRO:
                issues.append(KnowledgeIssue(
                    file=file, line=line_no, message=f"the anchor '{INTRO}' is kept for the text before the first "
                    "heading", fix="give this heading an anchor of its own: '## Heading {#other-anchor}'",
                ))
                continue
            if slug in used:
                issues.append(KnowledgeIssue(
                    file=file, line=line_no,
                    message=f"section anchor '{slug}' is used twice (first on line {used[slug]})",
                    fix="rename one heading, or give it an explicit anchor: '## Heading {#other-anchor}'",
                ))
                continue
            used[slug] = line_no
            if not content:
                issues.append(KnowledgeIssue(
                    file=file, line=line_no, message=f"section '{heading}' is empty",
                    fix="write the section's text below its heading, or remove the heading",
                ))
                continue
            entry_id, title = f"{front.id}#{slug}", f"{front.title}: {heading}"
        entries.append(IndexEntry(
            id=entry_id, doc_id=front.id, kind="policy", title=title, text=content, source=file, line=line_no,
            locale=front.locale, tags=(front.topic, *front.tags), questions=tuple(front.questions.get(slug, ())),
        ))
    known = [INTRO if e.id == front.id else e.id.split("#", 1)[1] for e in entries]
    issues += [
        KnowledgeIssue(
            file=file, line=lines.get(("questions", anchor), lines.get(("questions",), doc.header_line)),
            message=f"questions for a section that does not exist: '{anchor}'",
            fix=f"use a section anchor of this policy: {', '.join(known)}",
        )
        for anchor in front.questions if anchor not in known
    ]
    if issues:
        raise KnowledgeFileError(issues)
    if not entries:
        raise KnowledgeFileError([KnowledgeIssue(
            file=file, line=doc.body_line, message="the policy has no text",
            fix="write the policy below the front matter, with '## ' headings for its sections",
        )])
    return ParsedFile(
        path=file, kind="policy", entries=entries, facts={front.id: dict(front.facts)},
        ids=[(front.id, lines.get(("id",), 2))],
    )


def parse_guide(text: str, file: str) -> ParsedFile:
    """A category guide (YAML): the decisive attributes of a category, also searchable as text."""
    data, lines = load_yaml(text, file)
    guide = validate_model(CategoryGuide, data, file, lines, "category guide")
    attrs = "\n".join(
        f"- {a.label}{f' ({a.unit})' if a.unit else ''}: {a.why}" for a in guide.decisive_attributes
    )
    parts = [guide.summary, "What decides the choice:", attrs]
    if guide.questions_to_ask:
        parts += ["Questions to ask:", *(f"- {q}" for q in guide.questions_to_ask)]
    if guide.tips:
        parts += ["Tips:", *(f"- {t}" for t in guide.tips)]
    guide_id = f"guide:{guide.category}" if guide.locale == "en" else f"guide:{guide.category}:{guide.locale}"
    entry = IndexEntry(
        id=guide_id, doc_id=guide_id, kind="guide", title=f"How to choose {guide.title.lower()}",
        text="\n".join(parts), source=file, line=1, locale=guide.locale, category=guide.category,
        tags=(guide.category,), questions=tuple(guide.questions),
    )
    return ParsedFile(path=file, kind="guide", entries=[entry], guide=guide,
                      ids=[(guide_id, lines.get(("category",), 1))])


def parse_unanswered(text: str, file: str) -> ParsedFile:
    """Questions shoppers ask that the shop's files don't answer, one per line (`#` starts a comment): they join
    the background, so questions like them get "no answer" instead of the nearest wrong entry."""
    questions: list[str] = []
    issues: list[KnowledgeIssue] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if len(line) > MAX_QUESTION_CHARS:
            issues.append(KnowledgeIssue(
                file=file, line=number, message=f"a line of {len(line)} characters is not one question",
                fix=f"write one question per line, under {MAX_QUESTION_CHARS} characters",
            ))
            continue
        questions.append(line)
    if issues:
        raise KnowledgeFileError(issues)
    return ParsedFile(path=file, kind="unanswered", unanswered=questions)


def parse_intents(text: str, file: str) -> ParsedFile:
    """An intents file; conflicts across files are checked by the loader."""
    return ParsedFile(path=file, kind="intents", examples=parse_intent_file(text, file))
