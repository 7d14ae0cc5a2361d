"""After-sales writes on the SQLite store: cancel, return, exchange (bodies run inside `run_write`)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta

from connectors.orders.catalog_models import Product
from connectors.orders.clock import iso
from connectors.orders.order_models import (
    Exchange,
    ExchangeLine,
    OrderStatus,
    ReturnLine,
    ReturnRequest,
    Shipment,
    TrackingEvent,
)
from connectors.orders.order_numbers import SHIPPING_ORIGIN, tracking_number
from connectors.orders.rules import (
    capped_refund,
    check_exchange,
    check_returnable_lines,
    clean_reason,
    coerce,
    ensure_after_delivery,
    ensure_before_shipment,
    ensure_transition,
    ensure_window_open,
    return_value,
)
from connectors.orders.shop_data import ShopPolicy
from connectors.orders.sqlite_primitives import (
    add_refund,
    next_id,
    owned_order,
    reload,
    restock,
    set_status,
    take_stock,
)
from connectors.orders.sqlite_put import put_exchange, put_return, put_shipment
from connectors.orders.sqlite_rows import load_products, load_variants
from connectors.orders.write_models import CancelResult, ExchangeResult, ReturnResult


def products_by_id(conn: sqlite3.Connection, product_ids: Sequence[str]) -> dict[str, Product]:
    ids = sorted(set(product_ids))
    marks = ", ".join("?" for _ in ids)
    return {p.product_id: p for p in load_products(conn, f"WHERE product_id IN ({marks})", ids)}


def cancel(conn: sqlite3.Connection, now: datetime, customer_id: str, order_number: str, reason: str) -> CancelResult:
    reason = clean_reason(reason)
    order = owned_order(conn, customer_id, order_number)
    ensure_before_shipment(order, "cancelled")
    ensure_transition(order, OrderStatus.CANCELLED, "cancelled")
    conn.execute(
        "UPDATE orders SET status = 'cancelled', cancelled_at = ?, cancel_reason = ?, updated_at = ?"
        " WHERE order_number = ?",
        (iso(now), reason, iso(now), order.order_number),
    )
    for item in order.items:
        restock(conn, item.sku, item.quantity)
    amount = capped_refund(order, order.payment.refundable_cents)
    refund = add_refund(conn, order, amount, "cancellation", now, issued=True) if amount else None
    return CancelResult(order=reload(conn, order.order_number), refund=refund)


def request_return(
    conn: sqlite3.Connection,
    now: datetime,
    policy: ShopPolicy,
    customer_id: str,
    order_number: str,
    items: Sequence[ReturnLine],
    reason: str,
) -> ReturnResult:
    lines = coerce(list[ReturnLine], list(items), "return items")
    reason = clean_reason(reason)
    order = owned_order(conn, customer_id, order_number)
    ensure_after_delivery(order, "returned")
    ensure_window_open(order, policy, now)
    products = products_by_id(conn, [item.product_id for item in order.items])
    check_returnable_lines(order, [(line.sku, line.quantity) for line in lines], products)
    return_id = next_id(conn, "RT", "returns", order.order_number)
    amount = capped_refund(order, return_value(order, lines))
    refund = add_refund(conn, order, amount, "return", now, issued=False, return_id=return_id) if amount else None
    request = ReturnRequest(
        return_id=return_id,
        status="requested",
        reason=reason,
        created_at=now,
        items=lines,
        refund_id=refund.refund_id if refund else None,
    )
    put_return(conn, order.order_number, request)
    set_status(conn, order, OrderStatus.RETURN_REQUESTED, now, "returned")
    return ReturnResult(order=reload(conn, order.order_number), return_request=request, refund=refund)


def request_exchange(
    conn: sqlite3.Connection,
    now: datetime,
    policy: ShopPolicy,
    customer_id: str,
    order_number: str,
    items: Sequence[ExchangeLine],
    reason: str,
) -> ExchangeResult:
    lines = coerce(list[ExchangeLine], list(items), "exchange items")
    reason = clean_reason(reason)
    order = owned_order(conn, customer_id, order_number)
    ensure_after_delivery(order, "exchanged")
    ensure_window_open(order, policy, now)
    products = products_by_id(conn, [item.product_id for item in order.items])
    check_returnable_lines(order, [(line.sku, line.quantity) for line in lines], products)
    difference = check_exchange(order, lines, load_variants(conn, [line.to_sku for line in lines]))
    needed: Counter[str] = Counter()
    for line in lines:
        needed[line.to_sku] += line.quantity
    for sku, quantity in sorted(needed.items()):
        take_stock(conn, sku, quantity)
    exchange_id = next_id(conn, "EX", "exchanges", order.order_number)
    carrier = order.shipments[0].carrier if order.shipments else "UPS"
    shipment_id = next_id(conn, "SH", "shipments", order.order_number)
    shipment = Shipment(
        shipment_id=shipment_id,
        purpose="exchange",
        carrier=carrier,
        tracking_number=tracking_number(carrier, shipment_id),
        status="label_created",
        estimated_delivery=(now + timedelta(days=4)).date(),
        events=[
            TrackingEvent(
                at=now, status="label_created", location=SHIPPING_ORIGIN, description="Replacement label created"
            )
        ],
    )
    put_shipment(conn, order.order_number, shipment)
    amount = capped_refund(order, difference)
    refund = (
        add_refund(conn, order, amount, "exchange_difference", now, issued=True, exchange_id=exchange_id)
        if amount
        else None
    )
    exchange = Exchange(
        exchange_id=exchange_id,
        status="requested",
        reason=reason,
        created_at=now,
        items=lines,
        shipment_id=shipment_id,
        refund_id=refund.refund_id if refund else None,
    )
    put_exchange(conn, order.order_number, exchange)
    set_status(conn, order, OrderStatus.EXCHANGED, now, "exchanged")
    return ExchangeResult(order=reload(conn, order.order_number), exchange=exchange, refund=refund)
