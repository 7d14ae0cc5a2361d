"""The vocabulary and the scripted shopper: answers from `knows`, 'I don't know', careful confirmations."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from evals.harness.channels import BotReply
from evals.harness.scenario import Scenario
from evals.harness.shopper import ScriptedShopper
from evals.harness.vocabulary import BY_NAME, DONT_KNOW, KNOWS_KEYS, answer

AGENT = Path(__file__).resolve().parents[2] / "agent"
_AWAITS = re.compile(r"""awaiting\(\s*"(\w+)"|awaiting="(\w+)"|"awaiting":\s*"(\w+)\"""")


def _scenario(**overrides: Any) -> Scenario:
    body: dict[str, Any] = {
        "id": "shopper-test",
        "category": "after_sales.cancel",
        "shopper": {"knows": {"email": "a@example.com", "order_id": "PS-100674", "confirm": "yes"}, "goal": "g"},
        "turns": ["cancel my order", {"say": "actually, what's the return window?", "interrupt": True}],
        "expect": {"outcome": "resolved", "writes": [{"op": "cancel_order", "order_id": "PS-100674"}]},
    }
    body.update(overrides)
    return Scenario.model_validate(body)


def _awaits(name: str, action: dict[str, Any] | None = None) -> BotReply:
    data: dict[str, Any] = {"awaiting": name, **({"action": action} if action else {})}
    return BotReply(text="?", parts=[{"kind": "awaiting", "data": data}])


def test_every_name_the_agent_awaits_is_in_the_vocabulary() -> None:
    names = {g for path in AGENT.rglob("*.py") for m in _AWAITS.finditer(path.read_text()) for g in m.groups() if g}
    assert names, "found no awaited names in the agent"
    assert names <= set(BY_NAME), f"not in the vocabulary: {sorted(names - set(BY_NAME))}"


def test_knows_keys_and_awaited_names_are_one_vocabulary() -> None:
    assert {"order_id", "email", "postal_code", "phone", "reason", "confirm", "product", "variant", "address",
            "items"} <= KNOWS_KEYS  # fmt: skip
    assert set(BY_NAME) >= KNOWS_KEYS


def test_answers_come_from_knows_in_a_short_sentence_or_say_dont_know() -> None:
    text, key = answer("email", {"email": "a@example.com"}, "s", 1)
    assert "a@example.com" in text and key == "email" and len(text) < 40
    text, key = answer("order_id", {"postal_code": "80202"}, "s", 1)
    assert "80202" in text and key == "postal_code"
    text, key = answer("reason", {}, "s", 1)
    assert text in DONT_KNOW and key is None
    text, key = answer("no_such_thing", {"email": "x"}, "s", 1)
    assert text in DONT_KNOW and key is None
    assert answer("email", {"email": "a@example.com"}, "s", 1) == answer("email", {"email": "a@example.com"}, "s", 1)


def test_scripted_turns_wait_for_answers_unless_they_interrupt() -> None:
    shopper = ScriptedShopper(_scenario())
    first = shopper.next(None)
    assert first is not None and first.text == "cancel my order" and first.source == "script"
    switch = shopper.next(_awaits("email"))
    assert switch is not None and switch.source == "script" and "return window" in switch.text
    reply = shopper.next(_awaits("email"))
    assert (
        reply is not None and reply.source == "answer" and reply.answered == "email" and "a@example.com" in reply.text
    )
    assert shopper.next(BotReply(text="done")) is None


def test_confirmation_yes_only_to_the_action_the_shopper_came_for() -> None:
    shopper = ScriptedShopper(_scenario(turns=["cancel it"]))
    shopper.next(None)
    wrong = shopper.next(_awaits("confirm", {"op": "cancel_order", "order_number": "PS-100673", "reason": "other"}))
    assert wrong is not None and wrong.said == "no"
    right = shopper.next(_awaits("confirm", {"op": "cancel_order", "order_number": "PS-100674", "reason": "other"}))
    assert right is not None and right.said == "yes" and right.text.lower().startswith("y")


def test_confirmation_no_and_unknown() -> None:
    knows = {"confirm": "no"}
    shopper = ScriptedShopper(_scenario(shopper={"knows": knows, "goal": "g"}, turns=["x"]))
    shopper.next(None)
    said = shopper.next(_awaits("confirm", {"op": "cancel_order", "order_number": "PS-100674"}))
    assert said is not None and said.said == "no" and said.text.lower().startswith("no")
    unsure = ScriptedShopper(_scenario(shopper={"knows": {}, "goal": "g"}, turns=["x"]))
    unsure.next(None)
    reply = unsure.next(_awaits("confirm"))
    assert reply is not None and reply.said is None
