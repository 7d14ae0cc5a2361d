"""Choosing products to recommend: the pet they are for, what the shopper needs, and what the customer bought."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from agent.tools.pets import YOUNG_WORD_OF, stage_of_months
from connectors.orders.catalog_models import Product
from connectors.orders.customer_models import CustomerProfile, PetView

# What the shopper asks for -> the category it names (food depends on the species).
_CATEGORIES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\blitter\b(?!\s*box)", re.I), "litter"),
    (re.compile(r"\b(treats?|snacks?|chews?\b(?! toy))", re.I), "treats"),
    (re.compile(r"\b(toys?|play|ball|chew toy)\b", re.I), "toys"),
    (re.compile(r"\b(bed|bowl|fountain|carrier|harness|collar|leash|brush|scratch\w*|litter box|perch)s?\b", re.I),
     "accessories"),
    (re.compile(r"\b(food|kibble|meal|eat|feed|diet|wet|dry)\b", re.I), "food"),
]  # fmt: skip

# Needs in the shopper's words -> (attribute, value it must have, how the reason says it).
_NEEDS: list[tuple[re.Pattern[str], str, object, str]] = [
    (re.compile(r"\b(dust|asthma|allerg\w*|breath\w*)\b", re.I), "dust_free", True, "dust-free"),
    (re.compile(r"\b(destroy\w*|chewer|tough|strong|durable|indestructible|survive)\b", re.I), "durability",
     "tough", "tough enough for a heavy chewer"),
    (re.compile(r"\bgrain[- ]?free\b|\bno grains?\b", re.I), "grain_free", True, "grain-free"),
    (re.compile(r"\bhairballs?\b", re.I), "efficacy", "hairball", "helps with hairballs"),
    (re.compile(r"\b(weight|chubby|fat|overweight|diet|heavy)\b", re.I), "efficacy", "weight_control",
     "helps keep a healthy weight"),
    (re.compile(r"\b(sensitive|stomach|digest\w*)\b", re.I), "efficacy", "sensitive_digestion",
     "gentle on sensitive stomachs"),
    (re.compile(r"\burinary\b", re.I), "efficacy", "urinary", "supports the urinary tract"),
    (re.compile(r"\bindoor\b", re.I), "efficacy", "indoor", "made for indoor cats"),
    (re.compile(r"\b(odou?r|smell)\b", re.I), "scent", "unscented", "unscented"),
    (re.compile(r"\bflush\w*\b", re.I), "flushable", True, "flushable"),
]  # fmt: skip
# A category's natural companions, for "goes with what you bought".
_COMPANIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "cat_food": (("treats", "treats"), ("accessories", "water fountain bowl")),
    "dog_food": (("treats", "treats chews"), ("accessories", "bowl")),
    "litter": (("accessories", "litter box"),),
    "treats": (("toys", "toy"),),
    "toys": (("treats", "treats"),),
    "accessories": (("toys", "toy"),),
}


@dataclass
class Need:
    """Who and what a recommendation is for."""

    species: str | None = None
    life_stage: str | None = None  # "young", "adult", "senior"
    pet: PetView | None = None
    category: str | None = None
    wants: list[tuple[str, object, str]] = field(default_factory=list)


def life_stage(pet: PetView) -> str:
    return stage_of_months(pet.species, pet.age_months)


def pet_words(pet: PetView) -> str:
    stage = life_stage(pet)
    age = f"{pet.age_months} months" if pet.age_months < 24 else f"{pet.age_months // 12} years"
    kind = YOUNG_WORD_OF.get(pet.species, pet.species) if stage == "young" else f"{stage} {pet.species}"
    return f"{pet.name} ({kind}, {age})"


def the_pet(text: str, profile: CustomerProfile | None, species: str | None) -> PetView | None:
    """The customer's pet this is for: named, the only one of the species asked about, or their only pet."""
    pets = list(profile.pets) if profile else []
    named = [p for p in pets if re.search(rf"\b{re.escape(p.name)}\b", text, re.I)]
    if named:
        return named[0]
    same = [p for p in pets if species is None or p.species == species]
    return same[0] if len(same) == 1 or (same and len({p.species for p in pets}) == 1 and species) else None


def read_need(text: str, need: Need) -> Need:
    for pattern, category in _CATEGORIES:
        if pattern.search(text):
            need.category = category
            break
    need.wants = [(key, value, words) for pattern, key, value, words in _NEEDS if pattern.search(text)]
    return need


def category_of(need: Need) -> str | None:
    if need.category == "food":
        return f"{need.species}_food" if need.species in ("cat", "dog") else None
    return need.category


def _species_of(product: Product) -> str | None:
    if product.category_id in ("cat_food", "litter"):
        return "cat"
    if product.category_id == "dog_food":
        return "dog"
    species = getattr(product.attributes, "species", None)
    return species if isinstance(species, str) else None


def _stage_fits(product: Product, stage: str | None) -> bool:
    """Kitten, puppy and senior foods only for a pet of that age; with the age unknown, adult and all-ages food."""
    declared = getattr(product.attributes, "life_stage", None)
    if not isinstance(declared, str) or declared == "all_ages":
        return True
    return {"kitten": "young", "puppy": "young"}.get(declared, declared) == (stage or "adult")


def _has(product: Product, key: str, value: object) -> bool:
    actual = getattr(product.attributes, key, None)
    return value in actual if isinstance(actual, list) else actual == value


def fits(product: Product, need: Need) -> bool:
    """In stock, for this species, life stage and category, and nothing the shopper ruled out."""
    if not any(v.in_stock for v in product.variants):
        return False
    species = _species_of(product)
    if need.species and species and species != need.species:
        return False
    category = category_of(need)
    if category and product.category_id != category:
        return False
    if not _stage_fits(product, need.life_stage):
        return False
    hard = [(k, v) for k, v, _ in need.wants if k in ("durability", "dust_free") and hasattr(product.attributes, k)]
    return all(_has(product, k, v) for k, v in hard)


def rank(products: Sequence[Product], need: Need) -> list[tuple[Product, list[str]]]:
    """Fitting products, those meeting more of the shopper's needs first; each with the needs it meets."""
    scored = []
    for position, product in enumerate(products):
        if not fits(product, need):
            continue
        met = [words for key, value, words in need.wants if _has(product, key, value)]
        scored.append((-len(met), position, product, met))
    scored.sort(key=lambda row: (row[0], row[1]))
    return [(product, met) for _, _, product, met in scored]


def companions(category: str) -> tuple[tuple[str, str], ...]:
    """(category, search words) of what goes with a category's products."""
    return _COMPANIONS.get(category, ())
