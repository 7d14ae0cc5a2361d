"""A new address given before verification is kept through it, and its ZIP never counts as the identity ZIP."""

from __future__ import annotations

from typing import Any

from connectors.assemble import Runtime
from connectors.orders.customer_models import Customer

_NEW = "58 Lantern Hollow Rd, Bozeman, MT 59715"


def _customer(rt: Runtime) -> Customer:
    """A demo customer whose own ZIP differs from the new address's."""
    return next(c for c in rt.orders.export_shop().customers if c.default_address.postal_code[:5] != "59715")


def _ask(rt: Runtime, cid: str, text: str) -> dict[str, Any]:
    reply, _ = rt.conversations.send(cid, text, None)
    return {part["kind"]: part.get("data") for part in reply["parts"]} | {"text": reply["text"]}


def _writes(rt: Runtime) -> list[str]:
    return [r.operation for r in rt.orders.audit_log() if r.operation == "change_default_address"]


def _proposes_the_new_address(parts: dict[str, Any]) -> None:
    action = parts["awaiting"]["action"]
    assert action["op"] == "change_default_address", parts["text"]
    assert action["address"]["line1"] == "58 Lantern Hollow Rd"
    assert action["address"]["postal_code"] == "59715"


def test_the_address_given_up_front_is_proposed_after_email_and_zip(rt: Runtime) -> None:
    who = _customer(rt)
    cid = "pre-email"
    parts = _ask(rt, cid, f"please change my default address to {_NEW}")
    assert parts["awaiting"] == {"awaiting": "email"}
    parts = _ask(rt, cid, f"it's {who.email} and my zip is {who.default_address.postal_code}")
    _proposes_the_new_address(parts)
    assert _writes(rt) == []
    assert rt.orders.get_customer_profile(who.customer_id).default_address.line1 != "58 Lantern Hollow Rd"
    rt.conversations.send(cid, "yes", None)
    assert rt.orders.get_customer_profile(who.customer_id).default_address.line1 == "58 Lantern Hollow Rd"
    assert _writes(rt) == ["change_default_address"]


def test_the_zip_of_the_new_address_is_not_the_identity_zip(rt: Runtime) -> None:
    who = _customer(rt)
    cid = "pre-phone"
    _ask(rt, cid, f"please change my default address to {_NEW}")
    parts = _ask(rt, cid, "I don't know my email")
    assert parts["awaiting"] == {"awaiting": "phone"}
    parts = _ask(rt, cid, f"my phone is {who.phone}")
    # The address's ZIP was not taken for the account's: the bot asks for it instead of failing.
    assert parts["awaiting"] == {"awaiting": "postal_code"}, parts["text"]
    parts = _ask(rt, cid, who.default_address.postal_code)
    _proposes_the_new_address(parts)
    assert _writes(rt) == []
    rt.conversations.send(cid, "no", None)
    assert _writes(rt) == []
    assert rt.orders.get_customer_profile(who.customer_id).default_address.line1 != "58 Lantern Hollow Rd"
