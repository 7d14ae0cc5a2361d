"""The order writes the agent may run, each only from a confirmed `Pending` action, with its idempotency key."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from agent.state import Pending
from agent.tools.format import address_text, money
from connectors.orders.common_models import Address
from connectors.orders.interface import OrderSystem
from connectors.orders.order_models import ExchangeLine, Refund, ReturnLine
from connectors.orders.write_models import ItemChange

Done = tuple[str, dict[str, str]]


def _refund_words(refund: Refund | None, method: str) -> str:
    if refund is None:
        return "Nothing had been charged, so there's nothing to refund."
    when = "now" if refund.status == "issued" else "once we receive the item"
    return f"{money(refund.amount_cents)} goes back to your {method} {when} (refund {refund.refund_id})."


def _cancel(orders: OrderSystem, p: Pending, key: str) -> Done:
    result = orders.cancel_order(p["customer_id"], p["order_number"], reason=p["params"]["reason"], idempotency_key=key)
    return "done_cancel", {
        "order": p["order_number"],
        "refund": _refund_words(result.refund, result.order.payment.label),
    }


def _return(orders: OrderSystem, p: Pending, key: str) -> Done:
    line = ReturnLine(sku=p["params"]["sku"], quantity=int(p["params"]["quantity"]))
    result = orders.request_return(
        p["customer_id"], p["order_number"], [line], reason=p["params"]["reason"], idempotency_key=key
    )
    return "done_return", {
        "order": p["order_number"],
        "return_id": result.return_request.return_id,
        "refund": _refund_words(result.refund, result.order.payment.label),
    }


def _exchange(orders: OrderSystem, p: Pending, key: str) -> Done:
    line = ExchangeLine(sku=p["params"]["sku"], to_sku=p["params"]["to_sku"], quantity=int(p["params"]["quantity"]))
    result = orders.request_exchange(
        p["customer_id"], p["order_number"], [line], reason=p["params"]["reason"], idempotency_key=key
    )
    difference = (
        f"The price difference, {money(result.refund.amount_cents)}, is refunded to your {result.order.payment.label}."
        if result.refund
        else ""
    )
    return "done_exchange", {
        "order": p["order_number"],
        "exchange_id": result.exchange.exchange_id,
        "to_item": p["params"]["to_label"],
        "difference": difference,
    }


def _address(orders: OrderSystem, p: Pending, key: str) -> Done:
    address = Address.model_validate(p["params"]["address"])
    orders.change_shipping_address(p["customer_id"], p["order_number"], address, idempotency_key=key)
    return "done_address", {"order": p["order_number"], "address": address_text(address)}


def _default_address(orders: OrderSystem, p: Pending, key: str) -> Done:
    address = Address.model_validate(p["params"]["address"])
    orders.change_default_address(p["customer_id"], address, idempotency_key=key)
    return "done_default_address", {"address": address_text(address)}


def _modify(orders: OrderSystem, p: Pending, key: str) -> Done:
    change = ItemChange(sku=p["params"]["sku"], quantity=int(p["params"]["quantity"]))
    result = orders.modify_items(p["customer_id"], p["order_number"], [change], idempotency_key=key)
    if result.refund is not None:
        money_words = _refund_words(result.refund, result.order.payment.label)
    elif result.charged_cents:
        money_words = f"{money(result.charged_cents)} more was charged to your {result.order.payment.label}."
    else:
        money_words = ""
    return "done_modify", {"order": p["order_number"], "money": money_words}


# Explicit registry: the only operations a confirmation can run.
WRITES: Mapping[str, Callable[[OrderSystem, Pending, str], Done]] = {
    "cancel_order": _cancel,
    "request_return": _return,
    "request_exchange": _exchange,
    "change_shipping_address": _address,
    "modify_items": _modify,
    "change_default_address": _default_address,
}


def run_write(orders: OrderSystem, pending: Pending, idempotency_key: str) -> Done:
    """Run the confirmed action; order-system refusals propagate as `OrderSystemError`."""
    return WRITES[pending["op"]](orders, pending, idempotency_key)
