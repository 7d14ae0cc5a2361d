"""Planning each after-sales request on a known order: read, check eligibility, ask what is missing, propose."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from agent.nodes.items import match_line, match_variant, products_of
from agent.state import Pending, ReplyPart, Shown, Task
from agent.tools.format import STATUS_WORDS, items_text, money, reason_text
from connectors.orders.interface import OrderSystem
from connectors.orders.order_models import AFTER_DELIVERY, BEFORE_SHIPMENT, Order, OrderItem


@dataclass
class Plan:
    """What one after-sales step decided: a reply (template + values), and the state it leaves."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)
    awaiting: str | None = None
    shown: list[Shown] = field(default_factory=list)
    pending: Pending | None = None
    done: bool = False  # the task is finished (answered, refused, or handed to confirmation)
    parts: list[ReplyPart] = field(default_factory=list)


def refusal(key: str, **values: object) -> Plan:
    """A refusal worded by its own reply template."""
    return Plan(key, values, done=True)


def status_plan(orders: OrderSystem, customer_id: str, order: Order) -> Plan:
    tracking = orders.track_order(customer_id, order.order_number)
    detail = ""
    if tracking.latest_event is not None:
        event = tracking.latest_event
        detail = f"Latest update: {event.description} ({event.location}, {event.at:%b %d})."
    if tracking.shipments:
        parcel = tracking.shipments[-1]
        detail += f" Carrier {parcel.carrier}, tracking number {parcel.tracking_number}."
    if tracking.estimated_delivery and order.status in ("pending", "processing", "shipped"):
        detail += f" Expected delivery: {tracking.estimated_delivery:%A, %b %d}."
    words = STATUS_WORDS.get(order.status, order.status)
    return Plan("order_status", {"order": order.order_number, "status": words, "detail": detail.strip()}, done=True)


def refund_plan(orders: OrderSystem, customer_id: str, order: Order) -> Plan:
    status = orders.get_return_status(customer_id, order.order_number)
    if not status.refunds:
        detail = f"There are no refunds on order {order.order_number}."
        if status.returns:
            detail += " Your return is open; the refund is issued once we receive the item."
    else:
        lines = [
            f"{money(r.amount_cents)} ({r.reason.replace('_', ' ')}): "
            + ("issued" if r.status == "issued" else "pending until we receive the item")
            for r in status.refunds
        ]
        detail = f"Refunds on order {order.order_number}: " + "; ".join(lines) + "."
    return Plan("refund_status", {"detail": detail}, done=True)


def new_pending(op: str, customer_id: str, order_number: str, params: dict[str, Any], turn: int) -> Pending:
    """A proposal; `summary` and `proposed_at` are filled when the reply is rendered."""
    return {
        "id": f"{turn}-{op}-{order_number or customer_id}",
        "op": op,
        "customer_id": customer_id,
        "order_number": order_number,
        "params": params,
        "summary": "",
        "turn": turn,
        "proposed_at": 0.0,
    }


def cancel_plan(customer_id: str, order: Order, task: Task, turn: int) -> Plan:
    if order.status not in BEFORE_SHIPMENT:
        if order.status == "cancelled":
            return refusal("refused_already_cancelled", order=order.order_number)
        key = "refused_cancel_shipped" if order.status == "shipped" else "refused_cancel_delivered"
        return refusal(key, order=order.order_number)
    if "reason" not in task:
        return Plan("ask_reason_cancel", {"order": order.order_number}, awaiting="reason")
    refundable = order.payment.captured_cents - order.payment.refunded_cents
    refund = (
        f"You'll get {money(refundable)} back on your {order.payment.label}."
        if refundable
        else "Nothing has been charged yet."
    )
    values = {
        "order": order.order_number,
        "items": items_text(order),
        "reason": reason_text(task["reason"]),
        "refund": refund,
    }
    pending = new_pending("cancel_order", customer_id, order.order_number, {"reason": task["reason"]}, turn)
    return Plan("confirm_cancel", values, awaiting="confirm", pending=pending)


# the store's reason a line can't be returned -> the reply template that explains it
_CANNOT_RETURN = {
    "not_returnable": "refused_final_sale",
    "quantity_exceeds_returnable": "refused_already_returning",
}


def item_choice(
    orders: OrderSystem, order: Order, task: Task, products: list[dict[str, Any]], text: str, allowed: dict[str, int]
) -> OrderItem | Plan | None:
    """The order line the shopper means (named, corrected, chosen, or the only candidate), or why it can't be."""
    named = match_line(text, order.items, products_of(order, orders.get_product), products)
    current = next((item for item in order.items if item.sku == task.get("sku")), None)
    item = named or current
    if item is None:
        lines = [line for line in order.items if allowed.get(line.sku, 0) > 0]
        return lines[0] if len(lines) == 1 else None
    if allowed.get(item.sku, 0) <= 0:
        status = orders.get_return_status(order.customer_id, order.order_number)
        code = next((line.reason for line in status.lines if line.sku == item.sku), None) or ""
        key = _CANNOT_RETURN.get(code, "refused_line_not_returnable")
        return refusal(key, item=item.product_name, order=order.order_number)
    return item


def line_options(order: Order, allowed: dict[str, int] | None = None) -> list[Shown]:
    """The order's lines as choices; with `allowed`, only lines with a quantity left to act on."""
    return [
        {"id": item.sku, "label": f"{item.product_name} ({item.variant_name})", "kind": "item"}
        for item in order.items
        if allowed is None or allowed.get(item.sku, 0) > 0
    ]


def return_plan(
    orders: OrderSystem,
    customer_id: str,
    order: Order,
    task: Task,
    products: list[dict[str, Any]],
    text: str,
    turn: int,
) -> Plan:
    if order.status not in AFTER_DELIVERY:
        status_words = STATUS_WORDS.get(order.status, order.status)
        return refusal("refused_return_not_delivered", order=order.order_number, status=status_words)
    status = orders.get_return_status(customer_id, order.order_number)
    if not status.window_open:
        deadline = f" on {status.return_deadline:%b %d}" if status.return_deadline else ""
        return refusal("refused_return_window", order=order.order_number, deadline=deadline)
    allowed = {line.sku: line.returnable for line in status.lines}
    if not any(allowed.values()):
        return refusal("refused_nothing_returnable", order=order.order_number)
    item = item_choice(orders, order, task, products, text, allowed)
    if isinstance(item, Plan):
        return item
    if item is None:
        shown = line_options(order, allowed)
        return Plan("ask_item_return", {"order": order.order_number, "action": "return"}, awaiting="items", shown=shown)
    task["sku"] = item.sku
    if "reason" not in task:
        return Plan("ask_reason_return", {}, awaiting="reason")
    quantity = min(task.get("quantity", allowed[item.sku]), allowed[item.sku])
    refund = (
        f"{money(item.unit_price_cents * quantity)} will be refunded to your {order.payment.label} once it arrives "
        "(original shipping isn't refunded)."
    )
    values = {
        "quantity": quantity,
        "item": f"{item.product_name} ({item.variant_name})",
        "order": order.order_number,
        "reason": reason_text(task["reason"]),
        "refund": refund,
    }
    params = {"sku": item.sku, "quantity": quantity, "reason": task["reason"]}
    return Plan(
        "confirm_return",
        values,
        awaiting="confirm",
        pending=new_pending("request_return", customer_id, order.order_number, params, turn),
    )


def exchange_plan(
    orders: OrderSystem,
    customer_id: str,
    order: Order,
    task: Task,
    products: list[dict[str, Any]],
    text: str,
    turn: int,
) -> Plan:
    if order.status not in AFTER_DELIVERY:
        return refusal("refused_exchange_not_delivered", order=order.order_number)
    status = orders.get_return_status(customer_id, order.order_number)
    if not status.window_open:
        return refusal("refused_exchange_window", order=order.order_number)
    allowed = {line.sku: line.returnable for line in status.lines}
    item = item_choice(orders, order, task, products, text, allowed)
    if isinstance(item, Plan):
        return item
    if item is None:
        shown = line_options(order, allowed)
        return Plan(
            "ask_item_return", {"order": order.order_number, "action": "exchange"}, awaiting="items", shown=shown
        )
    task["sku"] = item.sku
    product = orders.get_product(item.product_id)
    choices = [
        v for v in product.variants if v.sku != item.sku and v.in_stock and v.price_cents <= item.unit_price_cents
    ]
    label = f"{item.product_name} ({item.variant_name})"
    if not choices:
        return Plan("no_variant", {"item": label}, done=True)
    wanted = {m.get("variant_id") for m in products if m.get("variant_id")}
    target = (
        match_variant(text, choices)
        or next((v for v in choices if v.sku in wanted), None)
        or next((v for v in choices if v.sku == task.get("to_sku")), None)
    )
    if target is None:
        variants: list[Shown] = [{"id": v.sku, "label": v.name, "kind": "variant"} for v in choices]
        return Plan("ask_variant", {"item": label}, awaiting="variant", shown=variants)
    task["to_sku"] = target.sku
    quantity = min(task.get("quantity", allowed[item.sku]), allowed[item.sku])
    gap = (item.unit_price_cents - target.price_cents) * quantity
    difference = f"The {money(gap)} price difference comes back to your {order.payment.label}." if gap else ""
    to_label = f"{product.name} ({target.name})"
    values = {
        "quantity": quantity,
        "item": label,
        "order": order.order_number,
        "to_item": to_label,
        "difference": difference,
    }
    params = {
        "sku": item.sku,
        "to_sku": target.sku,
        "to_label": to_label,
        "quantity": quantity,
        "reason": task.get("reason", "wrong_size"),
    }
    pending = new_pending("request_exchange", customer_id, order.order_number, params, turn)
    return Plan("confirm_exchange", values, awaiting="confirm", pending=pending)
