"""Writes act for their customer only, the merchant follows legal transitions, the schema refuses the rest."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest

from connectors.orders.common_models import Address
from connectors.orders.errors import InvalidTransition, OrderNotFound, OrderSystemError
from connectors.orders.order_models import ExchangeLine, Order, OrderStatus, ReturnLine
from connectors.orders.shop_data import ShopData
from connectors.orders.sqlite_store import SqliteOrderSystem
from connectors.orders.write_models import ItemChange

FindOrder = Callable[..., Order]
Key = Callable[[], str]
Refused = Callable[[type[OrderSystemError], Callable[[], object]], OrderSystemError]
S = OrderStatus
ADDRESS = Address(name="Mallory", line1="1 Elsewhere Rd", city="Austin", region="TX", postal_code="78701")

WRITES: dict[str, Callable[[SqliteOrderSystem, str, Order, str], object]] = {
    "cancel": lambda s, who, o, key: s.cancel_order(who, o.order_number, reason="mine now", idempotency_key=key),
    "return": lambda s, who, o, key: s.request_return(
        who, o.order_number, [ReturnLine(sku=o.items[0].sku, quantity=1)], reason="x", idempotency_key=key
    ),
    "exchange": lambda s, who, o, key: s.request_exchange(
        who,
        o.order_number,
        [ExchangeLine(sku=o.items[0].sku, to_sku=o.items[0].sku, quantity=1)],
        reason="x",
        idempotency_key=key,
    ),
    "address": lambda s, who, o, key: s.change_shipping_address(who, o.order_number, ADDRESS, idempotency_key=key),
    "items": lambda s, who, o, key: s.modify_items(
        who, o.order_number, [ItemChange(sku=o.items[0].sku, quantity=1)], idempotency_key=key
    ),
}
EXPECTED_STATUS = {"cancel": S.PENDING, "return": S.DELIVERED, "exchange": S.DELIVERED, "address": S.PENDING,
                   "items": S.PROCESSING}  # fmt: skip


@pytest.mark.parametrize("write", sorted(WRITES))
def test_another_customers_order_cannot_be_touched(
    refused: Refused, store: SqliteOrderSystem, demo: ShopData, find_order: FindOrder, new_key: Key, write: str
) -> None:
    order = find_order(EXPECTED_STATUS[write])
    stranger = next(c.customer_id for c in demo.customers if c.customer_id != order.customer_id)
    exc = refused(OrderNotFound, lambda: WRITES[write](store, stranger, order, new_key()))
    assert exc.message == f"no order {order.order_number} for this customer"
    refused(OrderNotFound, lambda: WRITES[write](store, "C-0000", order, new_key()))
    assert store.get_order(order.customer_id, order.order_number) == order


def test_the_merchant_moves_an_order_to_delivery(store: SqliteOrderSystem, find_order: FindOrder, new_key: Key) -> None:
    order = find_order(S.PENDING)
    processing = store.start_processing(order.order_number, idempotency_key=new_key())
    assert processing.status == S.PROCESSING
    shipped = store.ship_order(order.order_number, carrier="USPS", idempotency_key=new_key())
    assert shipped.status == S.SHIPPED
    parcel = shipped.shipments[0]
    assert parcel.carrier == "USPS" and parcel.tracking_number.startswith("9400") and parcel.status == "in_transit"
    tracking = store.track_order(order.customer_id, order.order_number)
    assert tracking.latest_event is not None and tracking.latest_event.status == "in_transit"
    delivered = store.deliver_order(order.order_number, idempotency_key=new_key())
    assert delivered.status == S.DELIVERED and delivered.delivered_at == store.now()
    assert delivered.shipments[0].status == "delivered" and delivered.shipments[0].events[-1].status == "delivered"
    status = store.get_return_status(order.customer_id, order.order_number)
    assert status.window_open and all(line.returnable == line.ordered for line in status.lines if line.reason is None)
    assert [r.actor for r in store.audit_log()] == ["merchant"] * 3


def test_the_merchant_cannot_skip_steps(
    refused: Refused, store: SqliteOrderSystem, find_order: FindOrder, new_key: Key
) -> None:
    pending = find_order(S.PENDING)
    refused(InvalidTransition, lambda: store.ship_order(pending.order_number, carrier="UPS", idempotency_key=new_key()))
    refused(InvalidTransition, lambda: store.deliver_order(pending.order_number, idempotency_key=new_key()))
    delivered = find_order(S.DELIVERED)
    refused(InvalidTransition, lambda: store.start_processing(delivered.order_number, idempotency_key=new_key()))
    cancelled = find_order(S.CANCELLED)
    refused(InvalidTransition, lambda: store.start_processing(cancelled.order_number, idempotency_key=new_key()))


def _sql(store: SqliteOrderSystem, statement: str, *params: object) -> None:
    conn = sqlite3.connect(store.db.path)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        with conn:
            conn.execute(statement, params)
    finally:
        conn.close()


def test_the_schema_refuses_what_the_rules_forbid(store: SqliteOrderSystem, find_order: FindOrder) -> None:
    delivered = find_order(S.DELIVERED)
    pending = find_order(S.PENDING)
    forbidden = [
        ("UPDATE variants SET stock = -1 WHERE sku = ?", delivered.items[0].sku),
        ("UPDATE payments SET refunded_cents = captured_cents + 1 WHERE order_number = ?", delivered.order_number),
        ("UPDATE orders SET status = 'pending' WHERE order_number = ?", delivered.order_number),
        ("UPDATE orders SET status = 'delivered' WHERE order_number = ?", pending.order_number),
        ("UPDATE orders SET customer_id = 'C-1002' WHERE order_number = ?", pending.order_number),
        ("UPDATE orders SET total_cents = total_cents + 1 WHERE order_number = ?", pending.order_number),
        ("UPDATE order_items SET quantity = 0 WHERE order_number = ?", pending.order_number),
        ("INSERT INTO order_items VALUES (?, 99, 'NOPE-1', 'x', 'x', 'x', 1, 100)", pending.order_number),
        ("UPDATE audit SET outcome = 'applied' WHERE seq = ?", 1),
        ("DELETE FROM audit WHERE seq > ?", 0),
    ]
    store.cancel_order(pending.customer_id, pending.order_number, reason="to have an audit record",
                       idempotency_key="schema-test-1")  # fmt: skip
    for statement, param in forbidden:
        with pytest.raises(sqlite3.IntegrityError):
            _sql(store, statement, param)
