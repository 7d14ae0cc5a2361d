"""Catalog models: categories, products, variants, and each category's typed attributes with units."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from connectors.orders.common_models import Dimensions, Length, Mass, Slug, StoreModel, Text, Volume

Percent = Annotated[float, Field(ge=0, le=100, description="A percentage, 0-100.")]
Ingredients = Annotated[list[Text], Field(min_length=1, description="In descending order of weight.")]
Species = Literal["cat", "dog", "rabbit", "bird", "other"]

CatEfficacy = Literal[
    "hairball", "urinary", "kitten_growth", "weight_control", "sensitive_digestion",
    "skin_coat", "dental", "senior_vitality", "indoor",
]
DogEfficacy = Literal[
    "puppy_growth", "joint_support", "weight_control", "sensitive_digestion",
    "skin_coat", "dental", "senior_vitality", "high_energy",
]


class CatFoodAttributes(StoreModel):
    """What decides a cat food: ingredients, efficacy, crude protein (net weight is per variant)."""

    kind: Literal["cat_food"] = "cat_food"
    food_type: Literal["dry", "wet"]
    life_stage: Literal["kitten", "adult", "senior", "all_ages"]
    flavour: Text
    ingredients: Ingredients
    efficacy: list[CatEfficacy] = Field(description="Health benefits claimed by the maker.")
    crude_protein_pct: Percent
    crude_fat_pct: Percent
    grain_free: bool


class DogFoodAttributes(StoreModel):
    """What decides a dog food."""

    kind: Literal["dog_food"] = "dog_food"
    food_type: Literal["dry", "wet"]
    life_stage: Literal["puppy", "adult", "senior", "all_ages"]
    breed_size: Literal["small", "medium", "large", "all_sizes"]
    flavour: Text
    ingredients: Ingredients
    efficacy: list[DogEfficacy]
    crude_protein_pct: Percent
    crude_fat_pct: Percent
    grain_free: bool


class LitterAttributes(StoreModel):
    """What decides a cat litter."""

    kind: Literal["litter"] = "litter"
    material: Literal["clay", "silica", "tofu", "wood", "corn", "paper"]
    clumping: bool
    scent: Literal["unscented", "lavender", "fresh", "green_tea"]
    dust_free: bool
    flushable: bool
    odour_control_days: Annotated[int, Field(ge=0, le=60, description="Days, per the maker.")]


class TreatAttributes(StoreModel):
    """What decides a treat."""

    kind: Literal["treats"] = "treats"
    species: Species
    treat_type: Literal["crunchy", "soft", "freeze_dried", "dental_chew", "lickable", "jerky"]
    flavour: Text
    ingredients: Ingredients
    benefits: list[Literal["dental", "hairball", "skin_coat", "joint_support", "training", "calming"]]
    kcal_per_piece: Annotated[float, Field(gt=0, description="Kilocalories per piece (kcal).")]
    crude_protein_pct: Percent
    grain_free: bool


class ToyAttributes(StoreModel):
    """What decides a toy."""

    kind: Literal["toys"] = "toys"
    species: Species
    toy_type: Literal["wand", "ball", "plush", "puzzle", "chew", "laser", "tunnel", "rope", "track"]
    material: Text
    size: Length = Field(description="Longest side.")
    contains_catnip: bool
    durability: Literal["gentle", "medium", "tough"]
    min_age_months: Annotated[int, Field(ge=0, le=240, description="Youngest suitable age, in months.")]


class AccessoryAttributes(StoreModel):
    """What decides an accessory."""

    kind: Literal["accessories"] = "accessories"
    species: Species
    accessory_type: Literal[
        "bowl", "fountain", "harness", "collar", "bed", "carrier", "scratcher", "litter_box", "brush", "perch"
    ]
    material: Text
    dimensions: Dimensions | None = None
    capacity: Volume | None = None
    max_pet_weight: Mass | None = None
    machine_washable: bool


class GenericAttributes(StoreModel):
    """Attributes of a category this shop defines itself (imported shops)."""

    kind: Literal["generic"] = "generic"
    properties: dict[Text, str | float | bool] = Field(default_factory=dict)


ProductAttributes = Annotated[
    CatFoodAttributes
    | DogFoodAttributes
    | LitterAttributes
    | TreatAttributes
    | ToyAttributes
    | AccessoryAttributes
    | GenericAttributes,
    Field(discriminator="kind"),
]
AttributeKind = Literal["cat_food", "dog_food", "litter", "treats", "toys", "accessories", "generic"]


class Category(StoreModel):
    """A product category; its products all carry attributes of `attribute_kind`."""

    category_id: Slug
    name: Text
    description: Annotated[str, Field(max_length=1000)]
    attribute_kind: AttributeKind


class Variant(StoreModel):
    """One buyable form of a product (a size, a flavour, a pack), with its own SKU, price and stock."""

    sku: Annotated[str, Field(pattern=r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$", max_length=40)]
    product_id: Slug
    name: Text = Field(description='How shoppers see it, e.g. "2 kg bag".')
    options: dict[Slug, Text] = Field(description='What distinguishes it, e.g. {"size": "2 kg"}.')
    net_weight: Mass | None = None
    price_cents: Annotated[int, Field(gt=0)]
    stock: Annotated[int, Field(ge=0)] = Field(description="Units available to sell now.")
    active: bool = Field(default=True, description="False: no longer sold (kept for old orders).")

    @property
    def in_stock(self) -> bool:
        return self.active and self.stock > 0


class Product(StoreModel):
    """A product with its variants, typed attributes, description and the aliases shoppers use."""

    product_id: Slug
    category_id: Slug
    name: Text
    brand: Text
    description: Annotated[str, Field(min_length=1, max_length=2000)]
    attributes: ProductAttributes
    aliases: list[Text] = Field(default_factory=list, description='e.g. "the salmon kitten one".')
    returnable: bool = Field(default=True, description="False: final sale, never returned or exchanged.")
    variants: list[Variant] = Field(min_length=1)

    def variant(self, sku: str) -> Variant | None:
        return next((v for v in self.variants if v.sku == sku), None)


class StockLevel(StoreModel):
    """How many units of one variant can be sold now."""

    sku: str
    product_id: str
    available: Annotated[int, Field(ge=0)]
    active: bool

    @property
    def in_stock(self) -> bool:
        return self.active and self.available > 0

