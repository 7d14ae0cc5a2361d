"""Identifying the shopper for order work: a signed identity, email plus order number or ZIP, or phone plus ZIP."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agent.state import ConversationState, Verification
from connectors.orders.errors import AmbiguousCustomer, CustomerNotFound, OrderNotFound
from connectors.orders.interface import OrderSystem

MAX_FAILURES = 3


@dataclass
class Identified:
    """The outcome of one identification step."""

    customer_id: str | None = None
    name: str | None = None
    ask: str | None = None  # template key of the question to ask, with `awaiting`
    awaiting: str | None = None
    failed: bool = False
    give_up: bool = False
    verification: Verification = field(default_factory=lambda: Verification())


def _norm_zip(code: str) -> str:
    return code.replace(" ", "").upper()[:5]


def identify(
    orders: OrderSystem, state: ConversationState, slots: dict[str, Any], order_hint: str | None, dont_know: bool
) -> Identified:
    """Use what this turn and earlier turns gave; verify only when two factors are known (email or phone first)."""
    known: Verification = dict(state.get("verification") or {})  # type: ignore[assignment]
    if slots.get("emails"):
        known["email"] = slots["emails"][0].lower()
    if slots.get("phones"):
        known["phone"] = slots["phones"][0]
    if order_hint:
        known["order_number"] = order_hint
    if slots.get("postal_codes"):
        known["postal_code"] = slots["postal_codes"][0]
    if "email" not in known and "phone" not in known:
        if dont_know and state.get("awaiting") == "email":
            # No email at hand: the phone number on the account and its ZIP code work too.
            return Identified(ask="ask_phone", awaiting="phone", verification=known)
        return Identified(ask="ask_email", awaiting="email", verification=known)
    if "email" not in known:
        if "postal_code" not in known:
            return Identified(ask="ask_postcode", awaiting="postal_code", verification=known)
        return _by_phone(orders, known)
    if "order_number" not in known and "postal_code" not in known:
        return Identified(ask="ask_order_or_postcode", awaiting="order_id", verification=known)
    try:
        customer = orders.find_customer(email=known["email"])
        if "order_number" in known:
            orders.get_order(customer.customer_id, known["order_number"])
        elif _norm_zip(customer.default_address.postal_code) != _norm_zip(known["postal_code"]):
            raise CustomerNotFound("postal code does not match")
    except (CustomerNotFound, OrderNotFound, AmbiguousCustomer):
        return _failed(known)
    return Identified(customer_id=customer.customer_id, name=customer.name.split()[0], verification=known)


def _by_phone(orders: OrderSystem, known: Verification) -> Identified:
    try:
        customer = orders.find_customer(phone=known["phone"], postal_code=known["postal_code"])
    except (CustomerNotFound, AmbiguousCustomer):
        return _failed(known)
    return Identified(customer_id=customer.customer_id, name=customer.name.split()[0], verification=known)


def _failed(known: Verification) -> Identified:
    failures = known.get("failures", 0) + 1
    # Forget the factors that failed so the next attempt starts clean.
    retry: Verification = {"failures": failures}
    return Identified(failed=True, give_up=failures >= MAX_FAILURES, awaiting="email", verification=retry)
