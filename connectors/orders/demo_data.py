"""The demo pet shop, generated deterministically: same seed and anchor, byte-identical shop."""

from __future__ import annotations

import random
from datetime import datetime

from connectors.orders.clock import DEMO_NOW, utc_seconds
from connectors.orders.demo_catalog import CATEGORIES, build_catalog
from connectors.orders.demo_orders import build_orders
from connectors.orders.demo_people import build_customers
from connectors.orders.shop_data import ShopData, ShopInfo, ShopPolicy

DEMO_SEED = 20250602
DEMO_SHOP_NAME = "Pawsome Pet Supplies"
DEMO_CUSTOMERS = 60
DEMO_ORDERS = 360


def generate_demo_shop(
    seed: int = DEMO_SEED,
    *,
    now: datetime = DEMO_NOW,
    customers: int = DEMO_CUSTOMERS,
    orders: int = DEMO_ORDERS,
) -> ShopData:
    """The demo shop as of `now`: every timestamp is `now` minus a seeded offset.

    Catalog, customers and orders draw from separate seeded streams, so asking for fewer orders (tests do)
    leaves the catalog and its stock unchanged.
    """
    if customers < 1 or orders < customers:
        raise ValueError("need at least one customer and at least one order per customer")
    anchor = utc_seconds(now)
    products = build_catalog(random.Random(f"{seed}:catalog"))
    people = build_customers(random.Random(f"{seed}:customers"), customers, anchor)
    history = build_orders(random.Random(f"{seed}:orders"), people, products, anchor, orders)
    return ShopData(
        as_of=anchor,
        shop=ShopInfo(name=DEMO_SHOP_NAME, currency="USD", order_prefix="PS", policy=ShopPolicy()),
        categories=sorted(CATEGORIES, key=lambda c: c.category_id),
        products=products,
        customers=people,
        orders=history,
    )
