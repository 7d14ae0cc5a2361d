"""Catalog products as plain documents for the knowledge index (knowledge may not import the order system)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from connectors.orders.catalog_models import Product
from knowledge.entries import ProductDoc


def _render(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(_render(v) for v in value)
    if isinstance(value, BaseModel):
        data = value.model_dump()
        if set(data) == {"value", "unit"}:
            return f"{data['value']:g} {data['unit']}"
        if all(k.endswith("_cm") for k in data):
            return " x ".join(f"{v:g}" for v in data.values()) + " cm"
        return str(data)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_render(v)}" for k, v in value.items())
    return str(value).replace("_", " ")


def product_docs(products: Sequence[Product]) -> list[ProductDoc]:
    """Catalog products (connectors.orders `Product`) as plain documents for the knowledge index."""
    docs = []
    for product in products:
        attributes = product.attributes
        parts = [f"{name.replace('_', ' ')}: {_render(getattr(attributes, name))}"
                 for name in type(attributes).model_fields if name != "kind" and getattr(attributes, name) is not None]
        variants = ", ".join(f"{v.name} (${v.price_cents / 100:.2f})" for v in product.variants if v.active)
        parts.append(f"brand: {product.brand}; options: {variants}")
        docs.append(ProductDoc(
            id=product.product_id, name=product.name, category=product.category_id,
            description=product.description, attributes="; ".join(parts), aliases=tuple(product.aliases),
        ))
    return docs


