"""The demo shop's order history: orders in every status with items, payments, parcels, returns and refunds."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from connectors.orders.catalog_models import Product, Variant
from connectors.orders.customer_models import Customer
from connectors.orders.demo_people import random_address
from connectors.orders.demo_timeline import Timeline, latest, order_shipment, replacement_shipment, timeline
from connectors.orders.order_models import Exchange, Order, OrderItem, OrderStatus, Refund, ReturnRequest
from connectors.orders.order_numbers import format_order_number, order_digits

S = OrderStatus
STATUS_WEIGHTS = (
    (S.PENDING, 7), (S.PROCESSING, 7), (S.SHIPPED, 12), (S.DELIVERED, 40), (S.CANCELLED, 9),
    (S.RETURN_REQUESTED, 9), (S.RETURNED, 8), (S.EXCHANGED, 8),
)  # fmt: skip
CANCEL_REASONS = ("Ordered the wrong size", "Found it cheaper elsewhere", "No longer needed", "Duplicate order")
RETURN_REASONS = ("My cat refused to eat it", "Arrived damaged", "Ordered by mistake", "My dog is allergic to it")
EXCHANGE_REASONS = ("Wrong size", "Wanted another colour", "Too big for my pet")
SHIPPING_CENTS, FREE_SHIPPING_FROM = 499, 4900


def status_plan(rng: random.Random, count: int) -> list[OrderStatus]:
    """Statuses in proportion to their weights, every status at least once when `count` allows."""
    total = sum(weight for _, weight in STATUS_WEIGHTS)
    counts = {status: max(1, count * weight // total) for status, weight in STATUS_WEIGHTS}
    while sum(counts.values()) > count and max(counts.values()) > 1:
        counts[max(counts, key=lambda status: counts[status])] -= 1
    counts[S.DELIVERED] += max(0, count - sum(counts.values()))
    plan = [status for status, _ in STATUS_WEIGHTS for _ in range(counts[status])]
    plan = rng.sample(plan, count) if len(plan) > count else plan
    rng.shuffle(plan)
    return plan


def _wanted_species(customer: Customer) -> set[str]:
    return {pet.species for pet in customer.pets} or {"cat"}


def _fits(product: Product, species: set[str]) -> bool:
    kind = product.attributes.kind
    if kind in ("cat_food", "litter"):
        return "cat" in species
    if kind == "dog_food":
        return "dog" in species
    return getattr(product.attributes, "species", "other") in species | {"other"}


@dataclass(frozen=True)
class Line:
    product: Product
    variant: Variant
    quantity: int


def pick_lines(rng: random.Random, customer: Customer, products: list[Product], status: OrderStatus) -> list[Line]:
    """1-4 lines for the customer's pets; after-sales statuses start with a line they can act on."""
    pool = [p for p in products if _fits(p, _wanted_species(customer))]
    lines: list[Line] = []
    if status in (S.RETURN_REQUESTED, S.RETURNED, S.EXCHANGED):
        product = rng.choice([p for p in pool if p.returnable])
        top = max(v.price_cents for v in product.variants)
        # Exchanges only go to a variant costing the same or less, so start from a most expensive one.
        variant = rng.choice([v for v in product.variants if v.price_cents == top])
        lines.append(Line(product, variant, rng.choices((1, 2, 3), (70, 22, 8))[0]))
    for _ in range(rng.choice((1, 1, 2, 2, 3, 4)) - len(lines)):
        product = rng.choice(pool)
        if any(line.product.product_id == product.product_id for line in lines):
            continue
        lines.append(Line(product, rng.choice(product.variants), rng.choices((1, 2, 3), (70, 22, 8))[0]))
    return lines


def _payment(rng: random.Random, number: str, customer: Customer, total: int, refunded: int) -> dict[str, object]:
    method = rng.choices(("card", "paypal", "gift_card"), (75, 20, 5))[0]
    label = {
        "card": f"{rng.choice(('Visa', 'Mastercard', 'Amex'))} ending {rng.randint(1000, 9999)}",
        "paypal": f"PayPal ({customer.email})",
        "gift_card": f"Gift card ending {rng.randint(1000, 9999)}",
    }[method]
    return {"payment_id": f"PAY-{order_digits(number)}", "method": method, "label": label,
            "captured_cents": total, "refunded_cents": refunded}  # fmt: skip


def build_order(
    rng: random.Random, number: str, status: OrderStatus, when: Timeline, customer: Customer,
    products: list[Product], now: datetime,
) -> Order:  # fmt: skip
    """One order whose every part agrees with its status and timeline."""
    digits = order_digits(number)
    lines = pick_lines(rng, customer, products, status)
    items = [
        OrderItem(line_no=i, sku=line.variant.sku, product_id=line.product.product_id,
                  product_name=line.product.name, variant_name=line.variant.name, quantity=line.quantity,
                  unit_price_cents=line.variant.price_cents)
        for i, line in enumerate(lines, start=1)
    ]  # fmt: skip
    subtotal = sum(item.line_total_cents for item in items)
    shipping = 0 if subtotal >= FREE_SHIPPING_FROM else SHIPPING_CENTS
    address = customer.default_address
    if rng.random() < 0.1:
        address, _ = random_address(rng, f"{rng.choice(('Sam', 'Alex', 'Jo'))} {customer.name.split()[-1]}")
    destination = f"{address.city}, {address.region}"
    carrier = rng.choices(("UPS", "USPS", "FedEx"), (50, 30, 20))[0]
    shipments = [order_shipment(rng, f"SH-{digits}-1", carrier, when, destination, now)] if when.shipped else []
    refunds: list[Refund] = []
    returns: list[ReturnRequest] = []
    exchanges: list[Exchange] = []

    def refund(amount: int, reason: str, issued: datetime | None, **links: str) -> Refund:
        made = Refund.model_validate({
            "refund_id": f"RF-{digits}-{len(refunds) + 1}", "payment_id": f"PAY-{digits}", "amount_cents": amount,
            "reason": reason, "status": "issued" if issued else "pending", "created_at": when.after,
            "issued_at": issued, **links,
        })  # fmt: skip
        refunds.append(made)
        return made

    if status == S.CANCELLED:
        refund(subtotal + shipping, "cancellation", when.after)
    elif status in (S.RETURN_REQUESTED, S.RETURNED):
        chosen = [items[0]] + [i for i in items[1:] if lines[i.line_no - 1].product.returnable and rng.random() < 0.3]
        taken = [rng.randint(1, i.quantity) for i in chosen]
        back = [{"sku": i.sku, "quantity": q} for i, q in zip(chosen, taken, strict=True)]
        amount = sum(q * i.unit_price_cents for i, q in zip(chosen, taken, strict=True))
        return_id = f"RT-{digits}-1"
        made = refund(amount, "return", when.received, return_id=return_id)
        returns.append(ReturnRequest.model_validate({
            "return_id": return_id, "status": "received" if when.received else "requested",
            "reason": rng.choice(RETURN_REASONS), "created_at": when.after, "received_at": when.received,
            "items": back, "refund_id": made.refund_id,
        }))  # fmt: skip
    elif status == S.EXCHANGED:
        first = lines[0]
        targets = [v for v in first.product.variants
                   if v.sku != first.variant.sku and v.price_cents <= first.variant.price_cents]  # fmt: skip
        target = rng.choice(targets)
        quantity = rng.randint(1, first.quantity)
        assert when.after is not None
        replacement = replacement_shipment(rng, f"SH-{digits}-2", carrier, when.after, destination, now)
        shipments.append(replacement)
        difference = (first.variant.price_cents - target.price_cents) * quantity
        exchange_id = f"EX-{digits}-1"
        made_refund = (
            refund(difference, "exchange_difference", when.after, exchange_id=exchange_id) if difference else None
        )
        exchanges.append(Exchange.model_validate({
            "exchange_id": exchange_id, "status": "completed" if replacement.status == "delivered" else "requested",
            "reason": rng.choice(EXCHANGE_REASONS), "created_at": when.after,
            "items": [{"sku": first.variant.sku, "to_sku": target.sku, "quantity": quantity}],
            "shipment_id": replacement.shipment_id, "refund_id": made_refund.refund_id if made_refund else None,
        }))  # fmt: skip
    events = [e.at for s in shipments for e in s.events]
    return Order.model_validate({
        "order_number": number, "customer_id": customer.customer_id, "status": status,
        "placed_at": when.placed, "updated_at": latest(when.placed, when.after, when.received, *events),
        "shipping_address": address, "items": items, "shipping_cents": shipping, "subtotal_cents": subtotal,
        "total_cents": subtotal + shipping,
        "payment": _payment(rng, number, customer, subtotal + shipping, sum(r.amount_cents for r in refunds)),
        "shipments": shipments, "returns": returns, "exchanges": exchanges, "refunds": refunds,
        "delivered_at": when.delivered, "cancelled_at": when.after if status == S.CANCELLED else None,
        "cancel_reason": rng.choice(CANCEL_REASONS) if status == S.CANCELLED else None,
    })  # fmt: skip


def build_orders(
    rng: random.Random, customers: list[Customer], products: list[Product], now: datetime, count: int,
    prefix: str = "PS",
) -> list[Order]:  # fmt: skip
    """`count` orders; every customer gets at least one, numbers rise with placement time."""
    drafts = []
    for index, status in enumerate(status_plan(rng, count)):
        customer = customers[index] if index < len(customers) else rng.choice(customers)
        drafts.append((timeline(rng, status, now), status, customer))
    drafts.sort(key=lambda draft: (draft[0].placed, draft[2].customer_id))
    orders = []
    number = 100_000
    for when, status, customer in drafts:
        number += rng.randint(1, 3)
        orders.append(build_order(rng, format_order_number(prefix, number), status, when, customer, products, now))
    return orders
