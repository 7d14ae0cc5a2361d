"""Shared model pieces: the strict base model, UTC timestamps, postal addresses and measures with units."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, PlainSerializer, model_validator

from connectors.orders.clock import iso, utc_seconds


class StoreModel(BaseModel):
    """Base of every model crossing the order-system interface: immutable, unknown fields rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


UtcDatetime = Annotated[
    AwareDatetime,
    AfterValidator(utc_seconds),
    PlainSerializer(iso, return_type=str, when_used="json"),
]
"""A timezone-aware instant, normalised to UTC whole seconds, serialised as `2025-06-02T10:00:00Z`."""

Cents = Annotated[int, Field(ge=0, description="An amount of money in integer cents of the shop's currency.")]
Text = Annotated[str, Field(min_length=1, max_length=200)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=80)]

_US_ZIP = re.compile(r"^\d{5}(?:-\d{4})?$")
_POSTAL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$")


class Address(StoreModel):
    """A postal address; US ZIP codes are checked, other countries get a generic postal-code check."""

    name: Text = Field(description="Recipient's name.")
    line1: Annotated[str, Field(min_length=1, max_length=100)]
    line2: Annotated[str, Field(max_length=100)] | None = None
    city: Annotated[str, Field(min_length=1, max_length=60)]
    region: Annotated[str, Field(min_length=1, max_length=40)] = Field(description="State or province.")
    postal_code: Annotated[str, Field(min_length=2, max_length=10)]
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] = Field(
        default="US", description="ISO 3166-1 alpha-2 country code."
    )

    @model_validator(mode="after")
    def _postal_code_fits_country(self) -> Address:
        pattern = _US_ZIP if self.country == "US" else _POSTAL
        if not pattern.match(self.postal_code):
            raise ValueError(f"postal_code {self.postal_code!r} is not valid for country {self.country}")
        return self

    def one_line(self) -> str:
        parts = [self.line1, self.line2, self.city, f"{self.region} {self.postal_code}", self.country]
        return ", ".join(part for part in parts if part)


class Mass(StoreModel):
    """A net weight."""

    value: Annotated[float, Field(gt=0)]
    unit: Literal["g", "kg"]

    @property
    def grams(self) -> float:
        return self.value * 1000 if self.unit == "kg" else self.value

    def __str__(self) -> str:
        return f"{self.value:g} {self.unit}"


class Length(StoreModel):
    """A length in centimetres."""

    value: Annotated[float, Field(gt=0)]
    unit: Literal["cm"] = "cm"


class Volume(StoreModel):
    """A capacity."""

    value: Annotated[float, Field(gt=0)]
    unit: Literal["ml", "l"]


class Dimensions(StoreModel):
    """Outer size of a thing, in centimetres."""

    length_cm: Annotated[float, Field(gt=0)]
    width_cm: Annotated[float, Field(gt=0)]
    height_cm: Annotated[float, Field(gt=0)]

