"""Reading a destination out of a shopper's message: a US postal address, or the country a place is in."""

from __future__ import annotations

import re

_ADDRESS = re.compile(
    r"(?P<line1>\d+[A-Za-z]?\s+[^,\n]{2,80}?)\s*,\s*"
    r"(?:(?P<line2>(?:apt|apartment|suite|ste|unit|#)\.?\s*[^,\n]{1,20}?)\s*,\s*)?"
    r"(?P<city>[A-Za-z][A-Za-z .'-]{1,58}?)\s*,?\s+"
    r"(?P<region>[A-Za-z]{2})\.?\s*,?\s+"
    r"(?P<postal_code>\d{5}(?:-\d{4})?)\b",
    re.IGNORECASE,
)


_ORDER_NUMBER = re.compile(r"#?\b[A-Z]{2,4}[- ]?\d{6}\b", re.IGNORECASE)


def parse_address(text: str) -> dict[str, str] | None:
    """The address fields found in `text` (name not included), or None if none is there."""
    match = _ADDRESS.search(_ORDER_NUMBER.sub(" ", text))
    if match is None:
        return None
    fields = {key: value.strip() for key, value in match.groupdict().items() if value}
    fields["region"] = fields["region"].upper()
    fields["city"] = fields["city"].title() if fields["city"].islower() else fields["city"]
    fields["country"] = "US"
    return fields


# Words and postcode shapes that place a destination in a country (ISO code); whether the shop ships there is the
# shop's own list (`ShopRules.ship_to_countries`), not decided here.
_PLACES: dict[str, tuple[str, ...]] = {
    "US": ("united states", "usa", "u.s.a", "america"),
    "CA": ("canada", "toronto", "vancouver", "montreal", "ottawa", "calgary", "quebec", "ontario", "british columbia"),
    "MX": ("mexico", "guadalajara", "monterrey", "cancun", "tijuana"),
    "GB": ("united kingdom", "uk", "england", "scotland", "wales", "britain", "london", "manchester", "edinburgh"),
    "IE": ("ireland", "dublin"),
    "AU": ("australia", "sydney", "melbourne"),
    "NZ": ("new zealand", "auckland"),
    "DE": ("germany", "berlin", "munich"),
    "FR": ("france", "paris", "lyon"),
    "ES": ("spain", "madrid", "barcelona"),
    "IT": ("italy", "rome", "milan"),
    "NL": ("netherlands", "amsterdam"),
    "JP": ("japan", "tokyo"),
    "CN": ("china", "beijing", "shanghai"),
    "IN": ("india", "mumbai", "delhi"),
    "BR": ("brazil", "sao paulo", "rio de janeiro"),
}
_PLACE_WORDS = {word: code for code, words in _PLACES.items() for word in words}
_PLACE = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in sorted(_PLACE_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_POSTCODES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("CA", re.compile(r"\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b", re.IGNORECASE)),
    ("GB", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b")),
)


def destination_country(text: str) -> str | None:
    """The country a destination in `text` lies in: a US address, a named country or city, a postcode's shape."""
    if parse_address(text) is not None:
        return "US"
    found = _PLACE.search(text)
    if found is not None:
        return _PLACE_WORDS[found.group(1).lower()]
    for code, shape in _POSTCODES:
        if shape.search(text):
            return code
    return None
