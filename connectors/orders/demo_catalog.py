"""The demo pet shop's catalog: its categories, and products built from the specs with SKUs and seeded stock."""

from __future__ import annotations

import random
import re
import unicodedata

from connectors.orders.catalog_models import (
    Category,
    CatFoodAttributes,
    DogFoodAttributes,
    LitterAttributes,
    Product,
    ToyAttributes,
    TreatAttributes,
    Variant,
)
from connectors.orders.demo_catalog_food import CAT_FOOD, DOG_FOOD
from connectors.orders.demo_catalog_goods import ACCESSORIES, LITTER, TOYS, TREATS
from connectors.orders.demo_spec import ProductSpec

CATEGORIES: tuple[Category, ...] = (
    Category(category_id="cat_food", name="Cat food", attribute_kind="cat_food",
             description="Dry and wet food for kittens, adult and senior cats, including veterinary-style diets."),
    Category(category_id="dog_food", name="Dog food", attribute_kind="dog_food",
             description="Dry and wet food for puppies, adult and senior dogs of every size."),
    Category(category_id="litter", name="Cat litter", attribute_kind="litter",
             description="Clumping clay, silica, tofu, corn and wood litters."),
    Category(category_id="treats", name="Treats", attribute_kind="treats",
             description="Everyday, training, dental and functional treats for cats and dogs."),
    Category(category_id="toys", name="Toys", attribute_kind="toys",
             description="Wands, balls, plush, puzzles and chews."),
    Category(category_id="accessories", name="Accessories", attribute_kind="accessories",
             description="Bowls, fountains, harnesses, beds, carriers, scratchers and litter boxes."),
)  # fmt: skip

SPECS: tuple[tuple[str, tuple[ProductSpec, ...]], ...] = (
    ("CF", CAT_FOOD), ("DF", DOG_FOOD), ("LT", LITTER), ("TR", TREATS), ("TY", TOYS), ("AC", ACCESSORIES),
)  # fmt: skip

OUT_OF_STOCK_SHARE = 0.12


def slug(text: str) -> str:
    """"Barkley's Puppy & Co Pâté" gives "barkleys-puppy-and-co-pate"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.lower().replace("&", " and ").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def option_code(options: dict[str, str]) -> str:
    """{"size": "1.5 kg"} gives "1P5KG"; several options are joined with dashes."""
    return "-".join(re.sub(r"[^A-Z0-9]", "", value.upper().replace(".", "P")) for value in options.values())


def describe(spec: ProductSpec) -> str:
    """A product description built from its attributes, so the facts in prose match the typed ones."""
    a = spec.attributes
    if isinstance(a, CatFoodAttributes | DogFoodAttributes):
        animal = "cats" if a.kind == "cat_food" else "dogs"
        stage = a.life_stage.replace("_", " ")
        facts = f"{a.food_type.capitalize()} food for {stage} {animal}, first ingredient {a.ingredients[0]}."
        nutrition = f"Crude protein {a.crude_protein_pct:g}%, crude fat {a.crude_fat_pct:g}%."
        extra = " Grain-free." if a.grain_free else ""
        return f"{facts} {spec.blurb} {nutrition}{extra}"
    if isinstance(a, LitterAttributes):
        clumps = "Clumping" if a.clumping else "Non-clumping"
        return f"{clumps} {a.material} litter, {a.scent.replace('_', ' ')}. {spec.blurb}"
    if isinstance(a, TreatAttributes):
        return f"{a.treat_type.replace('_', ' ').capitalize()} {a.flavour} treats for {a.species}s. {spec.blurb}"
    if isinstance(a, ToyAttributes):
        return f"A {a.durability} {a.toy_type} toy for {a.species}s in {a.material}. {spec.blurb}"
    return f"{a.accessory_type.replace('_', ' ').capitalize()} in {a.material}. {spec.blurb}"


def build_catalog(rng: random.Random) -> list[Product]:
    """Every product with SKUs and stock; stock comes from `rng`, so the seed decides it."""
    products = []
    for code, specs in SPECS:
        for index, spec in enumerate(specs, start=1):
            product_id = slug(spec.name)
            variants = []
            for variant in spec.variants:
                stock = 0 if rng.random() < OUT_OF_STOCK_SHARE else rng.randint(3, 140)
                variants.append(
                    Variant(
                        sku=f"{code}{index:02d}-{option_code(variant.options)}",
                        product_id=product_id,
                        name=variant.label,
                        options=variant.options,
                        net_weight=variant.net_weight,
                        price_cents=variant.price_cents,
                        stock=stock,
                    )
                )
            products.append(
                Product(
                    product_id=product_id,
                    category_id=spec.category_id,
                    name=spec.name,
                    brand=spec.brand,
                    description=describe(spec),
                    attributes=spec.attributes,
                    aliases=list(spec.aliases),
                    returnable=spec.returnable,
                    variants=variants,
                )
            )
    return sorted(products, key=lambda p: p.product_id)
