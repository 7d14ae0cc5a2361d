"""Order-level steps used inside write transactions: owned lookups, status moves, refunds, stock moves."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Literal

from connectors.orders.clock import iso
from connectors.orders.errors import OrderNotFound, OutOfStock, VariantNotFound
from connectors.orders.order_models import Order, OrderStatus, Refund, Shipment, TrackingEvent
from connectors.orders.order_numbers import normalize_order_number, order_digits
from connectors.orders.rules import ensure_transition
from connectors.orders.sqlite_put import put_refund
from connectors.orders.sqlite_rows import load_orders

RefundReason = Literal["cancellation", "return", "exchange_difference", "item_change"]


def owned_order(conn: sqlite3.Connection, customer_id: str, order_number: str) -> Order:
    """The order if this customer owns it; otherwise "not found", exactly as if it did not exist."""
    number = normalize_order_number(order_number)
    orders = load_orders(conn, "WHERE order_number = ? AND customer_id = ?", (number, customer_id))
    if not orders:
        raise OrderNotFound(number)
    return orders[0]


def any_order(conn: sqlite3.Connection, order_number: str) -> Order:
    """The order whoever owns it: for the merchant's operations only."""
    number = normalize_order_number(order_number)
    orders = load_orders(conn, "WHERE order_number = ?", (number,))
    if not orders:
        raise OrderNotFound(number)
    return orders[0]


def reload(conn: sqlite3.Connection, order_number: str) -> Order:
    return load_orders(conn, "WHERE order_number = ?", (order_number,))[0]


def set_status(conn: sqlite3.Connection, order: Order, new: OrderStatus, now: datetime, action: str) -> None:
    ensure_transition(order, new, action)
    conn.execute(
        "UPDATE orders SET status = ?, updated_at = ? WHERE order_number = ?",
        (new.value, iso(now), order.order_number),
    )


def touch(conn: sqlite3.Connection, order_number: str, now: datetime) -> None:
    conn.execute("UPDATE orders SET updated_at = ? WHERE order_number = ?", (iso(now), order_number))


def next_id(conn: sqlite3.Connection, prefix: str, table: str, order_number: str) -> str:
    """Ids are "<prefix>-<order digits>-<n>", counted per order, so equal histories give equal ids."""
    count = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE order_number = ?", (order_number,)).fetchone()[0]
    return f"{prefix}-{order_digits(order_number)}-{count + 1}"


def add_refund(
    conn: sqlite3.Connection,
    order: Order,
    amount_cents: int,
    reason: RefundReason,
    now: datetime,
    *,
    issued: bool,
    return_id: str | None = None,
    exchange_id: str | None = None,
) -> Refund:
    """Book a refund to the order's original payment; the payment row's CHECK caps it at what was captured."""
    refund = Refund(
        refund_id=next_id(conn, "RF", "refunds", order.order_number),
        payment_id=order.payment.payment_id,
        amount_cents=amount_cents,
        reason=reason,
        status="issued" if issued else "pending",
        created_at=now,
        issued_at=now if issued else None,
        return_id=return_id,
        exchange_id=exchange_id,
    )
    put_refund(conn, order.order_number, refund)
    conn.execute(
        "UPDATE payments SET refunded_cents = refunded_cents + ? WHERE payment_id = ?",
        (amount_cents, order.payment.payment_id),
    )
    return refund


def take_stock(conn: sqlite3.Connection, sku: str, quantity: int) -> None:
    """Remove units from stock, atomically refusing to go below zero."""
    cursor = conn.execute(
        "UPDATE variants SET stock = stock - ? WHERE sku = ? AND stock >= ?", (quantity, sku, quantity)
    )
    if cursor.rowcount != 1:
        row = conn.execute("SELECT stock FROM variants WHERE sku = ?", (sku,)).fetchone()
        if row is None:
            raise VariantNotFound(sku)
        raise OutOfStock(sku, quantity, int(row["stock"]))


def restock(conn: sqlite3.Connection, sku: str, quantity: int) -> None:
    conn.execute("UPDATE variants SET stock = stock + ? WHERE sku = ?", (quantity, sku))


def add_event(conn: sqlite3.Connection, shipment: Shipment, event: TrackingEvent) -> None:
    seq = conn.execute(
        "SELECT COUNT(*) FROM tracking_events WHERE shipment_id = ?", (shipment.shipment_id,)
    ).fetchone()[0]
    conn.execute(
        "INSERT INTO tracking_events (shipment_id, seq, at, status, location, description) VALUES (?, ?, ?, ?, ?, ?)",
        (shipment.shipment_id, seq, iso(event.at), event.status, event.location, event.description),
    )
