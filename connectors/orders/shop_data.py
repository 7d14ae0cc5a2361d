"""The shop document: one JSON schema for a whole shop (policy, catalog, customers, orders) in and out."""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, Literal

from pydantic import Field

from connectors.orders.catalog_models import Category, Product
from connectors.orders.common_models import StoreModel, Text, UtcDatetime
from connectors.orders.customer_models import Customer
from connectors.orders.order_models import Order


class ShopPolicy(StoreModel):
    """The rules the store enforces that a merchant may tune."""

    return_window_days: Annotated[int, Field(ge=0, le=365)] = Field(
        default=30, description="Days after delivery during which a return or exchange may be requested."
    )
    max_quantity_per_line: Annotated[int, Field(ge=1, le=999)] = Field(
        default=10, description="Most units of one SKU in one order."
    )
    ship_to_countries: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = Field(
        default_factory=lambda: ["US"], min_length=1, description="ISO codes of countries the shop ships to."
    )
    standard_shipping_cents: Annotated[int, Field(ge=0)] = 499
    free_shipping_threshold_cents: Annotated[int, Field(ge=0)] = 4900


class ShopInfo(StoreModel):
    """Who the shop is."""

    name: Text
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "USD"
    order_prefix: Annotated[str, Field(pattern=r"^[A-Z]{2,4}$")] = Field(
        default="PS", description='Order numbers are "<prefix>-<6 digits>", e.g. "PS-100234".'
    )
    policy: ShopPolicy = Field(default_factory=ShopPolicy)


class ShopData(StoreModel):
    """A whole shop at one instant; `as_of` is the shop's "now" when it was written.

    Lists are sorted by id in exports so that equal shops give byte-identical files.
    """

    format: Literal["shopclerk.shop"] = "shopclerk.shop"
    version: Literal[1] = 1
    as_of: UtcDatetime
    shop: ShopInfo
    categories: list[Category] = Field(min_length=1)
    products: list[Product]
    customers: list[Customer]
    orders: list[Order]


def canonical_json(value: Any) -> str:
    """Key-sorted, whitespace-free JSON: the input of every hash."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def shop_hash(data: ShopData) -> str:
    """SHA-256 of the canonical JSON of a shop: equal shops, equal hashes."""
    return hashlib.sha256(canonical_json(data.model_dump(mode="json")).encode()).hexdigest()


def shop_json_schema() -> dict[str, Any]:
    """The JSON Schema of the shop document (shipped as `shop.schema.json`)."""
    schema = ShopData.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "urn:shopclerk:shop:1"
    return schema
