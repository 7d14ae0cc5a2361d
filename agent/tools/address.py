"""Reading a US postal address out of a shopper's message ("12 Oak St, Springfield, IL 62704")."""

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
