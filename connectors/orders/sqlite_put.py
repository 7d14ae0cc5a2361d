"""Writing models into the store's rows: whole shops on import, and new records during writes."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import datetime

from connectors.orders.catalog_models import Category, Product
from connectors.orders.clock import iso
from connectors.orders.common_models import Address, StoreModel
from connectors.orders.customer_models import Customer
from connectors.orders.order_models import Exchange, Order, Refund, ReturnRequest, Shipment
from connectors.orders.shop_data import ShopData
from connectors.orders.sqlite_db import set_as_of, set_meta


def _json(model: StoreModel | None) -> str | None:
    return None if model is None else model.model_dump_json()


def _ts(moment: datetime | None) -> str | None:
    return None if moment is None else iso(moment)


def phone_digits(phone: str) -> str:
    """The digits of a phone number, without a leading US country code: how phone lookups compare."""
    digits = re.sub(r"\D", "", phone)
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def address_json(address: Address) -> str:
    return address.model_dump_json()


def put_category(conn: sqlite3.Connection, category: Category) -> None:
    conn.execute(
        "INSERT INTO categories (category_id, name, description, attribute_kind) VALUES (?, ?, ?, ?)",
        (category.category_id, category.name, category.description, category.attribute_kind),
    )


def put_product(conn: sqlite3.Connection, product: Product) -> None:
    conn.execute(
        "INSERT INTO products (product_id, category_id, name, brand, description, attributes, aliases, returnable)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            product.product_id, product.category_id, product.name, product.brand, product.description,
            product.attributes.model_dump_json(), json.dumps(product.aliases), int(product.returnable),
        ),
    )
    conn.executemany(
        "INSERT INTO variants (sku, product_id, position, name, options, net_weight, price_cents, stock, active)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (v.sku, v.product_id, position, v.name, json.dumps(v.options), _json(v.net_weight), v.price_cents,
             v.stock, int(v.active))
            for position, v in enumerate(product.variants)
        ],
    )


def put_customer(conn: sqlite3.Connection, customer: Customer) -> None:
    conn.execute(
        "INSERT INTO customers (customer_id, name, email, phone, phone_digits, default_address, postal_code,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            customer.customer_id, customer.name, customer.email, customer.phone, phone_digits(customer.phone),
            address_json(customer.default_address), customer.default_address.postal_code,
            iso(customer.created_at),
        ),
    )
    conn.executemany(
        "INSERT INTO pets (pet_id, customer_id, name, species, breed, birth_date) VALUES (?, ?, ?, ?, ?, ?)",
        [(p.pet_id, customer.customer_id, p.name, p.species, p.breed, p.birth_date.isoformat())
         for p in customer.pets],
    )


def put_refund(conn: sqlite3.Connection, order_number: str, refund: Refund) -> None:
    conn.execute(
        "INSERT INTO refunds (refund_id, order_number, payment_id, amount_cents, reason, status, created_at,"
        " issued_at, return_id, exchange_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            refund.refund_id, order_number, refund.payment_id, refund.amount_cents, refund.reason, refund.status,
            iso(refund.created_at), _ts(refund.issued_at), refund.return_id, refund.exchange_id,
        ),
    )


def put_shipment(conn: sqlite3.Connection, order_number: str, shipment: Shipment) -> None:
    conn.execute(
        "INSERT INTO shipments (shipment_id, order_number, purpose, carrier, tracking_number, status, shipped_at,"
        " estimated_delivery, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            shipment.shipment_id, order_number, shipment.purpose, shipment.carrier, shipment.tracking_number,
            shipment.status, _ts(shipment.shipped_at),
            shipment.estimated_delivery.isoformat() if shipment.estimated_delivery else None,
            _ts(shipment.delivered_at),
        ),
    )
    conn.executemany(
        "INSERT INTO tracking_events (shipment_id, seq, at, status, location, description)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(shipment.shipment_id, seq, iso(e.at), e.status, e.location, e.description)
         for seq, e in enumerate(shipment.events)],
    )


def put_return(conn: sqlite3.Connection, order_number: str, request: ReturnRequest) -> None:
    conn.execute(
        "INSERT INTO returns (return_id, order_number, status, reason, created_at, received_at, refund_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            request.return_id, order_number, request.status, request.reason, iso(request.created_at),
            _ts(request.received_at), request.refund_id,
        ),
    )
    conn.executemany(
        "INSERT INTO return_items (return_id, position, order_number, sku, quantity) VALUES (?, ?, ?, ?, ?)",
        [(request.return_id, i, order_number, line.sku, line.quantity) for i, line in enumerate(request.items)],
    )


def put_exchange(conn: sqlite3.Connection, order_number: str, exchange: Exchange) -> None:
    conn.execute(
        "INSERT INTO exchanges (exchange_id, order_number, status, reason, created_at, shipment_id, refund_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            exchange.exchange_id, order_number, exchange.status, exchange.reason, iso(exchange.created_at),
            exchange.shipment_id, exchange.refund_id,
        ),
    )
    conn.executemany(
        "INSERT INTO exchange_items (exchange_id, position, order_number, sku, to_sku, quantity)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(exchange.exchange_id, i, order_number, s.sku, s.to_sku, s.quantity) for i, s in enumerate(exchange.items)],
    )


def put_order(conn: sqlite3.Connection, order: Order) -> None:
    number = order.order_number
    conn.execute(
        "INSERT INTO orders (order_number, customer_id, status, placed_at, updated_at, shipping_address,"
        " shipping_cents, subtotal_cents, total_cents, delivered_at, cancelled_at, cancel_reason)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            number, order.customer_id, order.status.value, iso(order.placed_at), iso(order.updated_at),
            address_json(order.shipping_address), order.shipping_cents, order.subtotal_cents, order.total_cents,
            _ts(order.delivered_at), _ts(order.cancelled_at), order.cancel_reason,
        ),
    )
    conn.executemany(
        "INSERT INTO order_items (order_number, line_no, sku, product_id, product_name, variant_name, quantity,"
        " unit_price_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(number, i.line_no, i.sku, i.product_id, i.product_name, i.variant_name, i.quantity, i.unit_price_cents)
         for i in order.items],
    )
    p = order.payment
    conn.execute(
        "INSERT INTO payments (payment_id, order_number, method, label, captured_cents, refunded_cents)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (p.payment_id, number, p.method, p.label, p.captured_cents, p.refunded_cents),
    )
    for refund in order.refunds:
        put_refund(conn, number, refund)
    for shipment in order.shipments:
        put_shipment(conn, number, shipment)
    for request in order.returns:
        put_return(conn, number, request)
    for exchange in order.exchanges:
        put_exchange(conn, number, exchange)


def put_shop(conn: sqlite3.Connection, data: ShopData) -> None:
    """Load a whole (already validated) shop into an empty store."""
    set_meta(conn, "shop", data.shop.model_dump_json())
    set_as_of(conn, data.as_of)
    for category in data.categories:
        put_category(conn, category)
    for product in data.products:
        put_product(conn, product)
    for customer in data.customers:
        put_customer(conn, customer)
    for order in data.orders:
        put_order(conn, order)
