"""The understanding interface every NLU implementation (offline or LLM) provides."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, Field


class Understanding(BaseModel):
    """What one shopper message means: intent, confidence, language."""

    intent: str
    confidence: float = Field(ge=0.0, le=1.0)
    language: str = "en"


class Understander(Protocol):
    """Turns one shopper message into an `Understanding`."""

    def understand(self, text: str) -> Understanding: ...
