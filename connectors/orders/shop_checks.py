"""Consistency checks of a whole shop document beyond field types: ids, references, amounts, statuses."""

from __future__ import annotations

from collections import Counter

from connectors.orders.catalog_models import Variant
from connectors.orders.errors import ImportProblem
from connectors.orders.order_models import AFTER_DELIVERY, Order, OrderStatus
from connectors.orders.shop_data import ShopData

MAX_PROBLEMS = 100


class _Problems:
    def __init__(self) -> None:
        self.items: list[ImportProblem] = []

    def add(self, path: str, message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(ImportProblem(path=path, message=message))


def _unique(problems: _Problems, values: list[tuple[str, str]], what: str) -> None:
    """`values` are (path, value); every repeat after the first is reported at its own path."""
    seen: set[str] = set()
    for path, value in values:
        if value in seen:
            problems.add(path, f"duplicate {what} {value!r}")
        seen.add(value)


def check_shop(data: ShopData) -> list[ImportProblem]:
    """Every inconsistency found, each at the JSON path of the offending field (at most 100)."""
    problems = _Problems()
    _check_catalog(data, problems)
    _check_customers(data, problems)
    _check_orders(data, problems)
    return problems.items


def _check_catalog(data: ShopData, problems: _Problems) -> None:
    kinds = {c.category_id: c.attribute_kind for c in data.categories}
    _unique(problems, [(f"$.categories[{i}].category_id", c.category_id) for i, c in enumerate(data.categories)],
            "category_id")
    _unique(problems, [(f"$.products[{i}].product_id", p.product_id) for i, p in enumerate(data.products)],
            "product_id")
    _unique(
        problems,
        [(f"$.products[{i}].variants[{j}].sku", v.sku) for i, p in enumerate(data.products)
         for j, v in enumerate(p.variants)],
        "sku",
    )
    for i, product in enumerate(data.products):
        at = f"$.products[{i}]"
        if product.category_id not in kinds:
            problems.add(f"{at}.category_id", f"unknown category {product.category_id!r}")
        elif product.attributes.kind != kinds[product.category_id]:
            problems.add(
                f"{at}.attributes.kind",
                f"category {product.category_id!r} takes {kinds[product.category_id]!r} attributes",
            )
        for j, variant in enumerate(product.variants):
            if variant.product_id != product.product_id:
                problems.add(f"{at}.variants[{j}].product_id", f"must be {product.product_id!r}, its product")


def _check_customers(data: ShopData, problems: _Problems) -> None:
    customers = data.customers
    _unique(problems, [(f"$.customers[{i}].customer_id", c.customer_id) for i, c in enumerate(customers)],
            "customer_id")
    _unique(problems, [(f"$.customers[{i}].email", c.email.lower()) for i, c in enumerate(customers)], "email")
    _unique(
        problems,
        [(f"$.customers[{i}].pets[{j}].pet_id", p.pet_id)
         for i, c in enumerate(customers) for j, p in enumerate(c.pets)],
        "pet_id",
    )
    for i, customer in enumerate(customers):
        if customer.created_at > data.as_of:
            problems.add(f"$.customers[{i}].created_at", "is after the shop's as_of time")


def _check_orders(data: ShopData, problems: _Problems) -> None:
    orders = data.orders
    _unique(problems, [(f"$.orders[{i}].order_number", o.order_number) for i, o in enumerate(orders)],
            "order_number")
    _unique(problems, [(f"$.orders[{i}].payment.payment_id", o.payment.payment_id) for i, o in enumerate(orders)],
            "payment_id")
    _unique(problems, [(f"$.orders[{i}].refunds[{j}].refund_id", r.refund_id) for i, o in enumerate(orders)
                       for j, r in enumerate(o.refunds)], "refund_id")
    _unique(problems, [(f"$.orders[{i}].shipments[{j}].shipment_id", s.shipment_id) for i, o in enumerate(orders)
                       for j, s in enumerate(o.shipments)], "shipment_id")
    _unique(problems, [(f"$.orders[{i}].shipments[{j}].tracking_number", s.tracking_number)
                       for i, o in enumerate(orders) for j, s in enumerate(o.shipments)],
            "tracking_number")
    _unique(problems, [(f"$.orders[{i}].returns[{j}].return_id", r.return_id) for i, o in enumerate(orders)
                       for j, r in enumerate(o.returns)], "return_id")
    _unique(problems, [(f"$.orders[{i}].exchanges[{j}].exchange_id", x.exchange_id) for i, o in enumerate(orders)
                       for j, x in enumerate(o.exchanges)], "exchange_id")
    customers = {c.customer_id for c in data.customers}
    variants = {v.sku: v for p in data.products for v in p.variants}
    for i, order in enumerate(orders):
        at = f"$.orders[{i}]"
        if not order.order_number.startswith(f"{data.shop.order_prefix}-"):
            problems.add(f"{at}.order_number", f"must start with the shop's prefix {data.shop.order_prefix}-")
        if order.customer_id not in customers:
            problems.add(f"{at}.customer_id", f"unknown customer {order.customer_id!r}")
        if order.updated_at > data.as_of or order.placed_at > order.updated_at:
            problems.add(f"{at}.updated_at", "must lie between placed_at and the shop's as_of time")
        _check_items(order, at, variants, problems)
        _check_money(order, at, problems)
        _check_lifecycle(order, at, problems)


def _check_items(order: Order, at: str, variants: dict[str, Variant], problems: _Problems) -> None:
    _unique(problems, [(f"{at}.items[{j}].line_no", str(item.line_no)) for j, item in enumerate(order.items)],
            "line_no")
    _unique(problems, [(f"{at}.items[{j}].sku", item.sku) for j, item in enumerate(order.items)], "sku")
    for j, item in enumerate(order.items):
        variant = variants.get(item.sku)
        if variant is None:
            problems.add(f"{at}.items[{j}].sku", f"unknown SKU {item.sku!r}")
        elif variant.product_id != item.product_id:
            problems.add(f"{at}.items[{j}].product_id", f"SKU {item.sku} belongs to {variant.product_id!r}")
    used: Counter[str] = Counter()
    for k, request in enumerate(order.returns):
        for m, line in enumerate(request.items):
            used[line.sku] += line.quantity
            if order.item(line.sku) is None:
                problems.add(f"{at}.returns[{k}].items[{m}].sku", f"not an item of {order.order_number}")
    for k, exchange in enumerate(order.exchanges):
        shipment_ids = {s.shipment_id for s in order.shipments}
        if exchange.shipment_id not in shipment_ids:
            problems.add(f"{at}.exchanges[{k}].shipment_id", "not a shipment of this order")
        for m, swap in enumerate(exchange.items):
            used[swap.sku] += swap.quantity
            swapped = order.item(swap.sku)
            target = variants.get(swap.to_sku)
            if swapped is None:
                problems.add(f"{at}.exchanges[{k}].items[{m}].sku", f"not an item of {order.order_number}")
            elif target is None or target.product_id != swapped.product_id:
                problems.add(f"{at}.exchanges[{k}].items[{m}].to_sku", "must be a variant of the same product")
    for j, item in enumerate(order.items):
        if used[item.sku] > item.quantity:
            problems.add(
                f"{at}.items[{j}].quantity",
                f"{used[item.sku]} unit(s) returned or exchanged but only {item.quantity} ordered",
            )


def _check_money(order: Order, at: str, problems: _Problems) -> None:
    subtotal = sum(item.line_total_cents for item in order.items)
    if order.subtotal_cents != subtotal:
        problems.add(f"{at}.subtotal_cents", f"is {order.subtotal_cents}, the items add up to {subtotal}")
    if order.total_cents != order.subtotal_cents + order.shipping_cents:
        problems.add(f"{at}.total_cents", "must equal subtotal_cents + shipping_cents")
    refunded = sum(refund.amount_cents for refund in order.refunds)
    if order.payment.refunded_cents != refunded:
        problems.add(f"{at}.payment.refunded_cents", f"is {order.payment.refunded_cents}, refunds add up to {refunded}")
    if order.payment.refunded_cents > order.payment.captured_cents:
        problems.add(f"{at}.payment.refunded_cents", "refunds exceed what was captured")
    for k, refund in enumerate(order.refunds):
        if refund.payment_id != order.payment.payment_id:
            problems.add(f"{at}.refunds[{k}].payment_id", "refunds go to the order's own payment")
        if (refund.status == "issued") != (refund.issued_at is not None):
            problems.add(f"{at}.refunds[{k}].issued_at", "is set exactly when the refund is issued")
    refund_ids = {refund.refund_id for refund in order.refunds}
    for k, request in enumerate(order.returns):
        if request.refund_id is not None and request.refund_id not in refund_ids:
            problems.add(f"{at}.returns[{k}].refund_id", "not a refund of this order")
    for k, exchange in enumerate(order.exchanges):
        if exchange.refund_id is not None and exchange.refund_id not in refund_ids:
            problems.add(f"{at}.exchanges[{k}].refund_id", "not a refund of this order")


def _check_lifecycle(order: Order, at: str, problems: _Problems) -> None:
    status = order.status
    if (status == OrderStatus.CANCELLED) != (order.cancelled_at is not None):
        problems.add(f"{at}.cancelled_at", "is set exactly when the order is cancelled")
    if (status in AFTER_DELIVERY) != (order.delivered_at is not None):
        problems.add(f"{at}.delivered_at", f"is set exactly when the order has been delivered (status {status})")
    shipped = status == OrderStatus.SHIPPED or status in AFTER_DELIVERY
    if shipped and not any(s.purpose == "order" for s in order.shipments):
        problems.add(f"{at}.shipments", f"a {status} order needs its shipment")
    if not shipped and order.shipments:
        problems.add(f"{at}.shipments", f"a {status} order has no shipment yet")
    for k, request in enumerate(order.returns):
        if (request.status == "received") != (request.received_at is not None):
            problems.add(f"{at}.returns[{k}].received_at", "is set exactly when the return is received")
    if status == OrderStatus.RETURN_REQUESTED and not any(r.status == "requested" for r in order.returns):
        problems.add(f"{at}.status", "return_requested needs an open return")
    if status == OrderStatus.RETURNED and not any(r.status == "received" for r in order.returns):
        problems.add(f"{at}.status", "returned needs a received return")
    if status == OrderStatus.EXCHANGED and not order.exchanges:
        problems.add(f"{at}.status", "exchanged needs an exchange")
    if status not in AFTER_DELIVERY and (order.returns or order.exchanges):
        problems.add(f"{at}.status", f"a {status} order cannot have returns or exchanges")
