"""The SQLite schema of the store: tables, constraints and triggers that hold even against buggy code."""

from __future__ import annotations

import sqlite3

from connectors.orders.order_models import ALLOWED_TRANSITIONS, OrderStatus

SCHEMA_VERSION = 1

_STATUSES = ", ".join(f"'{status.value}'" for status in OrderStatus)

DDL = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

CREATE TABLE categories (
    category_id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL,
    attribute_kind TEXT NOT NULL
) STRICT;

CREATE TABLE products (
    product_id TEXT PRIMARY KEY,
    category_id TEXT NOT NULL REFERENCES categories(category_id),
    name TEXT NOT NULL, brand TEXT NOT NULL, description TEXT NOT NULL,
    attributes TEXT NOT NULL CHECK (json_valid(attributes)),
    aliases TEXT NOT NULL CHECK (json_valid(aliases)),
    returnable INTEGER NOT NULL CHECK (returnable IN (0, 1))
) STRICT;

CREATE TABLE variants (
    sku TEXT PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES products(product_id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    options TEXT NOT NULL CHECK (json_valid(options)),
    net_weight TEXT CHECK (net_weight IS NULL OR json_valid(net_weight)),
    price_cents INTEGER NOT NULL CHECK (price_cents > 0),
    stock INTEGER NOT NULL CHECK (stock >= 0),
    active INTEGER NOT NULL CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE customers (
    customer_id TEXT PRIMARY KEY, name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE, phone TEXT NOT NULL, phone_digits TEXT NOT NULL,
    default_address TEXT NOT NULL CHECK (json_valid(default_address)),
    postal_code TEXT NOT NULL, created_at TEXT NOT NULL
) STRICT;

CREATE TABLE pets (
    pet_id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(customer_id),
    name TEXT NOT NULL, species TEXT NOT NULL, breed TEXT, birth_date TEXT NOT NULL
) STRICT;

CREATE TABLE order_statuses (status TEXT PRIMARY KEY) STRICT;
CREATE TABLE status_transitions (
    from_status TEXT NOT NULL REFERENCES order_statuses(status),
    to_status TEXT NOT NULL REFERENCES order_statuses(status),
    PRIMARY KEY (from_status, to_status)
) STRICT;

CREATE TABLE orders (
    order_number TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(customer_id),
    status TEXT NOT NULL CHECK (status IN ({_STATUSES})),
    placed_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    shipping_address TEXT NOT NULL CHECK (json_valid(shipping_address)),
    shipping_cents INTEGER NOT NULL CHECK (shipping_cents >= 0),
    subtotal_cents INTEGER NOT NULL CHECK (subtotal_cents >= 0),
    total_cents INTEGER NOT NULL CHECK (total_cents = subtotal_cents + shipping_cents),
    delivered_at TEXT, cancelled_at TEXT, cancel_reason TEXT,
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
    CHECK (delivered_at IS NULL OR status IN ('delivered', 'return_requested', 'returned', 'exchanged'))
) STRICT;
CREATE INDEX orders_by_customer ON orders (customer_id, placed_at);

CREATE TRIGGER orders_legal_transitions BEFORE UPDATE OF status ON orders
WHEN NEW.status <> OLD.status AND NOT EXISTS (
    SELECT 1 FROM status_transitions WHERE from_status = OLD.status AND to_status = NEW.status)
BEGIN SELECT RAISE(ABORT, 'illegal order status transition'); END;

CREATE TRIGGER orders_keep_owner BEFORE UPDATE OF customer_id ON orders
BEGIN SELECT RAISE(ABORT, 'an order never changes owner'); END;

CREATE TABLE order_items (
    order_number TEXT NOT NULL REFERENCES orders(order_number),
    line_no INTEGER NOT NULL CHECK (line_no >= 1),
    sku TEXT NOT NULL REFERENCES variants(sku),
    product_id TEXT NOT NULL, product_name TEXT NOT NULL, variant_name TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_number, line_no),
    UNIQUE (order_number, sku)
) STRICT;

CREATE TABLE payments (
    payment_id TEXT PRIMARY KEY,
    order_number TEXT NOT NULL UNIQUE REFERENCES orders(order_number),
    method TEXT NOT NULL CHECK (method IN ('card', 'paypal', 'gift_card')),
    label TEXT NOT NULL,
    captured_cents INTEGER NOT NULL CHECK (captured_cents >= 0),
    refunded_cents INTEGER NOT NULL CHECK (refunded_cents >= 0 AND refunded_cents <= captured_cents)
) STRICT;

CREATE TABLE refunds (
    refund_id TEXT PRIMARY KEY,
    order_number TEXT NOT NULL REFERENCES orders(order_number),
    payment_id TEXT NOT NULL REFERENCES payments(payment_id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    reason TEXT NOT NULL CHECK (reason IN ('cancellation', 'return', 'exchange_difference', 'item_change')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'issued')),
    created_at TEXT NOT NULL, issued_at TEXT,
    return_id TEXT, exchange_id TEXT,
    CHECK ((status = 'issued') = (issued_at IS NOT NULL))
) STRICT;

CREATE TABLE shipments (
    shipment_id TEXT PRIMARY KEY,
    order_number TEXT NOT NULL REFERENCES orders(order_number),
    purpose TEXT NOT NULL CHECK (purpose IN ('order', 'exchange')),
    carrier TEXT NOT NULL CHECK (carrier IN ('UPS', 'USPS', 'FedEx')),
    tracking_number TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('label_created', 'in_transit', 'out_for_delivery', 'delivered')),
    shipped_at TEXT, estimated_delivery TEXT, delivered_at TEXT
) STRICT;

CREATE TABLE tracking_events (
    shipment_id TEXT NOT NULL REFERENCES shipments(shipment_id),
    seq INTEGER NOT NULL,
    at TEXT NOT NULL, status TEXT NOT NULL, location TEXT NOT NULL, description TEXT NOT NULL,
    PRIMARY KEY (shipment_id, seq)
) STRICT;

CREATE TABLE returns (
    return_id TEXT PRIMARY KEY,
    order_number TEXT NOT NULL REFERENCES orders(order_number),
    status TEXT NOT NULL CHECK (status IN ('requested', 'received')),
    reason TEXT NOT NULL, created_at TEXT NOT NULL, received_at TEXT,
    refund_id TEXT REFERENCES refunds(refund_id),
    CHECK ((status = 'received') = (received_at IS NOT NULL))
) STRICT;

CREATE TABLE return_items (
    return_id TEXT NOT NULL REFERENCES returns(return_id),
    position INTEGER NOT NULL,
    order_number TEXT NOT NULL,
    sku TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (return_id, position),
    FOREIGN KEY (order_number, sku) REFERENCES order_items(order_number, sku)
) STRICT;

CREATE TABLE exchanges (
    exchange_id TEXT PRIMARY KEY,
    order_number TEXT NOT NULL REFERENCES orders(order_number),
    status TEXT NOT NULL CHECK (status IN ('requested', 'completed')),
    reason TEXT NOT NULL, created_at TEXT NOT NULL,
    shipment_id TEXT NOT NULL REFERENCES shipments(shipment_id),
    refund_id TEXT REFERENCES refunds(refund_id)
) STRICT;

CREATE TABLE exchange_items (
    exchange_id TEXT NOT NULL REFERENCES exchanges(exchange_id),
    position INTEGER NOT NULL,
    order_number TEXT NOT NULL,
    sku TEXT NOT NULL,
    to_sku TEXT NOT NULL REFERENCES variants(sku),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (exchange_id, position),
    FOREIGN KEY (order_number, sku) REFERENCES order_items(order_number, sku),
    CHECK (to_sku <> sku)
) STRICT;

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL, actor TEXT NOT NULL, operation TEXT NOT NULL, idempotency_key TEXT NOT NULL,
    params TEXT NOT NULL CHECK (json_valid(params)),
    outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'replayed', 'refused')),
    error_code TEXT,
    result TEXT CHECK (result IS NULL OR json_valid(result)),
    CHECK ((outcome = 'refused') = (error_code IS NOT NULL))
) STRICT;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE idempotency (
    key TEXT PRIMARY KEY,
    actor TEXT NOT NULL, operation TEXT NOT NULL, params_hash TEXT NOT NULL,
    result TEXT NOT NULL CHECK (json_valid(result)),
    audit_seq INTEGER NOT NULL REFERENCES audit(seq)
) STRICT;
"""


def create_schema(conn: sqlite3.Connection) -> None:
    """Create every table in an empty database (inside the caller's transaction)."""
    for statement in DDL.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    conn.executemany("INSERT INTO order_statuses (status) VALUES (?)", [(s.value,) for s in OrderStatus])
    conn.executemany(
        "INSERT INTO status_transitions (from_status, to_status) VALUES (?, ?)",
        [(old.value, new.value) for old, targets in ALLOWED_TRANSITIONS.items() for new in sorted(targets)],
    )
    conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
