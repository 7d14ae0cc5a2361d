"""The file kinds a merchant edits: pydantic models of FAQ entries, policies, category guides, intent examples."""

from __future__ import annotations

import re
from collections import Counter
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
LOCALE_PATTERN = r"^[a-z]{2}(-[A-Z]{2})?$"
NAME_PATTERN = r"^[a-z][a-z0-9_]*$"

EntryId = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=2, max_length=120)]
Locale = Annotated[str, StringConstraints(pattern=LOCALE_PATTERN)]
Name = Annotated[str, StringConstraints(pattern=NAME_PATTERN, max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

PolicyTopic = Literal["shipping", "returns", "payments", "warranty", "privacy", "orders", "other"]
POLICY_TOPICS: tuple[str, ...] = ("shipping", "returns", "payments", "warranty", "privacy", "orders", "other")

OUT_OF_SCOPE = "out_of_scope"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FaqFrontMatter(_Strict):
    """The header of one FAQ file; the Markdown body below it is the answer."""

    id: EntryId
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]
    tags: list[Name] = Field(default_factory=list)
    products: list[EntryId] = Field(default_factory=list, description="Catalog product ids this answer is about.")
    locale: Locale = "en"
    questions: list[Text] = Field(
        default_factory=list, description="Other ways shoppers ask this question (optional)."
    )



class PolicyFrontMatter(_Strict):
    """The header of one policy file; `## ` headings in the body become separately searchable sections."""

    id: EntryId
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]
    topic: PolicyTopic
    locale: Locale = "en"
    tags: list[Name] = Field(default_factory=list)
    facts: dict[Name, int | float | bool | str] = Field(
        default_factory=dict,
        description="The policy's numbers in machine-readable form (e.g. return_window_days: 30).",
    )
    questions: dict[str, list[Text]] = Field(
        default_factory=dict,
        description="Per section anchor (or `intro` for the text before the first heading): other ways shoppers "
        "ask what that section answers (optional).",
    )


class DecisiveAttribute(_Strict):
    """One attribute that decides a purchase in a category, in the order shoppers weigh them."""

    key: Name = Field(description="The catalog attribute key (e.g. crude_protein_pct).")
    label: Text
    why: Text = Field(description="One sentence a shopper understands: why this attribute matters.")
    unit: str | None = None
    better: Literal["higher", "lower", "match"] = Field(
        default="match", description="How values compare: higher is better, lower is better, or fit to need."
    )


class CategoryGuide(_Strict):
    """A category guide: what decides a purchase in this category, used by comparison and recommendation."""

    category: Name
    title: Text
    locale: Locale = "en"
    summary: Text
    decisive_attributes: Annotated[list[DecisiveAttribute], Field(min_length=1)]
    questions_to_ask: list[Text] = Field(
        default_factory=list, description="What to ask a shopper who has not said what matters to them."
    )
    questions: list[Text] = Field(
        default_factory=list, description="How shoppers ask for help choosing in this category (optional)."
    )
    tips: list[Text] = Field(default_factory=list)

    @field_validator("decisive_attributes")
    @classmethod
    def _unique_keys(cls, attrs: list[DecisiveAttribute]) -> list[DecisiveAttribute]:
        seen: set[str] = set()
        for attr in attrs:
            if attr.key in seen:
                raise ValueError(f"attribute key {attr.key!r} is listed twice")
            seen.add(attr.key)
        return attrs


class IntentFile(_Strict):
    """An intent examples file: intent name -> example utterances; `out_of_scope` holds what the shop does not do."""

    locale: Locale = "en"
    intents: dict[Name, Annotated[list[Text], Field(min_length=1)]]

    @field_validator("intents")
    @classmethod
    def _no_blank(cls, intents: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, examples in intents.items():
            counts = Counter(normalise_utterance(e) for e in examples)
            dupes = sorted(e for e, n in counts.items() if n > 1)
            if dupes:
                raise ValueError(f"intent {name!r} lists the same example twice: {dupes[0]!r}")
        return intents


def normalise_utterance(text: str) -> str:
    """Lower-case, collapse spaces and drop end punctuation: the key for duplicate detection."""
    return re.sub(r"\s+", " ", text.strip().lower()).rstrip(" ?!.。？！")
