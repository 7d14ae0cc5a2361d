"""Reading the store's rows back into models: orders with everything attached, products, customers."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from connectors.orders.catalog_models import Category, Product, Variant
from connectors.orders.customer_models import Customer
from connectors.orders.order_models import Order
from connectors.orders.shop_data import ShopData
from connectors.orders.sqlite_db import shop_info

Params = Sequence[str | int]


def _grouped(conn: sqlite3.Connection, sql: str, params: Params, key: str) -> dict[str, list[sqlite3.Row]]:
    groups: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for row in conn.execute(sql, params):
        groups[row[key]].append(row)
    return groups


def load_orders(conn: sqlite3.Connection, where: str = "", params: Params = ()) -> list[Order]:
    """Orders matching `where` (a clause over `orders`), each with items, payment, parcels, returns..."""
    orders = conn.execute(f"SELECT * FROM orders {where} ORDER BY order_number", params).fetchall()
    if not orders:
        return []
    chosen = f"order_number IN (SELECT order_number FROM orders {where})"
    items = _grouped(conn, f"SELECT * FROM order_items WHERE {chosen} ORDER BY line_no", params, "order_number")
    payments = {r["order_number"]: r for r in conn.execute(f"SELECT * FROM payments WHERE {chosen}", params)}
    refunds = _grouped(conn, f"SELECT * FROM refunds WHERE {chosen} ORDER BY refund_id", params, "order_number")
    shipments = _grouped(
        conn, f"SELECT * FROM shipments WHERE {chosen} ORDER BY shipment_id", params, "order_number"
    )
    events = _grouped(
        conn,
        "SELECT * FROM tracking_events WHERE shipment_id IN "
        f"(SELECT shipment_id FROM shipments WHERE {chosen}) ORDER BY seq",
        params,
        "shipment_id",
    )
    returns = _grouped(conn, f"SELECT * FROM returns WHERE {chosen} ORDER BY return_id", params, "order_number")
    return_items = _grouped(
        conn, f"SELECT * FROM return_items WHERE {chosen} ORDER BY position", params, "return_id"
    )
    exchanges = _grouped(
        conn, f"SELECT * FROM exchanges WHERE {chosen} ORDER BY exchange_id", params, "order_number"
    )
    exchange_items = _grouped(
        conn, f"SELECT * FROM exchange_items WHERE {chosen} ORDER BY position", params, "exchange_id"
    )
    result = []
    for row in orders:
        number = row["order_number"]
        payment = payments[number]
        doc: dict[str, Any] = {
            "order_number": number,
            "customer_id": row["customer_id"],
            "status": row["status"],
            "placed_at": row["placed_at"],
            "updated_at": row["updated_at"],
            "shipping_address": json.loads(row["shipping_address"]),
            "items": [
                {k: item[k] for k in ("line_no", "sku", "product_id", "product_name", "variant_name",
                                      "quantity", "unit_price_cents")}
                for item in items[number]
            ],
            "shipping_cents": row["shipping_cents"],
            "subtotal_cents": row["subtotal_cents"],
            "total_cents": row["total_cents"],
            "payment": {k: payment[k] for k in ("payment_id", "method", "label", "captured_cents", "refunded_cents")},
            "shipments": [
                {**{k: s[k] for k in ("shipment_id", "purpose", "carrier", "tracking_number", "status",
                                      "shipped_at", "estimated_delivery", "delivered_at")},
                 "events": [{k: e[k] for k in ("at", "status", "location", "description")}
                            for e in events[s["shipment_id"]]]}
                for s in shipments[number]
            ],
            "returns": [
                {**{k: r[k] for k in ("return_id", "status", "reason", "created_at", "received_at", "refund_id")},
                 "items": [{"sku": i["sku"], "quantity": i["quantity"]} for i in return_items[r["return_id"]]]}
                for r in returns[number]
            ],
            "exchanges": [
                {**{k: x[k] for k in ("exchange_id", "status", "reason", "created_at", "shipment_id", "refund_id")},
                 "items": [{"sku": i["sku"], "to_sku": i["to_sku"], "quantity": i["quantity"]}
                           for i in exchange_items[x["exchange_id"]]]}
                for x in exchanges[number]
            ],
            "refunds": [
                {k: f[k] for k in ("refund_id", "payment_id", "amount_cents", "reason", "status", "created_at",
                                   "issued_at", "return_id", "exchange_id")}
                for f in refunds[number]
            ],
            "delivered_at": row["delivered_at"],
            "cancelled_at": row["cancelled_at"],
            "cancel_reason": row["cancel_reason"],
        }
        result.append(Order.model_validate(doc))
    return result


def load_categories(conn: sqlite3.Connection) -> list[Category]:
    rows = conn.execute("SELECT * FROM categories ORDER BY category_id").fetchall()
    return [Category.model_validate(dict(row)) for row in rows]


def _variant_doc(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "sku": row["sku"],
        "product_id": row["product_id"],
        "name": row["name"],
        "options": json.loads(row["options"]),
        "net_weight": json.loads(row["net_weight"]) if row["net_weight"] else None,
        "price_cents": row["price_cents"],
        "stock": row["stock"],
        "active": bool(row["active"]),
    }


def load_products(conn: sqlite3.Connection, where: str = "", params: Params = ()) -> list[Product]:
    rows = conn.execute(f"SELECT * FROM products {where} ORDER BY product_id", params).fetchall()
    variants = _grouped(
        conn,
        f"SELECT * FROM variants WHERE product_id IN (SELECT product_id FROM products {where}) ORDER BY position",
        params,
        "product_id",
    )
    return [
        Product.model_validate(
            {
                "product_id": row["product_id"],
                "category_id": row["category_id"],
                "name": row["name"],
                "brand": row["brand"],
                "description": row["description"],
                "attributes": json.loads(row["attributes"]),
                "aliases": json.loads(row["aliases"]),
                "returnable": bool(row["returnable"]),
                "variants": [_variant_doc(v) for v in variants[row["product_id"]]],
            }
        )
        for row in rows
    ]


def load_variants(conn: sqlite3.Connection, skus: Sequence[str]) -> dict[str, Variant]:
    marks = ", ".join("?" for _ in skus)
    rows = conn.execute(f"SELECT * FROM variants WHERE sku IN ({marks})", list(skus)).fetchall()
    return {row["sku"]: Variant.model_validate(_variant_doc(row)) for row in rows}


def load_customers(conn: sqlite3.Connection, where: str = "", params: Params = ()) -> list[Customer]:
    rows = conn.execute(f"SELECT * FROM customers {where} ORDER BY customer_id", params).fetchall()
    pets = _grouped(
        conn,
        f"SELECT * FROM pets WHERE customer_id IN (SELECT customer_id FROM customers {where}) ORDER BY pet_id",
        params,
        "customer_id",
    )
    return [
        Customer.model_validate(
            {
                "customer_id": row["customer_id"],
                "name": row["name"],
                "email": row["email"],
                "phone": row["phone"],
                "default_address": json.loads(row["default_address"]),
                "created_at": row["created_at"],
                "pets": [
                    {k: p[k] for k in ("pet_id", "name", "species", "breed", "birth_date")}
                    for p in pets[row["customer_id"]]
                ],
            }
        )
        for row in rows
    ]


def read_snapshot(conn: sqlite3.Connection, now: datetime) -> ShopData:
    """The whole shop as a document, as of `now`, every list sorted by id."""
    return ShopData(
        as_of=now,
        shop=shop_info(conn),
        categories=load_categories(conn),
        products=load_products(conn),
        customers=load_customers(conn),
        orders=load_orders(conn),
    )
