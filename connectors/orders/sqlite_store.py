"""`SqliteOrderSystem`: the embedded order system and catalog, enforcing the shop's rules itself."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from connectors.orders import sqlite_after_sales as after_sales
from connectors.orders import sqlite_changes as order_changes
from connectors.orders import sqlite_fulfilment as fulfilment
from connectors.orders import sqlite_reads as reads
from connectors.orders.catalog_models import Category, Product, StockLevel, Variant
from connectors.orders.catalog_search import search
from connectors.orders.clock import Clock
from connectors.orders.common_models import Address
from connectors.orders.customer_models import Customer, CustomerProfile
from connectors.orders.errors import ImportRejected, InvalidRequest, ProductNotFound, VariantNotFound
from connectors.orders.idempotency import R, run_write
from connectors.orders.interface import Carrier, Fulfilment, OrderSystem, StoreAdmin
from connectors.orders.order_models import ExchangeLine, Order, OrderStatus, OrderSummary, ReturnLine
from connectors.orders.order_numbers import normalize_order_number
from connectors.orders.shop_checks import check_shop
from connectors.orders.shop_data import ShopData, ShopPolicy, shop_hash
from connectors.orders.sqlite_db import Database, as_of, shop_info
from connectors.orders.sqlite_primitives import owned_order
from connectors.orders.sqlite_put import put_shop
from connectors.orders.sqlite_rows import load_categories, load_orders, load_products, load_variants, read_snapshot
from connectors.orders.view_models import ReturnStatus, StoreSummary, Tracking
from connectors.orders.write_models import (
    AddressChangeResult,
    AuditRecord,
    CancelResult,
    CustomerResult,
    ExchangeResult,
    ItemChange,
    ModifyItemsResult,
    ReturnResult,
)

MERCHANT = "merchant"


def _plain(value: object) -> Any:
    """Arguments as JSON values, for the idempotency hash and the audit log."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _number(text: str) -> str:
    try:
        return normalize_order_number(text)
    except InvalidRequest:
        return text


class SqliteOrderSystem:
    """Implements `OrderSystem`, `Fulfilment` and `StoreAdmin` on one SQLite file.

    `clock` is where "now" comes from; without one, the shop's time stands still at its data's `as_of`
    instant (so demo data and evals are reproducible). Pass `SystemClock()` for a live shop.
    """

    def __init__(self, path: Path, *, clock: Clock | None = None) -> None:
        self.db = Database(Path(path))
        self._clock = clock

    @classmethod
    def create(cls, path: Path, data: ShopData, *, clock: Clock | None = None) -> SqliteOrderSystem:
        """Make the store at `path` hold exactly `data` (any shop there is replaced, atomically)."""
        store = cls(path, clock=clock)
        store.import_shop(data)
        return store

    def _now(self, conn: sqlite3.Connection) -> datetime:
        return self._clock.now() if self._clock is not None else as_of(conn)

    def now(self) -> datetime:
        with self.db.read() as conn:
            return self._now(conn)

    def policy(self) -> ShopPolicy:
        with self.db.read() as conn:
            return shop_info(conn).policy

    def _write(
        self, actor: str, operation: str, key: str, params: dict[str, Any], result_type: type[R],
        body: Callable[[sqlite3.Connection, datetime, ShopPolicy], R],
    ) -> R:
        def run(conn: sqlite3.Connection, now: datetime) -> R:
            return body(conn, now, shop_info(conn).policy)

        return run_write(
            self.db, self._now, actor=actor, operation=operation, key=key,
            params={k: _plain(v) for k, v in params.items()}, result_type=result_type, body=run,
        )

    # -- identification and customers
    def find_customer(
        self, *, email: str | None = None, phone: str | None = None, name: str | None = None,
        postal_code: str | None = None,
    ) -> Customer:
        with self.db.read() as conn:
            return reads.find_customer(conn, email, phone, name, postal_code)

    def get_customer_profile(self, customer_id: str) -> CustomerProfile:
        with self.db.read() as conn:
            return reads.profile(conn, self._now(conn), customer_id)

    # -- orders
    def list_orders(self, customer_id: str, *, status: OrderStatus | None = None) -> list[OrderSummary]:
        with self.db.read() as conn:
            reads.customer_by_id(conn, customer_id)
            orders = load_orders(conn, "WHERE customer_id = ?", (customer_id,))
        chosen = [o for o in orders if status is None or o.status == status]
        return [
            OrderSummary(
                order_number=o.order_number, status=o.status, placed_at=o.placed_at, total_cents=o.total_cents,
                item_count=sum(i.quantity for i in o.items), products=[i.product_name for i in o.items],
            )
            for o in sorted(chosen, key=lambda o: (o.placed_at, o.order_number), reverse=True)
        ]

    def get_order(self, customer_id: str, order_number: str) -> Order:
        with self.db.read() as conn:
            return owned_order(conn, customer_id, order_number)

    def track_order(self, customer_id: str, order_number: str) -> Tracking:
        return reads.tracking(self.get_order(customer_id, order_number))

    def get_return_status(self, customer_id: str, order_number: str) -> ReturnStatus:
        with self.db.read() as conn:
            order = owned_order(conn, customer_id, order_number)
            return reads.return_status(conn, self._now(conn), shop_info(conn).policy, order)

    # -- catalog
    def list_categories(self) -> list[Category]:
        with self.db.read() as conn:
            return load_categories(conn)

    def search_products(
        self, query: str, *, category_id: str | None = None, in_stock_only: bool = False, limit: int = 10
    ) -> list[Product]:
        with self.db.read() as conn:
            products = load_products(conn)
        return search(products, query, category_id=category_id, in_stock_only=in_stock_only, limit=max(1, limit))

    def get_product(self, product_id: str) -> Product:
        with self.db.read() as conn:
            found = load_products(conn, "WHERE product_id = ?", (product_id,))
        if not found:
            raise ProductNotFound(product_id)
        return found[0]

    def get_variant(self, sku: str) -> Variant:
        with self.db.read() as conn:
            found = load_variants(conn, [sku.strip().upper()])
        if not found:
            raise VariantNotFound(sku)
        return next(iter(found.values()))

    def get_stock(self, sku: str) -> StockLevel:
        variant = self.get_variant(sku)
        return StockLevel(sku=variant.sku, product_id=variant.product_id, available=variant.stock,
                          active=variant.active)

    # -- customer writes
    def cancel_order(self, customer_id: str, order_number: str, *, reason: str, idempotency_key: str) -> CancelResult:
        return self._write(
            customer_id, "cancel_order", idempotency_key, {"order_number": _number(order_number), "reason": reason},
            CancelResult, lambda conn, now, _: after_sales.cancel(conn, now, customer_id, order_number, reason),
        )

    def request_return(
        self, customer_id: str, order_number: str, items: Sequence[ReturnLine], *, reason: str, idempotency_key: str
    ) -> ReturnResult:
        return self._write(
            customer_id, "request_return", idempotency_key,
            {"order_number": _number(order_number), "items": list(items), "reason": reason}, ReturnResult,
            lambda conn, now, policy: after_sales.request_return(
                conn, now, policy, customer_id, order_number, items, reason),
        )

    def request_exchange(
        self, customer_id: str, order_number: str, items: Sequence[ExchangeLine], *, reason: str,
        idempotency_key: str,
    ) -> ExchangeResult:
        return self._write(
            customer_id, "request_exchange", idempotency_key,
            {"order_number": _number(order_number), "items": list(items), "reason": reason}, ExchangeResult,
            lambda conn, now, policy: after_sales.request_exchange(
                conn, now, policy, customer_id, order_number, items, reason),
        )

    def change_shipping_address(
        self, customer_id: str, order_number: str, address: Address, *, idempotency_key: str
    ) -> AddressChangeResult:
        return self._write(
            customer_id, "change_shipping_address", idempotency_key,
            {"order_number": _number(order_number), "address": address}, AddressChangeResult,
            lambda conn, now, policy: order_changes.change_shipping_address(
                conn, now, policy, customer_id, order_number, address),
        )

    def modify_items(
        self, customer_id: str, order_number: str, changes: Sequence[ItemChange], *, idempotency_key: str
    ) -> ModifyItemsResult:
        return self._write(
            customer_id, "modify_items", idempotency_key,
            {"order_number": _number(order_number), "changes": list(changes)}, ModifyItemsResult,
            lambda conn, now, policy: order_changes.modify_items(conn, now, policy, customer_id, order_number, changes),
        )

    def change_default_address(self, customer_id: str, address: Address, *, idempotency_key: str) -> CustomerResult:
        return self._write(
            customer_id, "change_default_address", idempotency_key, {"address": address}, CustomerResult,
            lambda conn, now, policy: order_changes.change_default_address(conn, now, policy, customer_id, address),
        )

    # -- merchant writes
    def start_processing(self, order_number: str, *, idempotency_key: str) -> Order:
        return self._write(
            MERCHANT, "start_processing", idempotency_key, {"order_number": _number(order_number)}, Order,
            lambda conn, now, _: fulfilment.start_processing(conn, now, order_number),
        )

    def ship_order(self, order_number: str, *, carrier: Carrier, idempotency_key: str) -> Order:
        return self._write(
            MERCHANT, "ship_order", idempotency_key, {"order_number": _number(order_number), "carrier": carrier},
            Order, lambda conn, now, _: fulfilment.ship(conn, now, order_number, carrier),
        )

    def deliver_order(self, order_number: str, *, idempotency_key: str) -> Order:
        return self._write(
            MERCHANT, "deliver_order", idempotency_key, {"order_number": _number(order_number)}, Order,
            lambda conn, now, _: fulfilment.deliver(conn, now, order_number),
        )

    def receive_return(self, return_id: str, *, idempotency_key: str) -> Order:
        return self._write(
            MERCHANT, "receive_return", idempotency_key, {"return_id": return_id}, Order,
            lambda conn, now, _: fulfilment.receive_return(conn, now, return_id),
        )

    # -- whole store
    def export_shop(self) -> ShopData:
        with self.db.read() as conn:
            return read_snapshot(conn, self._now(conn))

    def import_shop(self, data: ShopData) -> None:
        """Replace the whole store (audit log included) with `data`, after checking it is consistent."""
        problems = check_shop(data)
        if problems:
            raise ImportRejected(problems)
        self.db.rebuild(lambda conn: put_shop(conn, data))

    def close(self) -> None:
        self.db.close()

    def state_hash(self) -> str:
        return shop_hash(self.export_shop())

    def audit_log(self, *, since_seq: int = 0) -> list[AuditRecord]:
        with self.db.read() as conn:
            rows = conn.execute("SELECT * FROM audit WHERE seq > ? ORDER BY seq", (since_seq,)).fetchall()
        return [
            AuditRecord(
                seq=row["seq"], at=row["at"], actor=row["actor"], operation=row["operation"],
                idempotency_key=row["idempotency_key"], params=json.loads(row["params"]), outcome=row["outcome"],
                error_code=row["error_code"], result=json.loads(row["result"]) if row["result"] else None,
            )
            for row in rows
        ]

    def summary(self) -> StoreSummary:
        data = self.export_shop()
        with self.db.read() as conn:
            audit_records = int(conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0])
        return StoreSummary.of(data, audit_records)


def _conforms(store: SqliteOrderSystem) -> tuple[OrderSystem, Fulfilment, StoreAdmin]:
    """Never called: makes mypy prove the class implements the three interfaces."""
    return store, store, store
