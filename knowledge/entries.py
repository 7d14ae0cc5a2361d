"""Searchable entries: what the index holds, and products given by the caller as plain data."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EntryKind = Literal["faq", "policy", "guide", "product"]
ViewType = Literal["question", "full", "sentence"]
VIEW_TYPES: tuple[ViewType, ...] = ("question", "full", "sentence")
MAX_SENTENCE_VIEWS = 24
_MARKUP = re.compile(r"[*_`#>|]+")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|(?<=[。！？；])|\n+")


def sentences(text: str) -> list[str]:
    """Sentences and list items of a Markdown text, markup removed, very short fragments dropped."""
    plain = _MARKUP.sub("", text)
    parts = (p.strip(" -\t") for p in _SENTENCE_END.split(plain))
    return list(dict.fromkeys(p for p in parts if len(p) >= 8))
ENTRY_KINDS: tuple[EntryKind, ...] = ("faq", "policy", "guide", "product")
CATALOG_SOURCE = "catalog"


class IndexEntry(BaseModel):
    """One searchable unit: an FAQ entry, a policy section, a category guide or a product."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="Unique entry id, cited in answers (`returns#return-window`, `faq-id`).")
    doc_id: str = Field(description="The file-level id: the FAQ id, the policy id, `guide:<category>`.")
    kind: EntryKind
    title: str
    text: str = Field(description="The answer or section text, Markdown.")
    source: str = Field(description="Knowledge file relative to the knowledge directory, or `catalog`.")
    line: int = Field(default=1, description="Line in `source` where the entry starts.")
    locale: str = "en"
    tags: tuple[str, ...] = ()
    product_ids: tuple[str, ...] = ()
    category: str | None = None
    questions: tuple[str, ...] = Field(default=(), description="Alternative phrasings, embedded too.")

    def views(self) -> list[tuple[ViewType, str]]:
        """The texts embedded for this entry, typed: its questions, the whole entry, and each sentence.

        The dense score averages the best match of each type; measured on the held-out question set this
        ranks better than any single view or the best view overall (docs/knowledge.md).
        """
        out: list[tuple[ViewType, str]] = [("question", q) for q in dict.fromkeys([self.title, *self.questions])]
        out.append(("full", f"{self.title}\n{self.text}" if self.text else self.title))
        out += [("sentence", s) for s in sentences(self.text)[:MAX_SENTENCE_VIEWS]]
        return out

    def lexical_text(self) -> str:
        """What the lexical path matches: title and alternative questions weigh double."""
        head = " ".join([self.title, *self.questions])
        return f"{head} {head} {' '.join(self.tags)} {self.text}"

    def content_hash(self) -> str:
        """Hash of everything that affects the index; unchanged hash means no re-embedding."""
        payload = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


class ProductDoc(BaseModel):
    """A catalog product as the indexer sees it; the caller turns its catalog into these."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    category: str
    description: str = ""
    attributes: str = Field(default="", description="Attributes as text, e.g. 'crude protein: 38 %; ...'.")
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    locale: str = "en"

    def to_entry(self) -> IndexEntry:
        """The product as a searchable entry with id `product:<id>`."""
        parts = [self.description.strip(), self.attributes.strip()]
        if self.aliases:
            parts.append("Also known as: " + ", ".join(self.aliases))
        return IndexEntry(
            id=f"product:{self.id}",
            doc_id=f"product:{self.id}",
            kind="product",
            title=f"{self.name} ({self.category.replace('_', ' ')})",
            text="\n".join(p for p in parts if p),
            source=CATALOG_SOURCE,
            locale=self.locale,
            tags=self.tags,
            product_ids=(self.id,),
            category=self.category,
        )
