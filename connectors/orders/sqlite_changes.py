"""Pre-shipment and profile writes on the SQLite store: shipping address, items, default address."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from connectors.orders.clock import iso
from connectors.orders.common_models import Address
from connectors.orders.errors import CustomerNotFound
from connectors.orders.rules import (
    capped_refund,
    coerce,
    ensure_before_shipment,
    ensure_destination,
    plan_item_changes,
)
from connectors.orders.shop_data import ShopPolicy
from connectors.orders.sqlite_primitives import add_refund, owned_order, reload, restock, take_stock
from connectors.orders.sqlite_put import address_json
from connectors.orders.sqlite_rows import load_customers, load_variants
from connectors.orders.write_models import AddressChangeResult, CustomerResult, ItemChange, ModifyItemsResult


def change_shipping_address(
    conn: sqlite3.Connection,
    now: datetime,
    policy: ShopPolicy,
    customer_id: str,
    order_number: str,
    address: Address,
) -> AddressChangeResult:
    new_address = coerce(Address, address, "address")
    order = owned_order(conn, customer_id, order_number)
    ensure_before_shipment(order, "sent to another address")
    ensure_destination(new_address, policy)
    conn.execute(
        "UPDATE orders SET shipping_address = ?, updated_at = ? WHERE order_number = ?",
        (address_json(new_address), iso(now), order.order_number),
    )
    return AddressChangeResult(order=reload(conn, order.order_number))


def modify_items(
    conn: sqlite3.Connection,
    now: datetime,
    policy: ShopPolicy,
    customer_id: str,
    order_number: str,
    changes: Sequence[ItemChange],
) -> ModifyItemsResult:
    wanted = coerce(list[ItemChange], list(changes), "item changes")
    order = owned_order(conn, customer_id, order_number)
    ensure_before_shipment(order, "changed")
    variants = load_variants(conn, sorted({change.sku for change in wanted}))
    product_ids = sorted({v.product_id for v in variants.values()})
    marks = ", ".join("?" for _ in product_ids)
    names = {
        row["product_id"]: row["name"]
        for row in conn.execute(f"SELECT product_id, name FROM products WHERE product_id IN ({marks})", product_ids)
    }
    lines, stock_taken = plan_item_changes(order, wanted, variants, names, policy)
    for sku, delta in sorted(stock_taken.items()):
        if delta > 0:
            take_stock(conn, sku, delta)
        else:
            restock(conn, sku, -delta)
    line_numbers = {item.sku: item.line_no for item in order.items}
    next_line = max(line_numbers.values()) + 1
    conn.execute("DELETE FROM order_items WHERE order_number = ?", (order.order_number,))
    subtotal = 0
    for line in lines:
        if line.sku not in line_numbers:
            line_numbers[line.sku] = next_line
            next_line += 1
        subtotal += line.quantity * line.unit_price_cents
        conn.execute(
            "INSERT INTO order_items (order_number, line_no, sku, product_id, product_name, variant_name, quantity,"
            " unit_price_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                order.order_number, line_numbers[line.sku], line.sku, line.product_id, line.product_name,
                line.variant_name, line.quantity, line.unit_price_cents,
            ),
        )
    total = subtotal + order.shipping_cents
    conn.execute(
        "UPDATE orders SET subtotal_cents = ?, total_cents = ?, updated_at = ? WHERE order_number = ?",
        (subtotal, total, iso(now), order.order_number),
    )
    change = total - order.total_cents
    refund = None
    charged = 0
    if change > 0:
        # The extra is charged to the original payment, so "what was paid" grows with it.
        conn.execute(
            "UPDATE payments SET captured_cents = captured_cents + ? WHERE payment_id = ?",
            (change, order.payment.payment_id),
        )
        charged = change
    elif change < 0:
        amount = capped_refund(order, -change)
        if amount:
            refund = add_refund(conn, order, amount, "item_change", now, issued=True)
    return ModifyItemsResult(order=reload(conn, order.order_number), refund=refund, charged_cents=charged)


def change_default_address(
    conn: sqlite3.Connection, now: datetime, policy: ShopPolicy, customer_id: str, address: Address
) -> CustomerResult:
    new_address = coerce(Address, address, "address")
    if not load_customers(conn, "WHERE customer_id = ?", (customer_id,)):
        raise CustomerNotFound(f"no customer {customer_id!r}", customer_id=customer_id)
    ensure_destination(new_address, policy)
    conn.execute(
        "UPDATE customers SET default_address = ?, postal_code = ? WHERE customer_id = ?",
        (address_json(new_address), new_address.postal_code, customer_id),
    )
    return CustomerResult(customer=load_customers(conn, "WHERE customer_id = ?", (customer_id,))[0])
