"""The LLM understander: structured output from any OpenAI-compatible endpoint; the offline NLU on any failure."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import Any

import openai
from langchain_core.exceptions import OutputParserException
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field, SecretStr, ValidationError

from agent.nlu.base import OUT_OF_SCOPE, IntentScore, Understander, Understanding
from agent.nlu.context import DialogueContext
from agent.nlu.prompts import system_prompt
from agent.nlu.slots import Answer, Reason

log = logging.getLogger(__name__)


class LlmReading(BaseModel):
    """What the LLM is asked to return for one message."""

    intent: str = Field(description="Exactly one of the intent names listed in the instructions.")
    confidence: float = Field(ge=0.0, le=1.0)
    second_intent: str | None = Field(default=None, description="A second, different request in the same message.")
    language: str = Field(default="en", description="ISO 639-1 code of the message's language.")
    reason: Reason | None = Field(default=None, description="Why the shopper returns or cancels, if said.")
    answer: Answer | None = Field(default=None, description="yes/no/unsure answer to the bot's question, if any.")
    choice_number: int | None = Field(default=None, ge=1, description="Which listed option was picked (1 = first).")
    dates: list[str] = Field(default_factory=list, description="Dates mentioned, YYYY-MM-DD.")


class LlmUnderstander:
    """Understands through an LLM; intents are checked against ours, identifiers come from the offline extractor."""

    def __init__(
        self,
        fallback: Understander,
        intents: Sequence[str],
        *,
        base_url: str,
        model: str,
        api_key: SecretStr | None = None,
        timeout_s: float = 8.0,
        chat: Any = None,
    ) -> None:
        from langchain_openai import ChatOpenAI

        self.fallback = fallback
        self.intents = list(intents)
        self.chat = chat or ChatOpenAI(
            base_url=base_url,
            model=model,
            api_key=api_key or SecretStr("not-needed"),
            timeout=timeout_s,
            max_retries=0,
            temperature=0,
        )
        self._structured = self.chat.with_structured_output(LlmReading, method="function_calling")

    def understand(self, text: str, context: DialogueContext | None = None) -> Understanding:
        offline = self.fallback.understand(text, context)
        try:
            reading = self._structured.invoke([SystemMessage(system_prompt(self.intents, context)), HumanMessage(text)])
        except (openai.OpenAIError, OutputParserException, ValidationError, ValueError) as exc:
            log.warning("LLM understanding failed (%s: %s); using the offline reading", type(exc).__name__, exc)
            return offline
        if not isinstance(reading, LlmReading):
            log.warning(
                "LLM understanding failed (no structured reading: %r); using the offline reading",
                type(reading).__name__,
            )
            return offline
        return self._merge(reading, offline, context)

    def _merge(self, reading: LlmReading, offline: Understanding, context: DialogueContext | None) -> Understanding:
        intent = reading.intent if reading.intent in self.intents else OUT_OF_SCOPE
        if intent != reading.intent:
            log.info("LLM intent %r is not one of ours; reading it as out_of_scope", reading.intent)
        second = (
            reading.second_intent if reading.second_intent in self.intents and reading.second_intent != intent else None
        )
        slots = offline.slots.model_copy(
            update={
                "reason": offline.slots.reason or reading.reason,
                "answer": offline.slots.answer or reading.answer,
                "dates": offline.slots.dates or _dates(reading.dates),
            }
        )
        options = context.options if context is not None else ()
        if slots.choice is None and reading.choice_number is not None and reading.choice_number <= len(options):
            index = reading.choice_number - 1
            slots = slots.model_copy(update={"choice": options[index], "choice_index": index})
        language = reading.language if reading.language in {"en", "zh"} else offline.language
        return Understanding(
            intent=intent,
            confidence=reading.confidence,
            language=language,
            ranked=[IntentScore(intent=intent, score=reading.confidence)],
            second_intent=second,
            second_confidence=reading.confidence if second else 0.0,
            slots=slots,
            source="llm",
        )


def _dates(values: list[str]) -> list[date]:
    out = []
    for value in values:
        try:
            out.append(date.fromisoformat(value))
        except ValueError:
            log.info("LLM date %r is not YYYY-MM-DD; ignored", value)
    return out
