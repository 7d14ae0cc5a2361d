"""The LLM-simulated shopper: plays a scenario's `goal` through any OpenAI-compatible chat endpoint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import openai

from evals.harness.channels import BotReply
from evals.harness.scenario import Scenario
from evals.harness.shopper import Utterance
from evals.harness.vocabulary import BY_NAME

DONE = "[DONE]"
_OPENING = "(The shop's chat window is open. Write your first message.)"


class ShopperError(RuntimeError):
    """The shopper's endpoint failed or answered nothing usable."""


@dataclass(frozen=True)
class Endpoint:
    """Where the shopper's LLM lives."""

    base_url: str
    model: str
    api_key: str | None = None
    timeout_s: float = 30.0
    temperature: float = 0.7


def system_prompt(scenario: Scenario) -> str:
    """The role: the goal, the facts to give only when asked, the answer to a confirmation, and when to stop."""
    knows = scenario.shopper.knows
    facts = [f"- {BY_NAME[key].meaning if key in BY_NAME else key}: {value}" for key, value in knows.items()]
    confirm = knows.get("confirm")
    lines = [
        "You are role-playing a shopper chatting with the customer-service assistant of an online pet shop.",
        f"Your goal: {scenario.shopper.goal}",
        "Facts you know (give one only when the assistant asks for it):",
        *(facts or ["- nothing beyond your goal"]),
    ]
    if confirm is not None:
        lines.append(f"When the assistant asks you to confirm an action, answer {confirm}.")
    lines += [
        "Write short, casual messages like a real shopper, one per turn; never play the assistant.",
        "If asked for something you don't know, say you don't know it.",
        f"When your goal is met, the assistant hands you to a person, or it clearly cannot help, reply exactly {DONE}",
    ]
    return "\n".join(lines)


class LlmShopper:
    """Keeps the conversation as chat messages (the bot is the 'user', the shopper the 'assistant')."""

    def __init__(self, scenario: Scenario, endpoint: Endpoint, client: Any = None) -> None:
        self._endpoint = endpoint
        self._client = client or openai.OpenAI(
            base_url=endpoint.base_url,
            api_key=endpoint.api_key or "not-needed",
            timeout=endpoint.timeout_s,
            max_retries=1,
        )
        self._messages: list[Any] = [{"role": "system", "content": system_prompt(scenario)}]

    def next(self, reply: BotReply | None) -> Utterance | None:
        self._messages.append({"role": "user", "content": _OPENING if reply is None else reply.text or "(no reply)"})
        try:
            completion = self._client.chat.completions.create(
                model=self._endpoint.model,
                messages=self._messages,
                temperature=self._endpoint.temperature,
                max_tokens=200,
            )
        except openai.OpenAIError as exc:
            raise ShopperError(f"shopper LLM call failed: {type(exc).__name__}: {exc}") from exc
        choices = getattr(completion, "choices", None) or []
        content = choices[0].message.content if choices else None
        if not isinstance(content, str):
            raise ShopperError("shopper LLM returned no message")
        text = content.strip().strip('"').strip()
        if not text or DONE in text:
            return None
        self._messages.append({"role": "assistant", "content": text})
        answered = reply.awaiting if reply is not None else None
        return Utterance(text, "llm", answered=answered)
