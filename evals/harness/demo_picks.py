"""Lists demo-shop customers and orders by status, so scenarios name real, deterministic ids."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

from connectors.orders.catalog_models import Product
from connectors.orders.demo_data import generate_demo_shop
from connectors.orders.order_models import Order
from connectors.orders.shop_data import ShopData


def _window_note(order: Order, data: ShopData) -> str:
    if order.delivered_at is None:
        return ""
    days = (data.as_of - order.delivered_at).days
    closes = order.delivered_at + timedelta(days=data.shop.policy.return_window_days)
    return f" delivered {days}d ago, window {'open' if closes > data.as_of else 'closed'}"


def _item_notes(order: Order, products: dict[str, Product]) -> str:
    notes = []
    for item in order.items:
        product = products[item.product_id]
        final = "" if product.returnable else " FINAL-SALE"
        others = [
            f"{v.sku}:{v.name}:{v.price_cents}{'' if v.in_stock else ':OOS'}"
            for v in product.variants
            if v.sku != item.sku
        ]
        notes.append(
            f"      {item.sku} x{item.quantity} {item.product_name} ({item.variant_name}) "
            f"{item.unit_price_cents}c{final}; other variants: {', '.join(others) or '-'}"
        )
    return "\n".join(notes)


def order_lines(data: ShopData, status: str | None, limit: int) -> Iterator[str]:
    """One block per order of `status` (all statuses when None), with its customer and items."""
    customers = {c.customer_id: c for c in data.customers}
    products = {p.product_id: p for p in data.products}
    per_customer = Counter((o.customer_id, o.status) for o in data.orders)
    shown = 0
    for order in data.orders:
        if status is not None and order.status != status:
            continue
        customer = customers[order.customer_id]
        same = per_customer[(order.customer_id, order.status)]
        yield (
            f"{order.order_number} {order.status}{_window_note(order, data)} | {customer.customer_id} "
            f"{customer.email} zip {customer.default_address.postal_code} | {same} {order.status} order(s) "
            f"| paid {order.payment.label} {order.total_cents}c"
        )
        yield _item_notes(order, products)
        shown += 1
        if shown >= limit:
            return


def customer_lines(data: ShopData) -> Iterator[str]:
    """Each customer with their orders per status and pets."""
    for customer in data.customers:
        mine = [o for o in data.orders if o.customer_id == customer.customer_id]
        counts = Counter(o.status for o in mine)
        pets = ", ".join(f"{p.name} ({p.species}, {p.birth_date})" for p in customer.pets)
        statuses = " ".join(f"{status}={n}" for status, n in sorted(counts.items()))
        where = f"zip {customer.default_address.postal_code}"
        yield f"{customer.customer_id} {customer.email} {where} | {statuses} | {pets}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--status", help="only orders in this status (pending, delivered, ...)")
    parser.add_argument("--customers", action="store_true", help="list customers instead of orders")
    parser.add_argument("--limit", type=int, default=1000)
    args = parser.parse_args()
    data = generate_demo_shop()
    lines = customer_lines(data) if args.customers else order_lines(data, args.status, args.limit)
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
