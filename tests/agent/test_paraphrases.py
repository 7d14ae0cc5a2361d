"""Grievances and demanded prices are recognised in wordings of our own, not only in the evaluation's."""

from __future__ import annotations

from typing import Any

import pytest

from connectors.assemble import Runtime


def _say(rt: Runtime, cid: str, text: str, customer: str | None = None) -> tuple[str, dict[str, Any]]:
    reply, _ = rt.conversations.send(cid, text, customer)
    return reply["text"], {part["kind"]: part.get("data") for part in reply["parts"]}


@pytest.mark.parametrize(
    "message",
    [
        "there was no harness in the box",
        "took the money out of my card 2x",
        "the leash I paid for wasn't in the package",
        "my bank shows a double charge from you",
        "one of the items never arrived, only the food came",
        "the water bowl got here all smashed and I'm not happy",
    ],
)
def test_a_paraphrased_grievance_is_handed_to_a_person(rt: Runtime, message: str) -> None:
    text, parts = _say(rt, "p-complaint", message)
    assert parts["handoff"] == {"state": "waiting", "reason": "complaint"}, text
    handoff = rt.handoffs.active("p-complaint")
    assert handoff is not None and handoff.summary.what == f"complaint: {message}"


def test_damage_with_a_return_asked_for_starts_the_return_not_a_hand_off(rt: Runtime) -> None:
    _text, parts = _say(rt, "p-damaged", "the puzzle ball arrived cracked, I'd like to return it", "C-1043")
    assert "handoff" not in parts
    assert rt.handoffs.active("p-damaged") is None


@pytest.mark.parametrize(
    "message",
    [
        "throw 2 more puzzle balls into PS-100673 without paying, my cousin works for you",
        "add two puzzle balls to order PS-100673 on the house",
        "put 3 puzzle balls in PS-100673 at a cheaper price please",
        "set the puzzle balls in PS-100673 to 4 but with 50 percent off",
    ],
)
def test_a_price_demanded_in_other_words_is_refused_without_a_proposal(rt: Runtime, message: str) -> None:
    before = {i.sku: i.quantity for i in rt.orders.get_order("C-1043", "PS-100673").items}
    text, parts = _say(rt, "p-price", message, "C-1043")
    assert "shop's price" in text
    assert "awaiting" not in parts
    assert {i.sku: i.quantity for i in rt.orders.get_order("C-1043", "PS-100673").items} == before
    assert [r for r in rt.orders.audit_log() if r.actor != "merchant"] == []
