"""Filling Bitext's `{{...}}` placeholders with realistic values in the shop's own formats, deterministically."""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Callable

_PLACEHOLDER = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")

_NAMES = (
    "Maria Lopez",
    "James Carter",
    "Aisha Khan",
    "Tom Becker",
    "Mei Chen",
    "Olivia Brown",
    "Lucas Silva",
    "Priya Patel",
    "Noah Wilson",
    "Emma Schmidt",
    "Daniel Kim",
    "Sofia Rossi",
    "Jack",
    "Hannah",
    "Omar",
)
_ACCOUNT_TYPES = ("premium", "standard", "free", "gold", "business", "Pawsome Plus", "basic", "pro")
_ACCOUNT_CATEGORIES = ("personal", "business", "family", "shop", "customer", "breeder", "vet clinic")
_CITIES = ("Portland", "Austin", "Chicago", "Denver", "Seattle", "Boston", "Miami", "San Diego", "Toronto", "London")
_COUNTRIES = ("Canada", "the United States", "the UK", "Germany", "France", "Mexico", "Australia", "Ireland")
_CURRENCIES = ("$", "$", "$", "€", "£")


class UnknownPlaceholderError(ValueError):
    """A placeholder we have no realistic value for; add a filler rather than let braces reach the classifier."""


def _order_number(rng: random.Random) -> str:
    return f"PS-{rng.randrange(100_000, 1_000_000)}"


def _amount(rng: random.Random) -> str:
    return f"{rng.randrange(5, 250)}.{rng.choice(('00', '49', '99', '95', '20'))}"


def _invoice(rng: random.Random) -> str:
    return f"INV-{rng.randrange(2023, 2027)}-{rng.randrange(1, 99_999):05d}"


_FILLERS: dict[str, Callable[[random.Random], str]] = {
    "order number": _order_number,
    "person name": lambda rng: rng.choice(_NAMES),
    "account type": lambda rng: rng.choice(_ACCOUNT_TYPES),
    "account category": lambda rng: rng.choice(_ACCOUNT_CATEGORIES),
    "refund amount": _amount,
    "currency symbol": lambda rng: rng.choice(_CURRENCIES),
    "delivery city": lambda rng: rng.choice(_CITIES),
    "delivery country": lambda rng: rng.choice(_COUNTRIES),
    "invoice number": _invoice,
}


def fill_placeholders(text: str) -> str:
    """Replace every `{{Name}}` by a plausible value; the same text always gets the same values."""
    if "{{" not in text:
        return text
    rng = random.Random(zlib.crc32(text.encode()))

    def value(match: re.Match[str]) -> str:
        name = match.group(1).strip().lower()
        filler = _FILLERS.get(name)
        if filler is None:
            raise UnknownPlaceholderError(f"no filler for placeholder {{{{{match.group(1)}}}}}")
        return filler(rng)

    return _PLACEHOLDER.sub(value, text)
