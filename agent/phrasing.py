"""Phrasing: the offline replies are templates; with an LLM configured, they are reworded under strict checks."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import openai
from openai.types.chat import (
    ChatCompletionMessageParam,
    ChatCompletionSystemMessageParam,
    ChatCompletionUserMessageParam,
)
from pydantic import SecretStr

from agent.tokens import TokenCounter

log = logging.getLogger("shopclerk.phrasing")

PROMPT = Path(__file__).resolve().parent / "templates" / "phrasing.md"
# Facts a rewording must carry over verbatim: money, numbers, order numbers.
_FACTS = re.compile(r"\$\d[\d,]*(?:\.\d+)?|[A-Z]{2,4}-\d{6}|\d+(?:\.\d+)?%?")


class Phraser(Protocol):
    """Turns a grounded draft reply into the text the shopper sees."""

    def phrase(self, draft: str, facts: Sequence[str], language: str) -> str: ...


class TemplatePhraser:
    """Offline: the template text is the reply."""

    def phrase(self, draft: str, facts: Sequence[str], language: str) -> str:
        return draft


def keeps_facts(draft: str, text: str) -> bool:
    """Every number, price and order number of the draft is still in the rewording."""
    return all(fact in text for fact in _FACTS.findall(draft))


class LlmPhraser:
    """Rewords drafts through an OpenAI-compatible endpoint; any failure or a lost fact keeps the draft."""

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: SecretStr | None,
        timeout_s: float,
        counter: TokenCounter,
        max_prompt_tokens: int = 700,
        client: Any = None,
    ) -> None:
        self._client = client or openai.OpenAI(
            base_url=base_url,
            api_key=api_key.get_secret_value() if api_key else "not-needed",
            timeout=timeout_s,
            max_retries=0,
        )
        self._model = model
        self._counter = counter
        self._budget = max_prompt_tokens
        self._system = PROMPT.read_text(encoding="utf-8")
        self.last_prompt_tokens = 0

    def _prompt(self, draft: str, facts: Sequence[str], language: str) -> list[ChatCompletionMessageParam]:
        system = self._system.replace("{language}", language)
        used = self._counter.count(system) + self._counter.count(draft) + 20
        kept: list[str] = []
        for fact in facts:
            cost = self._counter.count(fact) + 2
            if used + cost > self._budget:
                break  # per-turn prompts stay small: only the grounding that fits
            kept.append(fact)
            used += cost
        user = f"DRAFT:\n{draft}\n\nFACTS:\n" + ("\n".join(f"- {f}" for f in kept) or "- (none)")
        self.last_prompt_tokens = self._counter.count(system) + self._counter.count(user)
        return [
            ChatCompletionSystemMessageParam(role="system", content=system),
            ChatCompletionUserMessageParam(role="user", content=user),
        ]

    def phrase(self, draft: str, facts: Sequence[str], language: str) -> str:
        if not draft.strip():
            return draft
        try:
            response = self._client.chat.completions.create(
                model=self._model, messages=self._prompt(draft, facts, language), temperature=0.3
            )
        except openai.OpenAIError as exc:
            log.warning("phrasing failed, keeping the template text: %s", type(exc).__name__)
            return draft
        text = (response.choices[0].message.content or "").strip()
        if not text or len(text) > 3 * len(draft) + 200 or not keeps_facts(draft, text):
            log.warning("phrasing dropped or bloated facts, keeping the template text")
            return draft
        return text
