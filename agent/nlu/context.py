"""What the bot just showed or asked: the context that resolves 'the second one', 'that one' and yes/no answers."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Expectation = Literal["yes_no", "choice", "order_number", "email", "phone", "postal_code", "quantity", "reason"]


class ShownOption(BaseModel):
    """One item the bot listed (a product, a variant, an order), in the order it was shown."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="The id the graph acts on: a product, variant or order id.")
    label: str = Field(description="What the shopper saw, e.g. 'Salmon Kibble 2 kg'.")
    aliases: tuple[str, ...] = ()


class DialogueContext(BaseModel):
    """The bot's side of the previous turn; everything optional, so a context-free call stays valid."""

    model_config = ConfigDict(frozen=True)

    options: tuple[ShownOption, ...] = Field(default=(), description="What the bot just listed, in order.")
    focus: ShownOption | None = Field(
        default=None, description="The one thing under discussion: what 'it' or 'that one' means with no list."
    )
    expecting: Expectation | None = Field(default=None, description="What the bot's last question asked for.")
    pending_intent: str | None = Field(
        default=None, description="The intent the bot is carrying out (its question belongs to it)."
    )
    today: date | None = Field(default=None, description="Reference day for 'tomorrow', 'next Monday'.")
