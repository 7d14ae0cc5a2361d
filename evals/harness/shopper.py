"""The simulated shopper: says its scripted turns and answers what the bot awaits from what it knows."""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass
from typing import Literal, Protocol

from evals.harness.channels import BotReply
from evals.harness.proposals import wanted
from evals.harness.results import Source
from evals.harness.scenario import Scenario
from evals.harness.vocabulary import NO_PHRASES, NOT_SURE, NOT_WHAT_I_ASKED, YES_PHRASES, answer, pick

Said = Literal["yes", "no"]


@dataclass(frozen=True)
class Utterance:
    """What the shopper says next, and why."""

    text: str
    source: Source
    answered: str | None = None
    answer_key: str | None = None
    said: Said | None = None


class Shopper(Protocol):
    """Decides the next shopper message from the bot's last reply (None before the first message)."""

    def next(self, reply: BotReply | None) -> Utterance | None: ...


class ScriptedShopper:
    """Says `turns` in order; whenever the reply awaits something, answers it from `knows` first.

    A turn marked `interrupt` is said even while the bot awaits an answer (a topic switch or a correction).
    At a confirmation it reads the proposed action like a careful shopper: `confirm: yes` agrees only to an
    action among the scenario's expected writes, anything else gets a no. The conversation ends when the turns
    are used up and the bot awaits nothing.
    """

    def __init__(self, scenario: Scenario) -> None:
        self._scenario = scenario
        self._turns = deque(scenario.turns)
        self._asked: Counter[str] = Counter()

    def next(self, reply: BotReply | None) -> Utterance | None:
        if self._turns and (reply is None or self._turns[0].interrupt or reply.awaiting is None):
            return Utterance(self._turns.popleft().say, "script")
        if reply is None or reply.awaiting is None:
            return None
        name = reply.awaiting
        self._asked[name] += 1
        seed = (self._scenario.id, self._asked[name])
        if name == "confirm":
            return self._confirm(reply, seed)
        text, key = answer(name, self._scenario.shopper.knows, *seed)
        return Utterance(text, "answer", answered=name, answer_key=key)

    def _confirm(self, reply: BotReply, seed: tuple[str, int]) -> Utterance:
        decision = self._scenario.shopper.knows.get("confirm")
        if decision not in ("yes", "no"):
            return Utterance(pick(NOT_SURE, "confirm", *seed), "answer", answered="confirm")
        if decision == "yes" and reply.action is not None and not wanted(reply.action, self._scenario.expect.writes):
            return Utterance(pick(NOT_WHAT_I_ASKED, *seed), "answer", "confirm", "confirm", said="no")
        if decision == "yes":
            return Utterance(pick(YES_PHRASES, "confirm", *seed), "answer", "confirm", "confirm", said="yes")
        return Utterance(pick(NO_PHRASES, "confirm", *seed), "answer", "confirm", "confirm", said="no")
