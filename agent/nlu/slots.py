"""Slots: the values one shopper message carries (order numbers, contacts, products, answers...)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from agent.nlu.context import ShownOption

Answer = Literal["yes", "no", "unsure"]
Reason = Literal[
    "damaged",
    "defective",
    "wrong_item",
    "wrong_size",
    "not_as_described",
    "pet_refused",
    "late",
    "changed_mind",
    "ordered_by_mistake",
    "found_cheaper",
    "duplicate_order",
    "other",
]


class Span(BaseModel):
    """A value found in the text, with where it was written (character offsets, end exclusive)."""

    model_config = ConfigDict(frozen=True)

    value: str = Field(description="The normalised value, e.g. 'PS-100234'.")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(description="The characters as the shopper typed them.")


class ProductMention(BaseModel):
    """A catalog product (and maybe variant) the message names, matched fuzzily against names and aliases."""

    model_config = ConfigDict(frozen=True)

    product_id: str
    variant_id: str | None = None
    name: str = Field(description="The catalog's name of what was matched.")
    matched: str = Field(description="The words of the message that matched.")
    score: float = Field(ge=0.0, le=1.0)


class Slots(BaseModel):
    """Everything extracted from one message; empty fields mean 'not mentioned'."""

    order_numbers: list[str] = Field(
        default_factory=list,
        description="Shop-format numbers first (canonical, e.g. PS-100234), then other order references as typed.",
    )
    emails: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list, description="Digits with a leading + kept, e.g. +14155550123.")
    postal_codes: list[str] = Field(default_factory=list)
    products: list[ProductMention] = Field(default_factory=list)
    quantity: int | None = Field(default=None, ge=1)
    reason: Reason | None = Field(default=None, description="Why the shopper wants to return or cancel.")
    dates: list[date] = Field(default_factory=list)
    answer: Answer | None = Field(default=None, description="A yes/no answer to the bot's question.")
    choice: ShownOption | None = Field(
        default=None, description="The shown option the shopper picked ('the second one')."
    )
    choice_index: int | None = Field(default=None, ge=0)

    def is_empty(self) -> bool:
        return self == Slots()
