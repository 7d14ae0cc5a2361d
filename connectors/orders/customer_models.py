"""Customer models: the customer record, their pets, and the profile the agent reads."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field

from connectors.orders.catalog_models import Species
from connectors.orders.common_models import Address, Cents, StoreModel, Text, UtcDatetime

CustomerId = Annotated[str, Field(pattern=r"^C-\d{4,8}$", description='e.g. "C-1001".')]
Email = Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$", max_length=120)]
Phone = Annotated[str, Field(pattern=r"^\+?[0-9][0-9 ()-]{6,20}$")]


class Pet(StoreModel):
    """A pet of a customer; age is derived from the birth date at the store's current time."""

    pet_id: Annotated[str, Field(pattern=r"^PET-\d{4,8}$")]
    name: Text
    species: Species
    breed: Text | None = None
    birth_date: date

    def age_months(self, on: date) -> int:
        months = (on.year - self.birth_date.year) * 12 + (on.month - self.birth_date.month)
        if on.day < self.birth_date.day:
            months -= 1
        return max(months, 0)


class Customer(StoreModel):
    """A customer record as the order system holds it."""

    customer_id: CustomerId
    name: Text
    email: Email
    phone: Phone
    default_address: Address
    created_at: UtcDatetime
    pets: list[Pet] = Field(default_factory=list)


class PetView(StoreModel):
    """A pet with its age at the store's current time, for recommendations ("kitten", "senior")."""

    pet_id: str
    name: str
    species: Species
    breed: str | None
    birth_date: date
    age_months: int


class PurchasedProduct(StoreModel):
    """One product in a customer's purchase history (cancelled orders excluded)."""

    product_id: str
    name: str
    quantity: int
    last_ordered_at: UtcDatetime


class CustomerProfile(StoreModel):
    """Who the customer is and what they have bought: what the agent needs to personalise."""

    customer_id: str
    name: str
    email: str
    phone: str
    default_address: Address
    pets: list[PetView]
    order_count: int
    open_order_count: int = Field(description="Orders not yet shipped.")
    spent_cents: Cents = Field(description="Captured minus refunded, over all orders.")
    last_order_at: UtcDatetime | None
    purchases: list[PurchasedProduct] = Field(description="Most recent first.")
