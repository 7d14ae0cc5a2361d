"""Intent example files for the offline NLU: `intents/*.yaml`, intent name -> example utterances."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from knowledge.formats import OUT_OF_SCOPE, IntentFile, normalise_utterance
from knowledge.issues import KnowledgeFileError, KnowledgeIssue
from knowledge.parsing import load_yaml, read_text, validate_model

INTENTS_DIR = "intents"


class IntentExample(BaseModel):
    """One example utterance, labelled, with where it was written."""

    model_config = ConfigDict(frozen=True)

    text: str
    intent: str
    locale: str = "en"
    source: str = ""
    line: int = 0


class IntentExamples(BaseModel):
    """All intent examples of a knowledge directory; `out_of_scope` examples are kept apart."""

    model_config = ConfigDict(frozen=True)

    examples: tuple[IntentExample, ...] = ()

    def intents(self) -> list[str]:
        """In-scope intent names, sorted."""
        return sorted({e.intent for e in self.examples if e.intent != OUT_OF_SCOPE})

    def by_intent(self, locale: str | None = None) -> dict[str, list[str]]:
        """Intent name -> utterances (in-scope only), optionally for one locale."""
        out: dict[str, list[str]] = {}
        for example in self.examples:
            if example.intent != OUT_OF_SCOPE and (locale is None or example.locale == locale):
                out.setdefault(example.intent, []).append(example.text)
        return out

    def out_of_scope(self, locale: str | None = None) -> list[str]:
        """Utterances the shop's agent should decline or route elsewhere."""
        return [e.text for e in self.examples if e.intent == OUT_OF_SCOPE and (locale is None or e.locale == locale)]

    def content_hash(self) -> str:
        """Changes whenever any label or utterance changes: the NLU's cache key."""
        digest = hashlib.sha256()
        for example in sorted(self.examples, key=lambda e: (e.intent, e.locale, e.text)):
            digest.update(f"{example.intent}\t{example.locale}\t{example.text}\n".encode())
        return digest.hexdigest()[:32]


def parse_intent_file(text: str, file: str) -> list[IntentExample]:
    """Parse one intents file; raise `KnowledgeFileError` with file and line of each problem."""
    data, lines = load_yaml(text, file)
    parsed = validate_model(IntentFile, data, file, lines, "intents file")
    return [
        IntentExample(
            text=utterance,
            intent=intent,
            locale=parsed.locale,
            source=file,
            line=lines.get(("intents", intent, index), 0),
        )
        for intent, utterances in parsed.intents.items()
        for index, utterance in enumerate(utterances)
    ]


LabelIndex = dict[tuple[str, str], IntentExample]  # (locale, normalised text) -> the first example


def _key(example: IntentExample) -> tuple[str, str]:
    return example.locale, normalise_utterance(example.text)


def conflicts(examples: list[IntentExample], known: LabelIndex | None = None) -> list[KnowledgeIssue]:
    """The same utterance labelled with two intents confuses the classifier: report the later one.

    `known` holds examples already accepted (checked against, not changed)."""
    first: LabelIndex = dict(known or {})
    issues: list[KnowledgeIssue] = []
    for example in examples:
        seen = first.setdefault(_key(example), example)
        if seen is not example and seen.intent != example.intent:
            issues.append(KnowledgeIssue(
                file=example.source, line=example.line,
                message=f"example {example.text!r} is labelled '{example.intent}' here and "
                f"'{seen.intent}' in {seen.source}:{seen.line}",
                fix="keep the example under one intent only",
            ))
    return issues


def load_intent_examples(knowledge_dir: Path) -> tuple[IntentExamples, list[KnowledgeIssue]]:
    """Read every `intents/*.yaml` of a knowledge directory; bad files are skipped and reported."""
    examples: list[IntentExample] = []
    issues: list[KnowledgeIssue] = []
    accepted: LabelIndex = {}
    folder = knowledge_dir / INTENTS_DIR
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.suffix not in {".yaml", ".yml"} or path.name.startswith("."):
            continue
        rel = path.relative_to(knowledge_dir).as_posix()
        try:
            parsed = parse_intent_file(read_text(path, rel), rel)
        except KnowledgeFileError as exc:
            issues.extend(exc.issues)
            continue
        bad = conflicts(parsed, accepted)
        if bad:
            issues.extend(bad)
            continue
        examples.extend(parsed)
        for example in parsed:
            accepted.setdefault(_key(example), example)
    return IntentExamples(examples=tuple(examples)), issues
