"""Shop identifiers: the order-number format (which the NLU extracts), and deterministic tracking numbers."""

from __future__ import annotations

import hashlib
import re

from connectors.orders.errors import InvalidOrderNumber

# Where every parcel starts its journey (the first tracking scans name it).
SHIPPING_ORIGIN = "Reno, NV fulfilment centre"
ORDER_PREFIX_PATTERN = r"[A-Z]{2,4}"
ORDER_NUMBER_PATTERN = re.compile(rf"^{ORDER_PREFIX_PATTERN}-\d{{6}}$")


def order_number_in_text(prefix: str | None = None) -> re.Pattern[str]:
    """What to look for in free text: "ps-100234", "PS 100234", "#PS100234" all mean PS-100234.

    With `prefix`, only that shop's numbers match (so "zip 902101" is not taken for an order).
    """
    letters = re.escape(prefix) if prefix else ORDER_PREFIX_PATTERN
    return re.compile(rf"(?<![A-Za-z0-9])#?({letters})[ -]?(\d{{6}})(?![0-9])", re.IGNORECASE)


def format_order_number(prefix: str, number: int) -> str:
    """`PS` and 100234 give `PS-100234`."""
    if not re.fullmatch(ORDER_PREFIX_PATTERN, prefix) or not 0 <= number <= 999_999:
        raise ValueError(f"cannot make an order number from {prefix!r} and {number}")
    return f"{prefix}-{number:06d}"


def normalize_order_number(text: str) -> str:
    """The canonical form of a typed order number, or `InvalidOrderNumber` if it is not one."""
    match = order_number_in_text().fullmatch(text.strip())
    if match is None:
        raise InvalidOrderNumber(text)
    return f"{match.group(1).upper()}-{match.group(2)}"


def find_order_numbers(text: str, prefix: str | None = None) -> list[str]:
    """Every order number mentioned in free text, canonical, in order of appearance, without repeats."""
    found: list[str] = []
    for match in order_number_in_text(prefix).finditer(text):
        number = f"{match.group(1).upper()}-{match.group(2)}"
        if number not in found:
            found.append(number)
    return found


def order_digits(order_number: str) -> str:
    """The six digits of a canonical order number, used to name its payments, refunds and parcels."""
    return order_number.split("-", 1)[1]


def tracking_number(carrier: str, seed: str) -> str:
    """A tracking number in the carrier's usual shape, derived from `seed` (same seed, same number)."""
    digest = hashlib.sha256(f"{carrier}:{seed}".encode()).hexdigest()
    digits = str(int(digest, 16))
    if carrier == "UPS":
        return "1Z" + digest[:16].upper()
    if carrier == "USPS":
        return "9400" + digits[:18]
    if carrier == "FedEx":
        return digits[:12]
    raise ValueError(f"unknown carrier {carrier!r}")
