"""The demo pet shop: volume, coverage of every status, typed attributes, consistency and reproducibility."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

from connectors.orders.catalog_models import CatFoodAttributes, Mass
from connectors.orders.clock import DEMO_NOW
from connectors.orders.demo_data import generate_demo_shop
from connectors.orders.order_models import AFTER_DELIVERY, OrderStatus
from connectors.orders.order_numbers import ORDER_NUMBER_PATTERN
from connectors.orders.shop_checks import check_shop
from connectors.orders.shop_data import ShopData, shop_hash
from connectors.orders.sqlite_store import SqliteOrderSystem


def test_catalog_volume_and_typed_attributes(demo: ShopData) -> None:
    assert len(demo.products) >= 60
    categories = {p.category_id for p in demo.products}
    assert len(categories) >= 6
    assert categories == {c.category_id for c in demo.categories}
    kinds = {c.category_id: c.attribute_kind for c in demo.categories}
    for product in demo.products:
        assert product.attributes.kind == kinds[product.category_id]
        assert product.variants and product.description and product.aliases
        assert all(v.price_cents > 0 and v.stock >= 0 for v in product.variants)
    assert len({v.sku for p in demo.products for v in p.variants}) == sum(len(p.variants) for p in demo.products)
    assert any(not v.in_stock for p in demo.products for v in p.variants), "some variants must be out of stock"
    assert any(not p.returnable for p in demo.products), "some products must be final sale"


def test_cat_food_carries_the_decisive_attributes(demo: ShopData) -> None:
    cat_foods = [p for p in demo.products if p.category_id == "cat_food"]
    assert len(cat_foods) >= 10
    efficacies = set()
    for product in cat_foods:
        attributes = product.attributes
        assert isinstance(attributes, CatFoodAttributes)
        assert attributes.ingredients and 0 < attributes.crude_protein_pct < 100
        efficacies.update(attributes.efficacy)
        for variant in product.variants:
            assert isinstance(variant.net_weight, Mass) and variant.net_weight.grams > 0
    assert {"hairball", "urinary", "kitten_growth"} <= efficacies
    kitten = next(p for p in cat_foods if "the salmon kitten one" in p.aliases)
    assert isinstance(kitten.attributes, CatFoodAttributes)
    assert kitten.attributes.life_stage == "kitten" and kitten.attributes.flavour == "salmon"


def test_customers_have_contacts_addresses_pets_and_history(demo: ShopData) -> None:
    assert len(demo.customers) >= 50
    assert len({c.email.lower() for c in demo.customers}) == len(demo.customers)
    assert len({c.phone for c in demo.customers}) == len(demo.customers)
    with_orders = Counter(o.customer_id for o in demo.orders)
    for customer in demo.customers:
        assert customer.pets, customer.customer_id
        assert {pet.species for pet in customer.pets} <= {"cat", "dog"}
        assert customer.default_address.postal_code
        assert with_orders[customer.customer_id] >= 1
    ages = [DEMO_NOW.date() - pet.birth_date for c in demo.customers for pet in c.pets]
    assert min(ages) < timedelta(days=365) < max(ages)


def test_orders_cover_every_status_with_their_parts(demo: ShopData) -> None:
    assert len(demo.orders) >= 300
    by_status = Counter(order.status for order in demo.orders)
    assert set(by_status) == set(OrderStatus)
    assert min(by_status.values()) >= 20
    for order in demo.orders:
        assert ORDER_NUMBER_PATTERN.match(order.order_number)
        assert order.items and order.payment.captured_cents == order.total_cents
        assert order.placed_at <= order.updated_at <= demo.as_of
        shipped = order.status == OrderStatus.SHIPPED or order.status in AFTER_DELIVERY
        assert bool(order.shipments) == shipped
        for shipment in order.shipments:
            assert shipment.tracking_number and shipment.events
            assert [e.at for e in shipment.events] == sorted(e.at for e in shipment.events)
        if order.status == OrderStatus.CANCELLED:
            assert order.refunds and order.payment.refunded_cents == order.total_cents
        if order.status in (OrderStatus.RETURN_REQUESTED, OrderStatus.RETURNED):
            assert order.returns and order.refunds
        if order.status == OrderStatus.EXCHANGED:
            assert order.exchanges and any(s.purpose == "exchange" for s in order.shipments)
    assert {s.carrier for o in demo.orders for s in o.shipments} == {"UPS", "USPS", "FedEx"}


def test_dates_are_anchored_so_return_windows_are_stable(demo: ShopData) -> None:
    window = timedelta(days=demo.shop.policy.return_window_days)
    delivered = [o for o in demo.orders if o.status == OrderStatus.DELIVERED]
    assert delivered
    inside = [o for o in delivered if o.delivered_at and demo.as_of - o.delivered_at <= window]
    outside = [o for o in delivered if o.delivered_at and demo.as_of - o.delivered_at > window]
    assert len(inside) >= 20 and len(outside) >= 20
    shifted = generate_demo_shop(now=DEMO_NOW + timedelta(days=100))
    assert shifted.orders[0].placed_at - demo.orders[0].placed_at == timedelta(days=100)


def test_demo_data_is_consistent(demo: ShopData) -> None:
    assert check_shop(demo) == []


def test_same_seed_same_shop_other_seed_other_shop(demo: ShopData) -> None:
    again = generate_demo_shop()
    assert again == demo
    assert shop_hash(again) == shop_hash(demo)
    assert shop_hash(generate_demo_shop(seed=7)) != shop_hash(demo)


def test_the_hash_does_not_depend_on_the_process() -> None:
    code = (
        "from connectors.orders.demo_data import generate_demo_shop;"
        "from connectors.orders.shop_data import shop_hash;"
        "print(shop_hash(generate_demo_shop(customers=8, orders=30)))"
    )
    hashes = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        hashes.add(out.stdout.strip())
    assert len(hashes) == 1
    assert hashes == {shop_hash(generate_demo_shop(customers=8, orders=30))}


def test_seeding_twice_gives_the_same_store_hash(demo: ShopData, tmp_path: Path) -> None:
    base = tmp_path
    first = SqliteOrderSystem.create(base / "a.sqlite", generate_demo_shop())
    second = SqliteOrderSystem.create(base / "b.sqlite", generate_demo_shop())
    assert first.state_hash() == second.state_hash() == shop_hash(demo)


def test_small_shops_still_cover_every_status() -> None:
    small = generate_demo_shop(seed=3, customers=5, orders=16)
    assert len(small.customers) == 5 and len(small.orders) == 16
    assert {o.status for o in small.orders} == set(OrderStatus)
    assert check_shop(small) == []
