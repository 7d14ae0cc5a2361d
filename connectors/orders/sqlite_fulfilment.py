"""The merchant's writes on the SQLite store: process, ship, deliver, receive a return."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from connectors.orders.clock import iso
from connectors.orders.errors import InvalidTransition, NotEligible, ReturnNotFound
from connectors.orders.interface import Carrier
from connectors.orders.order_models import Order, OrderStatus, Shipment, TrackingEvent
from connectors.orders.order_numbers import SHIPPING_ORIGIN, tracking_number
from connectors.orders.rules import coerce, ensure_transition
from connectors.orders.sqlite_primitives import add_event, any_order, next_id, reload, restock, set_status
from connectors.orders.sqlite_put import put_shipment


def _require(order: Order, status: OrderStatus, action: str) -> None:
    if order.status != status:
        raise InvalidTransition(order.order_number, order.status.value, action)


def start_processing(conn: sqlite3.Connection, now: datetime, order_number: str) -> Order:
    order = any_order(conn, order_number)
    _require(order, OrderStatus.PENDING, "processed")
    set_status(conn, order, OrderStatus.PROCESSING, now, "processed")
    return reload(conn, order.order_number)


def ship(conn: sqlite3.Connection, now: datetime, order_number: str, carrier: str) -> Order:
    carrier = coerce(Carrier, carrier, "carrier")  # type: ignore[arg-type]
    order = any_order(conn, order_number)
    _require(order, OrderStatus.PROCESSING, "shipped")
    shipment_id = next_id(conn, "SH", "shipments", order.order_number)
    shipment = Shipment.model_validate(
        {
            "shipment_id": shipment_id,
            "purpose": "order",
            "carrier": carrier,
            "tracking_number": tracking_number(carrier, shipment_id),
            "status": "in_transit",
            "shipped_at": now,
            "estimated_delivery": (now + timedelta(days=3)).date(),
            "events": [
                TrackingEvent(at=now, status="label_created", location=SHIPPING_ORIGIN, description="Label created"),
                TrackingEvent(
                    at=now, status="in_transit", location=SHIPPING_ORIGIN, description="Picked up by carrier"
                ),
            ],
        }
    )
    put_shipment(conn, order.order_number, shipment)
    set_status(conn, order, OrderStatus.SHIPPED, now, "shipped")
    return reload(conn, order.order_number)


def deliver(conn: sqlite3.Connection, now: datetime, order_number: str) -> Order:
    order = any_order(conn, order_number)
    _require(order, OrderStatus.SHIPPED, "delivered")
    ensure_transition(order, OrderStatus.DELIVERED, "delivered")
    for shipment in order.shipments:
        if shipment.purpose == "order" and shipment.status != "delivered":
            conn.execute(
                "UPDATE shipments SET status = 'delivered', delivered_at = ? WHERE shipment_id = ?",
                (iso(now), shipment.shipment_id),
            )
            city = f"{order.shipping_address.city}, {order.shipping_address.region}"
            add_event(conn, shipment, TrackingEvent(at=now, status="delivered", location=city, description="Delivered"))
    conn.execute(
        "UPDATE orders SET status = 'delivered', delivered_at = ?, updated_at = ? WHERE order_number = ?",
        (iso(now), iso(now), order.order_number),
    )
    return reload(conn, order.order_number)


def receive_return(conn: sqlite3.Connection, now: datetime, return_id: str) -> Order:
    row = conn.execute("SELECT * FROM returns WHERE return_id = ?", (return_id,)).fetchone()
    if row is None:
        raise ReturnNotFound(return_id)
    if row["status"] != "requested":
        raise NotEligible(f"return {return_id} was already received", return_id=return_id)
    order = any_order(conn, row["order_number"])
    conn.execute(
        "UPDATE returns SET status = 'received', received_at = ? WHERE return_id = ?", (iso(now), return_id)
    )
    if row["refund_id"] is not None:
        conn.execute(
            "UPDATE refunds SET status = 'issued', issued_at = ? WHERE refund_id = ?", (iso(now), row["refund_id"])
        )
    items = conn.execute("SELECT sku, quantity FROM return_items WHERE return_id = ?", (return_id,)).fetchall()
    for item in items:
        restock(conn, item["sku"], item["quantity"])
    still_open = conn.execute(
        "SELECT COUNT(*) FROM returns WHERE order_number = ? AND status = 'requested'", (order.order_number,)
    ).fetchone()[0]
    if still_open == 0:
        set_status(conn, order, OrderStatus.RETURNED, now, "marked returned")
    return reload(conn, order.order_number)
