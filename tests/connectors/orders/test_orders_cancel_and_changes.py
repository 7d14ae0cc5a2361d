"""Writes before shipment: cancel, change the shipping address, change items; and the default address."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from connectors.orders.clock import FixedClock
from connectors.orders.common_models import Address
from connectors.orders.errors import (
    AlreadyCancelled,
    AlreadyShipped,
    CustomerNotFound,
    DestinationNotServed,
    EmptyOrder,
    InvalidRequest,
    ItemNotInOrder,
    OrderSystemError,
    OutOfStock,
    QuantityLimit,
    VariantNotFound,
)
from connectors.orders.order_models import Order, OrderStatus
from connectors.orders.shop_data import ShopData
from connectors.orders.sqlite_store import SqliteOrderSystem
from connectors.orders.write_models import ItemChange

FindOrder = Callable[..., Order]
Key = Callable[[], str]
Refused = Callable[[type[OrderSystemError], Callable[[], object]], OrderSystemError]
S = OrderStatus
NEW_ADDRESS = Address(name="Ava Brooks", line1="12 Harbor Way", city="Portland", region="OR", postal_code="97209")


def stock(store: SqliteOrderSystem, sku: str) -> int:
    return store.get_stock(sku).available


@pytest.mark.parametrize("status", [S.PENDING, S.PROCESSING])
def test_cancel_before_shipment_restocks_and_refunds_everything(
    store: SqliteOrderSystem, find_order: FindOrder, new_key: Key, clock: FixedClock, status: OrderStatus
) -> None:
    order = find_order(status)
    before = {item.sku: stock(store, item.sku) for item in order.items}
    result = store.cancel_order(
        order.customer_id, order.order_number, reason="Changed my mind", idempotency_key=new_key()
    )
    assert result.order.status == S.CANCELLED
    assert result.order.cancel_reason == "Changed my mind" and result.order.cancelled_at == clock.now()
    assert result.refund is not None
    assert result.refund.amount_cents == order.total_cents == order.payment.captured_cents
    assert result.refund.status == "issued" and result.refund.payment_id == order.payment.payment_id
    assert result.order.payment.refunded_cents == result.order.payment.captured_cents
    for item in order.items:
        assert stock(store, item.sku) == before[item.sku] + item.quantity
    assert store.get_order(order.customer_id, order.order_number) == result.order


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (S.SHIPPED, AlreadyShipped),
        (S.DELIVERED, AlreadyShipped),
        (S.RETURN_REQUESTED, AlreadyShipped),
        (S.RETURNED, AlreadyShipped),
        (S.EXCHANGED, AlreadyShipped),
        (S.CANCELLED, AlreadyCancelled),
    ],
)
def test_cancel_after_shipment_is_refused(
    refused: Refused,
    store: SqliteOrderSystem,
    find_order: FindOrder,
    new_key: Key,
    status: OrderStatus,
    error: type[OrderSystemError],
) -> None:
    order = find_order(status)
    exc = refused(
        error,
        lambda: store.cancel_order(order.customer_id, order.order_number, reason="late", idempotency_key=new_key()),
    )
    assert order.order_number in exc.message


def test_cancel_needs_a_reason(refused: Refused, store: SqliteOrderSystem, find_order: FindOrder, new_key: Key) -> None:
    order = find_order(S.PENDING)
    refused(
        InvalidRequest,
        lambda: store.cancel_order(order.customer_id, order.order_number, reason="  ", idempotency_key=new_key()),
    )


def test_shipping_address_changes_before_shipment_only(
    refused: Refused, store: SqliteOrderSystem, find_order: FindOrder, new_key: Key
) -> None:
    order = find_order(S.PROCESSING)
    result = store.change_shipping_address(
        order.customer_id, order.order_number, NEW_ADDRESS, idempotency_key=new_key()
    )
    assert result.order.shipping_address == NEW_ADDRESS
    assert result.order.items == order.items and result.order.status == S.PROCESSING
    shipped = find_order(S.SHIPPED)
    refused(
        AlreadyShipped,
        lambda: store.change_shipping_address(
            shipped.customer_id, shipped.order_number, NEW_ADDRESS, idempotency_key=new_key()
        ),
    )
    cancelled = find_order(S.CANCELLED)
    refused(
        AlreadyCancelled,
        lambda: store.change_shipping_address(
            cancelled.customer_id, cancelled.order_number, NEW_ADDRESS, idempotency_key=new_key()
        ),
    )


def test_shipping_address_must_be_valid_and_served(
    refused: Refused, store: SqliteOrderSystem, find_order: FindOrder, new_key: Key
) -> None:
    order = find_order(S.PENDING)
    abroad = NEW_ADDRESS.model_copy(update={"country": "CA", "postal_code": "M5V 2T6", "region": "ON"})
    exc = refused(
        DestinationNotServed,
        lambda: store.change_shipping_address(order.customer_id, order.order_number, abroad, idempotency_key=new_key()),
    )
    assert "CA" in exc.message
    bad_zip = {**NEW_ADDRESS.model_dump(), "postal_code": "9720"}
    refused(
        InvalidRequest,
        lambda: store.change_shipping_address(
            order.customer_id, order.order_number, bad_zip, idempotency_key=new_key()
        ),
    )  # type: ignore[arg-type]


def test_more_of_an_item_takes_stock_and_charges_the_difference(
    store: SqliteOrderSystem, find_order: FindOrder, new_key: Key
) -> None:
    order = find_order(S.PENDING, lambda o: o.items[0].quantity < 5)
    item = order.items[0]
    available = stock(store, item.sku)
    more = [ItemChange(sku=item.sku, quantity=item.quantity + 2)]
    result = store.modify_items(order.customer_id, order.order_number, more, idempotency_key=new_key())
    changed = result.order.item(item.sku)
    assert changed is not None and changed.quantity == item.quantity + 2
    assert changed.unit_price_cents == item.unit_price_cents
    assert result.charged_cents == 2 * item.unit_price_cents and result.refund is None
    assert result.order.total_cents == order.total_cents + 2 * item.unit_price_cents
    assert result.order.payment.captured_cents == order.payment.captured_cents + result.charged_cents
    assert stock(store, item.sku) == available - 2


def test_fewer_items_restock_and_refund_then_cancel_refunds_the_rest(
    store: SqliteOrderSystem, find_order: FindOrder, new_key: Key
) -> None:
    order = find_order(S.PENDING, lambda o: len(o.items) >= 2)
    dropped, kept = order.items[0], order.items[1]
    available = stock(store, dropped.sku)
    result = store.modify_items(
        order.customer_id, order.order_number, [ItemChange(sku=dropped.sku, quantity=0)], idempotency_key=new_key()
    )
    assert result.order.item(dropped.sku) is None and result.order.item(kept.sku) == kept
    assert result.refund is not None and result.refund.amount_cents == dropped.line_total_cents
    assert result.refund.reason == "item_change" and result.charged_cents == 0
    assert stock(store, dropped.sku) == available + dropped.quantity
    payment = result.order.payment
    assert payment.captured_cents - payment.refunded_cents == result.order.total_cents
    cancelled = store.cancel_order(
        order.customer_id, order.order_number, reason="never mind", idempotency_key=new_key()
    )
    assert cancelled.refund is not None and cancelled.refund.amount_cents == result.order.total_cents
    assert cancelled.order.payment.refunded_cents == cancelled.order.payment.captured_cents


def test_adding_a_new_item_uses_the_current_price(
    store: SqliteOrderSystem, find_order: FindOrder, new_key: Key, demo: ShopData
) -> None:
    order = find_order(S.PROCESSING)
    ordered = {item.sku for item in order.items}
    variant = next(v for p in demo.products for v in p.variants if v.stock >= 3 and v.sku not in ordered)
    result = store.modify_items(
        order.customer_id, order.order_number, [ItemChange(sku=variant.sku, quantity=3)], idempotency_key=new_key()
    )
    added = result.order.item(variant.sku)
    assert added is not None and added.quantity == 3 and added.unit_price_cents == variant.price_cents
    assert added.line_no == max(item.line_no for item in order.items) + 1
    assert result.charged_cents == 3 * variant.price_cents
    assert stock(store, variant.sku) == variant.stock - 3


def test_item_changes_are_refused_when_they_break_a_rule(
    refused: Refused, store: SqliteOrderSystem, find_order: FindOrder, new_key: Key, demo: ShopData
) -> None:
    order = find_order(S.PENDING)
    first = order.items[0]
    gone = next(v for p in demo.products for v in p.variants if v.stock == 0 and order.item(v.sku) is None)
    unordered = next(v for p in demo.products for v in p.variants if v.stock > 0 and order.item(v.sku) is None)

    def change(*changes: ItemChange) -> Callable[[], object]:
        number = order.order_number
        return lambda: store.modify_items(order.customer_id, number, list(changes), idempotency_key=new_key())

    refused(OutOfStock, change(ItemChange(sku=gone.sku, quantity=1)))
    refused(QuantityLimit, change(ItemChange(sku=first.sku, quantity=11)))
    refused(EmptyOrder, change(*(ItemChange(sku=item.sku, quantity=0) for item in order.items)))
    refused(VariantNotFound, change(ItemChange(sku="NOPE-1", quantity=1)))
    refused(ItemNotInOrder, change(ItemChange(sku=unordered.sku, quantity=0)))
    refused(InvalidRequest, change(ItemChange(sku=first.sku, quantity=1), ItemChange(sku=first.sku, quantity=2)))
    refused(InvalidRequest, change())
    shipped = find_order(S.SHIPPED)
    refused(
        AlreadyShipped,
        lambda: store.modify_items(
            shipped.customer_id,
            shipped.order_number,
            [ItemChange(sku=shipped.items[0].sku, quantity=1)],
            idempotency_key=new_key(),
        ),
    )


def test_default_address_change(refused: Refused, store: SqliteOrderSystem, demo: ShopData, new_key: Key) -> None:
    customer = demo.customers[4]
    result = store.change_default_address(customer.customer_id, NEW_ADDRESS, idempotency_key=new_key())
    assert result.customer.default_address == NEW_ADDRESS
    assert store.get_customer_profile(customer.customer_id).default_address == NEW_ADDRESS
    assert store.find_customer(phone=customer.phone, postal_code="97209").customer_id == customer.customer_id
    refused(CustomerNotFound, lambda: store.change_default_address("C-0000", NEW_ADDRESS, idempotency_key=new_key()))
    abroad = NEW_ADDRESS.model_copy(update={"country": "GB", "postal_code": "SW1A 1AA", "region": "London"})
    refused(
        DestinationNotServed,
        lambda: store.change_default_address(customer.customer_id, abroad, idempotency_key=new_key()),
    )
