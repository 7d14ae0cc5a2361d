"""How the demo catalog is written down: product specs, from which `demo_catalog` builds the products."""

from __future__ import annotations

from dataclasses import dataclass

from connectors.orders.catalog_models import (
    AccessoryAttributes,
    CatFoodAttributes,
    DogFoodAttributes,
    LitterAttributes,
    ToyAttributes,
    TreatAttributes,
)
from connectors.orders.common_models import Mass

Attributes = (
    CatFoodAttributes | DogFoodAttributes | LitterAttributes | TreatAttributes | ToyAttributes | AccessoryAttributes
)


@dataclass(frozen=True)
class VariantSpec:
    """One variant: its option values (e.g. {"size": "2 kg"}), price and, for consumables, net weight."""

    options: dict[str, str]
    price_cents: int
    net_weight: Mass | None = None

    @property
    def label(self) -> str:
        return " / ".join(self.options.values())


@dataclass(frozen=True)
class ProductSpec:
    """One product as the merchant would describe it; ids, SKUs and stock are added when building."""

    category_id: str
    name: str
    brand: str
    attributes: Attributes
    variants: tuple[VariantSpec, ...]
    aliases: tuple[str, ...] = ()
    blurb: str = ""
    returnable: bool = True


def bags(*sizes: tuple[str, int]) -> tuple[VariantSpec, ...]:
    """Variants by bag size: ("2 kg", 2899) gives size "2 kg", 28.99, net weight 2 kg."""
    out = []
    for label, price in sizes:
        value, unit = label.split()
        out.append(VariantSpec({"size": label}, price, Mass(value=float(value), unit="kg" if unit == "kg" else "g")))
    return tuple(out)


def packs(*packs_: tuple[str, int]) -> tuple[VariantSpec, ...]:
    """Variants by multipack: ("12 x 85 g", 1599) gives pack "12 x 85 g" with net weight 1020 g."""
    out = []
    for label, price in packs_:
        count, _, each, unit = label.split()
        grams = int(count) * float(each) * (1000 if unit == "kg" else 1)
        out.append(VariantSpec({"pack": label}, price, Mass(value=grams, unit="g")))
    return tuple(out)


def choices(option: str, price: int, *values: str) -> tuple[VariantSpec, ...]:
    """Variants differing by one option at one price (colours, sizes of a harness)."""
    return tuple(VariantSpec({option: value}, price) for value in values)


def priced(option: str, *values: tuple[str, int]) -> tuple[VariantSpec, ...]:
    """Variants differing by one option, each with its own price."""
    return tuple(VariantSpec({option: value}, price) for value, price in values)
