"""Reads: identifying a customer, their profile and orders, tracking, return status, and the catalog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from connectors.orders.clock import FixedClock
from connectors.orders.errors import (
    AmbiguousCustomer,
    CustomerNotFound,
    InvalidOrderNumber,
    InvalidRequest,
    OrderNotFound,
    ProductNotFound,
    VariantNotFound,
)
from connectors.orders.order_models import Order, OrderStatus
from connectors.orders.shop_data import ShopData
from connectors.orders.sqlite_store import SqliteOrderSystem

FindOrder = Callable[..., Order]


def test_find_customer_by_email_ignores_case(store: SqliteOrderSystem, demo: ShopData) -> None:
    customer = demo.customers[3]
    assert store.find_customer(email=f"  {customer.email.upper()} ").customer_id == customer.customer_id


def test_find_customer_by_phone_or_name_with_postal_code(store: SqliteOrderSystem, demo: ShopData) -> None:
    customer = demo.customers[7]
    zip_code = customer.default_address.postal_code
    digits = "".join(ch for ch in customer.phone if ch.isdigit())[1:]
    typed_phone = f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    assert store.find_customer(phone=typed_phone, postal_code=zip_code).customer_id == customer.customer_id
    assert store.find_customer(name=customer.name.upper(), postal_code=zip_code).customer_id == customer.customer_id
    assert store.find_customer(name=customer.name, postal_code=f"{zip_code}-1234").customer_id == customer.customer_id


def test_find_customer_refuses_partial_or_wrong_details(store: SqliteOrderSystem, demo: ShopData) -> None:
    customer = demo.customers[7]
    with pytest.raises(InvalidRequest):
        store.find_customer(name=customer.name)
    with pytest.raises(InvalidRequest):
        store.find_customer(postal_code=customer.default_address.postal_code)
    with pytest.raises(CustomerNotFound):
        store.find_customer(name=customer.name, postal_code="00000")
    with pytest.raises(CustomerNotFound):
        store.find_customer(email="nobody@example.com")


def test_find_customer_reports_ambiguity(demo: ShopData, tmp_path: Path) -> None:
    twin = demo.customers[1].model_copy(
        update={
            "customer_id": "C-9999",
            "email": "twin@example.com",
            "pets": [],
            "name": demo.customers[0].name,
            "default_address": demo.customers[0].default_address,
        }
    )
    shop = demo.model_copy(update={"customers": [*demo.customers, twin]})
    store = SqliteOrderSystem.create(tmp_path / "twins.sqlite", shop)
    first = demo.customers[0]
    with pytest.raises(AmbiguousCustomer) as caught:
        store.find_customer(name=first.name, postal_code=first.default_address.postal_code)
    assert caught.value.code == "customer_ambiguous"
    assert store.find_customer(email=first.email).customer_id == first.customer_id


def test_profile_has_pets_with_ages_and_purchase_history(store: SqliteOrderSystem, demo: ShopData) -> None:
    customer = next(c for c in demo.customers if sum(o.customer_id == c.customer_id for o in demo.orders) >= 3)
    profile = store.get_customer_profile(customer.customer_id)
    orders = [o for o in demo.orders if o.customer_id == customer.customer_id]
    assert profile.order_count == len(orders)
    assert [p.pet_id for p in profile.pets] == [p.pet_id for p in customer.pets]
    for view, pet in zip(profile.pets, customer.pets, strict=True):
        assert view.age_months == pet.age_months(demo.as_of.date())
    kept = [o for o in orders if o.status != OrderStatus.CANCELLED]
    assert {p.product_id for p in profile.purchases} == {i.product_id for o in kept for i in o.items}
    assert profile.spent_cents == sum(o.payment.captured_cents - o.payment.refunded_cents for o in orders)
    assert profile.purchases == sorted(profile.purchases, key=lambda p: p.last_ordered_at, reverse=True)
    with pytest.raises(CustomerNotFound):
        store.get_customer_profile("C-0000")


def test_list_orders_newest_first_and_filtered(store: SqliteOrderSystem, demo: ShopData) -> None:
    customer = demo.customers[0]
    listed = store.list_orders(customer.customer_id)
    mine = {o.order_number for o in demo.orders if o.customer_id == customer.customer_id}
    assert {s.order_number for s in listed} == mine
    assert [s.placed_at for s in listed] == sorted((s.placed_at for s in listed), reverse=True)
    some_status = listed[0].status
    assert all(s.status == some_status for s in store.list_orders(customer.customer_id, status=some_status))
    with pytest.raises(CustomerNotFound):
        store.list_orders("C-0000")


def test_another_customers_order_is_not_found_like_a_missing_one(store: SqliteOrderSystem, demo: ShopData) -> None:
    order = demo.orders[0]
    stranger = next(c for c in demo.customers if c.customer_id != order.customer_id)
    assert store.get_order(order.customer_id, order.order_number) == order
    with pytest.raises(OrderNotFound) as foreign:
        store.get_order(stranger.customer_id, order.order_number)
    with pytest.raises(OrderNotFound) as missing:
        store.get_order(stranger.customer_id, "PS-999999")
    assert str(foreign.value).replace(order.order_number, "X") == str(missing.value).replace("PS-999999", "X")
    for read in (store.track_order, store.get_return_status):
        with pytest.raises(OrderNotFound):
            read(stranger.customer_id, order.order_number)


def test_order_numbers_are_read_leniently_but_must_look_like_one(store: SqliteOrderSystem, demo: ShopData) -> None:
    order = demo.orders[5]
    digits = order.order_number.split("-")[1]
    assert store.get_order(order.customer_id, f"#ps {digits}").order_number == order.order_number
    with pytest.raises(InvalidOrderNumber):
        store.get_order(order.customer_id, "my last order")


def test_tracking_shows_parcels_and_latest_scan(store: SqliteOrderSystem, find_order: FindOrder) -> None:
    shipped = find_order(OrderStatus.SHIPPED)
    tracking = store.track_order(shipped.customer_id, shipped.order_number)
    assert tracking.shipments == shipped.shipments
    assert tracking.latest_event == shipped.shipments[0].events[-1]
    assert tracking.estimated_delivery == shipped.shipments[0].estimated_delivery
    pending = find_order(OrderStatus.PENDING)
    empty = store.track_order(pending.customer_id, pending.order_number)
    assert empty.shipments == [] and empty.latest_event is None


def test_return_status_explains_each_line(store: SqliteOrderSystem, find_order: FindOrder, clock: FixedClock) -> None:
    delivered = find_order(
        OrderStatus.DELIVERED,
        lambda o: o.delivered_at is not None and clock.now() - o.delivered_at < timedelta(days=20),
    )
    status = store.get_return_status(delivered.customer_id, delivered.order_number)
    assert status.window_open and status.return_deadline == delivered.delivered_at + timedelta(days=30)
    assert all(line.returnable == (line.ordered if line.reason is None else 0) for line in status.lines)
    clock.advance(timedelta(days=31))
    closed = store.get_return_status(delivered.customer_id, delivered.order_number)
    assert not closed.window_open
    assert {line.reason for line in closed.lines} == {"return_window_closed"}
    pending = find_order(OrderStatus.PENDING)
    assert {line.reason for line in store.get_return_status(pending.customer_id, pending.order_number).lines} == {
        "not_delivered"
    }


def test_catalog_reads(store: SqliteOrderSystem, demo: ShopData) -> None:
    assert [c.category_id for c in store.list_categories()] == sorted(c.category_id for c in demo.categories)
    product = demo.products[0]
    assert store.get_product(product.product_id) == product
    variant = product.variants[0]
    assert store.get_variant(variant.sku.lower()) == variant
    stock = store.get_stock(variant.sku)
    assert stock.available == variant.stock and stock.in_stock == (variant.stock > 0)
    with pytest.raises(ProductNotFound):
        store.get_product("no-such-product")
    with pytest.raises(VariantNotFound):
        store.get_stock("NOPE-1")


def test_search_finds_products_by_alias_and_attribute(store: SqliteOrderSystem) -> None:
    top = store.search_products("the salmon kitten one")[0]
    assert top.product_id == "whiskerwell-kitten-salmon-growth"
    urinary = store.search_products("urinary", category_id="cat_food")
    assert urinary and all(p.category_id == "cat_food" for p in urinary)
    assert all("urinary" in p.attributes.model_dump()["efficacy"] for p in urinary)
    hairball = [p.name for p in store.search_products("hairball control cat food", limit=3)]
    assert "Whiskerwell Indoor Hairball Control Chicken" in hairball
    assert store.search_products("zzzz unknown words") == []
    in_stock = store.search_products("", category_id="toys", in_stock_only=True, limit=50)
    assert in_stock and all(any(v.in_stock for v in p.variants) for p in in_stock)
