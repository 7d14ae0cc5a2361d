"""The demo shop's customers: names, contact details, addresses and pets, drawn from a seeded generator."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from connectors.orders.catalog_models import Species
from connectors.orders.common_models import Address
from connectors.orders.customer_models import Customer, Pet

FIRST_NAMES = (
    "Ava", "Ben", "Chloe", "Daniel", "Emma", "Felix", "Grace", "Hugo", "Isla", "Jack", "Kira", "Liam", "Maya",
    "Noah", "Olivia", "Priya", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Wes", "Xenia", "Yusuf", "Zoe",
    "Aaron", "Bella", "Carlos", "Dana", "Elena", "Finn", "Gita", "Hana", "Ivan", "Julia", "Kofi", "Lena",
)  # fmt: skip
LAST_NAMES = (
    "Anderson", "Brooks", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Harris", "Ito", "Johnson", "Kim",
    "Lopez", "Martin", "Nguyen", "Okafor", "Patel", "Quintero", "Rossi", "Schmidt", "Taylor", "Usman",
    "Valdez", "Walker", "Young", "Zhang", "Novak", "Murphy", "Silva",
)  # fmt: skip
# (city, state, ZIP codes, area code): real places, invented streets, 555-01xx phone numbers (reserved for fiction).
CITIES = (
    ("Portland", "OR", ("97201", "97205", "97209"), "503"),
    ("Austin", "TX", ("78701", "78704"), "512"),
    ("Denver", "CO", ("80202", "80206"), "303"),
    ("Madison", "WI", ("53703",), "608"),
    ("Raleigh", "NC", ("27601", "27605"), "919"),
    ("Boise", "ID", ("83702",), "208"),
    ("Columbus", "OH", ("43215",), "614"),
    ("Sacramento", "CA", ("95814", "95816"), "916"),
    ("Burlington", "VT", ("05401",), "802"),
    ("Tucson", "AZ", ("85701", "85719"), "520"),
    ("Pittsburgh", "PA", ("15213", "15222"), "412"),
    ("Minneapolis", "MN", ("55401", "55408"), "612"),
)
STREETS = ("Maple", "Oak", "Cedar", "Elm", "Willow", "Birch", "Juniper", "Aspen", "Hawthorne", "Linden", "Spruce")
SUFFIXES = ("St", "Ave", "Rd", "Ln", "Dr", "Ct")
EMAIL_DOMAINS = ("example.com", "example.net", "example.org")
PET_NAMES = (
    "Milo", "Luna", "Oliver", "Bella", "Leo", "Nala", "Simba", "Cleo", "Max", "Daisy", "Charlie", "Pepper",
    "Biscuit", "Mochi", "Ziggy", "Olive", "Rocky", "Willow", "Tiger", "Coco", "Juniper", "Scout", "Pumpkin",
)  # fmt: skip
CAT_BREEDS = ("Domestic Shorthair", "Maine Coon", "Siamese", "Ragdoll", "British Shorthair", "Bengal", None)
DOG_BREEDS = ("Labrador Retriever", "Beagle", "French Bulldog", "German Shepherd", "Dachshund", "Border Collie", None)


def random_address(rng: random.Random, name: str) -> tuple[Address, str]:
    """An invented street address in a real city; also returns the city's area code."""
    city, state, zips, area = rng.choice(CITIES)
    line2 = f"Apt {rng.randint(1, 24)}{rng.choice('ABCD')}" if rng.random() < 0.25 else None
    address = Address(
        name=name,
        line1=f"{rng.randint(12, 9800)} {rng.choice(STREETS)} {rng.choice(SUFFIXES)}",
        line2=line2,
        city=city,
        region=state,
        postal_code=rng.choice(zips),
        country="US",
    )
    return address, area


def _pets(rng: random.Random, number: int, today: date, next_pet_id: int) -> list[Pet]:
    pets = []
    for offset in range(number):
        species: Species = "cat" if rng.random() < 0.58 else "dog"
        young = rng.random() < 0.2
        age_days = rng.randint(50, 360) if young else rng.randint(365, 16 * 365)
        breeds = CAT_BREEDS if species == "cat" else DOG_BREEDS
        pets.append(
            Pet(
                pet_id=f"PET-{next_pet_id + offset}",
                name=rng.choice(PET_NAMES),
                species=species,
                breed=rng.choice(breeds),
                birth_date=today - timedelta(days=age_days),
            )
        )
    return pets


def build_customers(rng: random.Random, count: int, now: datetime) -> list[Customer]:
    """`count` customers with unique emails, phones and (name, postal code) pairs, each with 1-3 pets."""
    customers: list[Customer] = []
    seen_names: set[tuple[str, str]] = set()
    emails: set[str] = set()
    next_pet = 2001
    for index in range(count):
        while True:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            name = f"{first} {last}"
            address, area = random_address(rng, name)
            if (name, address.postal_code) not in seen_names:
                break
        seen_names.add((name, address.postal_code))
        email = f"{first}.{last}@{rng.choice(EMAIL_DOMAINS)}".lower()
        if email in emails:
            email = email.replace("@", f"{index}@")
        emails.add(email)
        phone = f"+1-{area}-555-01{index:02d}" if index < 100 else f"+1-{area}-555-{index:04d}"
        pets = _pets(rng, rng.choice((1, 1, 1, 2, 2, 3)), now.date(), next_pet)
        next_pet += len(pets)
        customers.append(
            Customer(
                customer_id=f"C-{1001 + index}",
                name=name,
                email=email,
                phone=phone,
                default_address=address,
                created_at=now - timedelta(days=rng.randint(160, 900), minutes=rng.randint(0, 1439)),
                pets=pets,
            )
        )
    return customers
