"""Writes after delivery: returns within the window of delivered items, exchanges to an in-stock sibling variant."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from connectors.orders.catalog_models import Product, Variant
from connectors.orders.clock import FixedClock
from connectors.orders.errors import (
    AlreadyCancelled,
    ExchangePriceHigher,
    InvalidRequest,
    InvalidVariant,
    ItemNotInOrder,
    NotDelivered,
    NotEligible,
    NotReturnable,
    OrderSystemError,
    OutOfStock,
    QuantityExceeded,
    ReturnNotFound,
    ReturnWindowClosed,
    VariantNotFound,
)
from connectors.orders.order_models import ExchangeLine, Order, OrderItem, OrderStatus, ReturnLine
from connectors.orders.shop_data import ShopData
from connectors.orders.sqlite_store import SqliteOrderSystem

FindOrder = Callable[..., Order]
Key = Callable[[], str]
Refused = Callable[[type[OrderSystemError], Callable[[], object]], OrderSystemError]
S = OrderStatus
WINDOW = timedelta(days=30)


def products(demo: ShopData) -> dict[str, Product]:
    return {p.product_id: p for p in demo.products}


def recent(order: Order, demo: ShopData, days: int = 25) -> bool:
    return order.delivered_at is not None and demo.as_of - order.delivered_at <= timedelta(days=days)


def line_where(
    demo: ShopData, find_order: FindOrder, test: Callable[[OrderItem, Product], bool]
) -> tuple[Order, OrderItem]:
    """A recently delivered order and one of its lines passing `test`."""
    catalog = products(demo)
    order = find_order(S.DELIVERED, lambda o: recent(o, demo) and any(test(i, catalog[i.product_id]) for i in o.items))
    return order, next(i for i in order.items if test(i, catalog[i.product_id]))


def sibling(product: Product, item: OrderItem, test: Callable[[Variant], bool]) -> Variant | None:
    return next((v for v in product.variants if v.sku != item.sku and test(v)), None)


def test_return_within_window_books_a_pending_refund_then_receipt_issues_it(
    refused: Refused, store: SqliteOrderSystem, demo: ShopData, find_order: FindOrder, new_key: Key, clock: FixedClock
) -> None:
    order, item = line_where(demo, find_order, lambda i, p: p.returnable and i.quantity >= 2)
    result = store.request_return(
        order.customer_id,
        order.order_number,
        [ReturnLine(sku=item.sku, quantity=1)],
        reason="Too big",
        idempotency_key=new_key(),
    )
    assert result.order.status == S.RETURN_REQUESTED
    assert result.return_request.status == "requested" and result.return_request.created_at == clock.now()
    assert result.refund is not None and result.refund.status == "pending"
    assert result.refund.amount_cents == item.unit_price_cents
    assert result.order.payment.refunded_cents == order.payment.refunded_cents + item.unit_price_cents
    available = store.get_stock(item.sku).available
    clock.advance(timedelta(days=4))
    received = store.receive_return(result.return_request.return_id, idempotency_key=new_key())
    assert received.status == S.RETURNED
    assert [r.status for r in received.refunds if r.return_id == result.return_request.return_id] == ["issued"]
    assert store.get_stock(item.sku).available == available + 1
    refused(NotEligible, lambda: store.receive_return(result.return_request.return_id, idempotency_key=new_key()))
    refused(ReturnNotFound, lambda: store.receive_return("RT-000000-9", idempotency_key=new_key()))


def test_only_the_ordered_quantity_can_be_returned_over_several_requests(
    refused: Refused, store: SqliteOrderSystem, demo: ShopData, find_order: FindOrder, new_key: Key
) -> None:
    order, item = line_where(demo, find_order, lambda i, p: p.returnable and i.quantity >= 2)

    def give_back(quantity: int) -> Callable[[], object]:
        return lambda: store.request_return(
            order.customer_id,
            order.order_number,
            [ReturnLine(sku=item.sku, quantity=quantity)],
            reason="Not needed",
            idempotency_key=new_key(),
        )

    exc = refused(QuantityExceeded, give_back(item.quantity + 1))
    assert exc.details["available"] == item.quantity
    give_back(1)()
    left = item.quantity - 1
    refused(QuantityExceeded, give_back(left + 1))
    give_back(left)()
    line = next(li for li in store.get_return_status(order.customer_id, order.order_number).lines if li.sku == item.sku)
    assert line.returned == item.quantity and line.returnable == 0
    assert line.reason == QuantityExceeded.code
    refused(QuantityExceeded, give_back(1))


def test_return_window_is_enforced_to_the_second(
    refused: Refused, store: SqliteOrderSystem, demo: ShopData, find_order: FindOrder, new_key: Key, clock: FixedClock
) -> None:
    order, item = line_where(demo, find_order, lambda i, p: p.returnable)
    assert order.delivered_at is not None
    deadline = order.delivered_at + WINDOW

    def give_back() -> object:
        return store.request_return(
            order.customer_id,
            order.order_number,
            [ReturnLine(sku=item.sku, quantity=1)],
            reason="Changed my mind",
            idempotency_key=new_key(),
        )

    clock.set(deadline + timedelta(seconds=1))
    exc = refused(ReturnWindowClosed, give_back)
    assert exc.details["window_days"] == 30
    clock.set(deadline)
    give_back()


def test_returns_need_delivery_and_a_returnable_item(
    refused: Refused, store: SqliteOrderSystem, demo: ShopData, find_order: FindOrder, new_key: Key
) -> None:
    def give_back(order: Order, sku: str) -> Callable[[], object]:
        return lambda: store.request_return(
            order.customer_id,
            order.order_number,
            [ReturnLine(sku=sku, quantity=1)],
            reason="Not needed",
            idempotency_key=new_key(),
        )

    for status in (S.PENDING, S.PROCESSING, S.SHIPPED):
        order = find_order(status)
        refused(NotDelivered, give_back(order, order.items[0].sku))
    cancelled = find_order(S.CANCELLED)
    refused(AlreadyCancelled, give_back(cancelled, cancelled.items[0].sku))
    final, item = line_where(demo, find_order, lambda i, p: not p.returnable)
    exc = refused(NotReturnable, give_back(final, item.sku))
    assert item.sku in exc.message
    delivered = find_order(S.DELIVERED, lambda o: recent(o, demo))
    refused(ItemNotInOrder, give_back(delivered, "CF99-NOPE"))


def test_return_requests_are_validated(
    refused: Refused, store: SqliteOrderSystem, demo: ShopData, find_order: FindOrder, new_key: Key
) -> None:
    order, item = line_where(demo, find_order, lambda i, p: p.returnable)
    calls: list[tuple[list[object], str]] = [
        ([], "Not needed"),
        ([{"sku": item.sku, "quantity": 0}], "Not needed"),
        ([ReturnLine(sku=item.sku, quantity=1), ReturnLine(sku=item.sku, quantity=1)], "Not needed"),
        ([ReturnLine(sku=item.sku, quantity=1)], ""),
    ]
    for items, reason in calls:
        refused(
            InvalidRequest,
            lambda items=items, reason=reason: store.request_return(  # type: ignore[misc]
                order.customer_id, order.order_number, items, reason=reason, idempotency_key=new_key()
            ),
        )


def test_exchange_to_a_cheaper_in_stock_variant_refunds_the_difference(
    store: SqliteOrderSystem, demo: ShopData, find_order: FindOrder, new_key: Key
) -> None:
    def cheaper(i: OrderItem, p: Product) -> bool:
        return p.returnable and sibling(p, i, lambda v: v.in_stock and v.price_cents < i.unit_price_cents) is not None

    order, item = line_where(demo, find_order, cheaper)
    target = sibling(
        products(demo)[item.product_id], item, lambda v: v.in_stock and v.price_cents < item.unit_price_cents
    )
    assert target is not None
    result = store.request_exchange(
        order.customer_id,
        order.order_number,
        [ExchangeLine(sku=item.sku, to_sku=target.sku, quantity=1)],
        reason="Too big",
        idempotency_key=new_key(),
    )
    assert result.order.status == S.EXCHANGED
    assert result.refund is not None and result.refund.reason == "exchange_difference"
    assert result.refund.amount_cents == item.unit_price_cents - target.price_cents
    assert store.get_stock(target.sku).available == target.stock - 1
    parcel = next(s for s in result.order.shipments if s.shipment_id == result.exchange.shipment_id)
    assert parcel.purpose == "exchange" and parcel.status == "label_created" and parcel.tracking_number
    line = next(li for li in store.get_return_status(order.customer_id, order.order_number).lines if li.sku == item.sku)
    assert line.exchanged == 1 and line.returnable == item.quantity - 1


def test_exchange_at_the_same_price_refunds_nothing(
    store: SqliteOrderSystem, demo: ShopData, find_order: FindOrder, new_key: Key
) -> None:
    def same(i: OrderItem, p: Product) -> bool:
        return p.returnable and sibling(p, i, lambda v: v.in_stock and v.price_cents == i.unit_price_cents) is not None

    order, item = line_where(demo, find_order, same)
    target = sibling(
        products(demo)[item.product_id], item, lambda v: v.in_stock and v.price_cents == item.unit_price_cents
    )
    assert target is not None
    result = store.request_exchange(
        order.customer_id,
        order.order_number,
        [ExchangeLine(sku=item.sku, to_sku=target.sku, quantity=1)],
        reason="Wanted another colour",
        idempotency_key=new_key(),
    )
    assert result.refund is None and result.exchange.items[0].to_sku == target.sku
    assert result.order.payment.refunded_cents == order.payment.refunded_cents


def test_exchanges_break_no_rule(
    refused: Refused, store: SqliteOrderSystem, demo: ShopData, find_order: FindOrder, new_key: Key, clock: FixedClock
) -> None:
    catalog = products(demo)

    def swap(order: Order, sku: str, to_sku: str, quantity: int = 1) -> Callable[[], object]:
        return lambda: store.request_exchange(
            order.customer_id,
            order.order_number,
            [ExchangeLine(sku=sku, to_sku=to_sku, quantity=quantity)],
            reason="Wrong size",
            idempotency_key=new_key(),
        )

    def has(test: Callable[[Variant, OrderItem], bool]) -> Callable[[OrderItem, Product], bool]:
        return lambda i, p: p.returnable and sibling(p, i, lambda v: test(v, i)) is not None

    order, item = line_where(demo, find_order, has(lambda v, i: v.stock == 0 and v.price_cents <= i.unit_price_cents))
    empty = sibling(catalog[item.product_id], item, lambda v: v.stock == 0 and v.price_cents <= item.unit_price_cents)
    assert empty is not None
    refused(OutOfStock, swap(order, item.sku, empty.sku))
    order, item = line_where(demo, find_order, has(lambda v, i: v.price_cents > i.unit_price_cents))
    dearer = sibling(catalog[item.product_id], item, lambda v: v.price_cents > item.unit_price_cents)
    assert dearer is not None
    exc = refused(ExchangePriceHigher, swap(order, item.sku, dearer.sku))
    assert exc.details["difference_cents"] == dearer.price_cents - item.unit_price_cents
    other_product = next(p for p in demo.products if p.product_id != item.product_id).variants[0]
    refused(InvalidVariant, swap(order, item.sku, other_product.sku))
    refused(InvalidVariant, swap(order, item.sku, item.sku))
    refused(VariantNotFound, swap(order, item.sku, "CF99-NOPE"))
    refused(QuantityExceeded, swap(order, item.sku, dearer.sku, quantity=item.quantity + 1))
    final, fitem = line_where(demo, find_order, lambda i, p: not p.returnable)
    refused(NotReturnable, swap(final, fitem.sku, catalog[fitem.product_id].variants[0].sku))
    shipped = find_order(S.SHIPPED)
    refused(NotDelivered, swap(shipped, shipped.items[0].sku, shipped.items[0].sku))
    assert order.delivered_at is not None
    clock.set(order.delivered_at + WINDOW + timedelta(minutes=1))
    cheapest = min(catalog[item.product_id].variants, key=lambda v: v.price_cents)
    refused(ReturnWindowClosed, swap(order, item.sku, cheapest.sku))


def test_exchange_to_a_variant_no_longer_sold_is_refused(
    refused_in: Callable[..., OrderSystemError],
    demo: ShopData,
    make_store: Callable[[ShopData], SqliteOrderSystem],
    find_order: FindOrder,
    new_key: Key,
) -> None:
    def same(i: OrderItem, p: Product) -> bool:
        return p.returnable and sibling(p, i, lambda v: v.in_stock and v.price_cents == i.unit_price_cents) is not None

    order, item = line_where(demo, find_order, same)
    target = sibling(
        products(demo)[item.product_id], item, lambda v: v.in_stock and v.price_cents == item.unit_price_cents
    )
    assert target is not None
    retired = [
        p.model_copy(update={"variants": [v.model_copy(update={"active": v.sku != target.sku}) for v in p.variants]})
        for p in demo.products
    ]
    store = make_store(demo.model_copy(update={"products": retired}))
    exc = refused_in(
        store,
        InvalidVariant,
        lambda: store.request_exchange(
            order.customer_id,
            order.order_number,
            [ExchangeLine(sku=item.sku, to_sku=target.sku, quantity=1)],
            reason="Wrong size",
            idempotency_key=new_key(),
        ),
    )
    assert "no longer sold" in exc.message
