"""The scenario format: one YAML file per conversation to play, with what the shop expects of it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from evals.harness.vocabulary import KNOWS_KEYS

# The audit log names the order `order_number`; scenarios may write the shopper's word for it.
PARAM_ALIASES = {"order_id": "order_number"}
WRITE_OPS = frozenset(
    {
        "cancel_order",
        "request_return",
        "request_exchange",
        "change_shipping_address",
        "modify_items",
        "change_default_address",
    }
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ShopperSpec(Strict):
    """Who the simulated shopper is and what they can answer."""

    customer: str | None = Field(default=None, description="Signed-in customer id; None for an anonymous shopper.")
    knows: dict[str, str] = Field(default_factory=dict)
    goal: str = Field(min_length=1, description="What the shopper wants, for the LLM-simulated shopper.")

    @field_validator("knows", mode="before")
    @classmethod
    def _plain_values(cls, value: object) -> object:
        # YAML reads `confirm: yes` as True; the shopper says words, so keep words.
        if isinstance(value, dict):
            return {k: ("yes" if v is True else "no" if v is False else str(v)) for k, v in value.items()}
        return value

    @field_validator("knows")
    @classmethod
    def _known_keys(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - KNOWS_KEYS)
        if unknown:
            raise ValueError(f"unknown knows key(s) {unknown}; the vocabulary is {sorted(KNOWS_KEYS)}")
        if value.get("confirm", "yes") not in ("yes", "no"):
            raise ValueError("knows.confirm must be yes or no")
        return value


class Turn(Strict):
    """A scripted line; `interrupt` says it even while the bot awaits an answer (topic switches, corrections)."""

    say: str = Field(min_length=1)
    interrupt: bool = False


class ExpectedWrite(BaseModel):
    """One write the conversation must make: `op` plus a subset of its audited params."""

    model_config = ConfigDict(extra="allow", frozen=True)

    op: str

    @field_validator("op")
    @classmethod
    def _known_op(cls, value: str) -> str:
        if value not in WRITE_OPS:
            raise ValueError(f"unknown write op {value!r}; one of {sorted(WRITE_OPS)}")
        return value

    def params(self) -> dict[str, Any]:
        """The params to match, under the audit log's names."""
        extra = self.model_extra or {}
        return {PARAM_ALIASES.get(key, key): value for key, value in extra.items()}


class Expect(Strict):
    """What a correct conversation looks like."""

    outcome: Literal["resolved", "handoff"]
    writes: list[ExpectedWrite] = Field(default_factory=list)
    says: list[str] = Field(default_factory=list)
    never_says: list[str] = Field(default_factory=list)
    shows: list[str] = Field(
        default_factory=list, description="Optional: part kinds (comparison, product_cards, ...) some reply carries."
    )
    max_turns: Annotated[int, Field(ge=1, le=40)] = 8

    @field_validator("says", "never_says")
    @classmethod
    def _regexes_compile(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"bad regex {pattern!r}: {exc}") from exc
        return value


class Scenario(Strict):
    """One conversation of the suite (the keys of issue 8, plus optional `tags`)."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{2,80}$")]
    category: Annotated[str, Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$")]
    locale: str = "en"
    shopper: ShopperSpec
    fixture: str | None = None
    turns: list[Turn] = Field(min_length=1)
    expect: Expect
    tags: list[str] = Field(default_factory=list, description="e.g. casual: phrased the way real shoppers type.")
    source: Path | None = Field(default=None, exclude=True, description="The file it came from (set on load).")

    @field_validator("turns", mode="before")
    @classmethod
    def _strings_are_turns(cls, value: object) -> object:
        if isinstance(value, list):
            return [{"say": item} if isinstance(item, str) else item for item in value]
        return value

    @model_validator(mode="after")
    def _turns_fit(self) -> Scenario:
        if len(self.turns) > self.expect.max_turns:
            raise ValueError(f"{len(self.turns)} scripted turns exceed expect.max_turns ({self.expect.max_turns})")
        return self

    @property
    def area(self) -> str:
        return self.category.split(".")[0]

    def fixture_path(self) -> Path | None:
        """The scenario's store file, resolved against the scenario's folder."""
        if self.fixture is None:
            return None
        base = self.source.parent if self.source is not None else Path.cwd()
        return (base / self.fixture).resolve()
