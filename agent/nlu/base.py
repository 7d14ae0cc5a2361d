"""The understanding interface every NLU implementation (offline or LLM) provides, and its result model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from agent.nlu.context import DialogueContext
from agent.nlu.features import Floats
from agent.nlu.slots import Slots

OUT_OF_SCOPE = "out_of_scope"
UNKNOWN = "unknown"

Source = Literal["offline", "llm", "lexicon"]


class IntentScore(BaseModel):
    """One candidate intent and its calibrated probability."""

    model_config = ConfigDict(frozen=True)

    intent: str
    score: float = Field(ge=0.0, le=1.0)


class Understanding(BaseModel):
    """What one shopper message means: intent(s), confidence, language and slots."""

    intent: str
    confidence: float = Field(ge=0.0, le=1.0)
    language: str = "en"
    ranked: list[IntentScore] = Field(
        default_factory=list, description="The top intents, best first (the classifier's calibrated view)."
    )
    second_intent: str | None = Field(
        default=None, description="A second request in the same message ('where is it, and can I change the address?')."
    )
    second_confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    slots: Slots = Field(default_factory=Slots)
    source: Source = "offline"

    @property
    def out_of_scope(self) -> bool:
        return self.intent == OUT_OF_SCOPE

    @property
    def intents(self) -> list[str]:
        """The one or two intents this message carries, in the order to handle them."""
        return [self.intent] if self.second_intent is None else [self.intent, self.second_intent]


class Understander(Protocol):
    """Turns one shopper message (and, optionally, what the bot just showed or asked) into an `Understanding`."""

    def understand(self, text: str, context: DialogueContext | None = None) -> Understanding: ...


class TextEmbedder(Protocol):
    """Texts -> L2-normalised vectors (the knowledge index's `Embedder`). `embed_one` is cached by the provider,
    so the NLU and retrieval share one model run per message."""

    @property
    def name(self) -> str: ...

    def embed(self, texts: Sequence[str]) -> Floats: ...

    def embed_one(self, text: str) -> Floats: ...
