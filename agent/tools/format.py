"""Plain-words rendering of order-system facts: money, statuses, items, addresses, reasons."""

from __future__ import annotations

from collections.abc import Mapping

from connectors.orders.common_models import Address
from connectors.orders.order_models import Order

STATUS_WORDS: Mapping[str, str] = {
    "pending": "placed and waiting to be packed",
    "processing": "being packed at our warehouse",
    "shipped": "on its way",
    "delivered": "delivered",
    "cancelled": "cancelled",
    "return_requested": "delivered, with a return in progress",
    "returned": "returned",
    "exchanged": "delivered, with an exchange in progress",
}

REASON_WORDS: Mapping[str, str] = {
    "damaged": "it arrived damaged",
    "defective": "it's defective",
    "wrong_item": "it's the wrong item",
    "wrong_size": "it's the wrong size",
    "not_as_described": "it isn't as described",
    "pet_refused": "your pet didn't like it",
    "late": "it's late",
    "changed_mind": "you changed your mind",
    "ordered_by_mistake": "it was ordered by mistake",
    "found_cheaper": "you found it cheaper",
    "duplicate_order": "it's a duplicate order",
    "other": "you no longer need it",
}


def money(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def items_text(order: Order) -> str:
    return ", ".join(f"{item.quantity} x {item.product_name} ({item.variant_name})" for item in order.items)


def address_text(address: Address | Mapping[str, str]) -> str:
    data = address.model_dump() if isinstance(address, Address) else dict(address)
    line2 = f" {data['line2']}" if data.get("line2") else ""
    return f"{data['line1']}{line2}, {data['city']}, {data['region']} {data['postal_code']}"


def reason_text(reason: str) -> str:
    return REASON_WORDS.get(reason, REASON_WORDS["other"])
