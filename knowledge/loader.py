"""Loading a knowledge directory: every file parsed, cross-file checks, last good version of broken files."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.entries import IndexEntry
from knowledge.files import ParsedFile, parse_faq, parse_guide, parse_intents, parse_policy, parse_unanswered
from knowledge.formats import POLICY_TOPICS
from knowledge.intents import IntentExamples, conflicts
from knowledge.issues import KnowledgeFileError, KnowledgeIssue
from knowledge.parsing import read_text

Parser = Callable[[str, str], ParsedFile]

# folder -> (parser, accepted suffixes); an explicit registry, documented in docs/knowledge.md
FOLDERS: dict[str, tuple[Parser, frozenset[str]]] = {
    "faq": (parse_faq, frozenset({".md"})),
    "policies": (parse_policy, frozenset({".md"})),
    "guides": (parse_guide, frozenset({".yaml", ".yml"})),
    "intents": (parse_intents, frozenset({".yaml", ".yml"})),
    "unanswered": (parse_unanswered, frozenset({".txt"})),
}
REQUIRED_POLICY_TOPICS = ("shipping", "returns", "payments", "warranty", "privacy")
assert set(REQUIRED_POLICY_TOPICS) <= set(POLICY_TOPICS)


def is_ignored(name: str) -> bool:
    """Hidden files and editors' temporary files are never knowledge."""
    return name.startswith((".", "#", "~")) or name.endswith(("~", ".swp", ".swx", ".tmp", ".bak"))


@dataclass
class LoadResult:
    """The effective content of a directory: valid files, plus the last good version of broken ones."""

    root: Path
    files: dict[str, ParsedFile] = field(default_factory=dict)
    stale: set[str] = field(default_factory=set)  # broken files served from their last good version
    failed: set[str] = field(default_factory=set)  # broken files (stale or dropped)
    issues: list[KnowledgeIssue] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[KnowledgeIssue]:
        return [i for i in self.issues if i.severity == "error"]

    def entries(self) -> list[IndexEntry]:
        return [entry for path in sorted(self.files) for entry in self.files[path].entries]

    def unanswered(self) -> list[str]:
        """The merchant's questions the files don't answer (`unanswered/*.txt`)."""
        return [q for path in sorted(self.files) for q in self.files[path].unanswered]

    def intent_examples(self) -> IntentExamples:
        return IntentExamples(examples=tuple(e for p in sorted(self.files) for e in self.files[p].examples))


def _warn(file: str, message: str, fix: str = "") -> KnowledgeIssue:
    return KnowledgeIssue(file=file, message=message, fix=fix, severity="warning")


def _scan(root: Path, result: LoadResult) -> list[tuple[str, Path, Parser]]:
    found: list[tuple[str, Path, Parser]] = []
    for path in sorted(root.rglob("*")):
        rel_parts = path.relative_to(root).parts
        if any(is_ignored(part) for part in rel_parts) or not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        folder = FOLDERS.get(rel_parts[0]) if len(rel_parts) > 1 else None
        if folder is None:
            if len(rel_parts) == 1 and path.stem.lower() in {"readme", "license"}:
                continue
            result.issues.append(_warn(rel, "not a knowledge file: ignored",
                                       "put FAQ entries in faq/, policies in policies/, guides in guides/, "
                                       "intent examples in intents/, questions you don't answer in unanswered/"))
            continue
        parser, suffixes = folder
        if path.suffix.lower() not in suffixes:
            endings = " or ".join(sorted(suffixes))
            result.issues.append(_warn(rel, f"ignored: files in {rel_parts[0]}/ must end in {endings}",
                                       "rename the file, or move it out of the knowledge directory"))
            continue
        found.append((rel, path, parser))
    return found


def load_directory(root: Path, fallback: Mapping[str, ParsedFile] | None = None) -> LoadResult:
    """Parse every knowledge file under `root`; a broken file keeps its `fallback` (last good) version."""
    fallback = fallback or {}
    result = LoadResult(root=root)
    if not root.is_dir():
        result.issues.append(KnowledgeIssue(file=str(root), message="the knowledge directory does not exist",
                                            fix="create it, or point SHOPCLERK_KNOWLEDGE_DIR at the right folder"))
        return result
    for rel, path, parser in _scan(root, result):
        try:
            text = read_text(path, rel)
            result.hashes[rel] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
            parsed = parser(text, rel)
        except KnowledgeFileError as exc:
            result.issues.extend(exc.issues)
            _fail(result, rel, fallback)
            continue
        problems = _cross_file_problems(result, parsed)
        if problems:
            result.issues.extend(problems)
            _fail(result, rel, fallback)
            continue
        result.files[rel] = parsed
    _check_coverage(result)
    return result


def _fail(result: LoadResult, rel: str, fallback: Mapping[str, ParsedFile]) -> None:
    result.failed.add(rel)
    previous = fallback.get(rel)
    if previous is not None and not _cross_file_problems(result, previous):
        result.files[rel] = previous
        result.stale.add(rel)


def _cross_file_problems(result: LoadResult, parsed: ParsedFile) -> list[KnowledgeIssue]:
    owners: dict[str, tuple[str, int]] = {}
    for other in result.files.values():
        for doc_id, line in other.ids:
            owners[doc_id] = (other.path, line)
        for entry in other.entries:
            owners.setdefault(entry.id, (other.path, entry.line))
    problems: list[KnowledgeIssue] = []
    for doc_id, line in parsed.ids:
        if doc_id in owners:
            owner_file, owner_line = owners[doc_id]
            where = f"{owner_file}:{owner_line}"
            problems.append(KnowledgeIssue(file=parsed.path, line=line,
                                           message=f"id '{doc_id}' is already used by {where}",
                                           fix="give this entry an id of its own"))
    if parsed.examples:  # only intent files carry examples; checking every FAQ file against them cost seconds
        existing = [e for f in result.files.values() for e in f.examples]
        problems.extend(conflicts(existing + parsed.examples))
    return problems


def _check_coverage(result: LoadResult) -> None:
    kinds = {f.kind for f in result.files.values()}
    if "faq" not in kinds:
        result.issues.append(_warn("faq/", "no FAQ entries found", "add Markdown files under faq/"))
    topics = {tag for f in result.files.values() if f.kind == "policy" for e in f.entries for tag in e.tags[:1]}
    missing = [t for t in REQUIRED_POLICY_TOPICS if t not in topics]
    if missing:
        result.issues.append(_warn("policies/", f"no policy for: {', '.join(missing)}",
                                   "add a policies/<topic>.md file with 'topic: <topic>' for each"))
