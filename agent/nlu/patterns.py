"""Deterministic extractors for identifiers: order numbers, emails, phone numbers, postal codes, quantities."""

from __future__ import annotations

import re

from agent.nlu.slots import Span

# The shop's format (connectors/orders: "PS-100234"); "ps 100234", "#PS100234" are the same number.
SHOP_ORDER = re.compile(r"(?<![A-Za-z0-9])#?([A-Za-z]{2,4})[ -]?(\d{6})(?![0-9])")
# Other order references a shopper may paste (numbers from an email, a marketplace, another system).
_GENERIC_NUMBER = re.compile(r"(?<![\w@.$€£+-])#?((?:[A-Za-z]{1,4}-?)?\d[\d-]{3,22}\d)(?![\w@]|[.,]\d)")
_ORDER_CUE = re.compile(r"\b(orders?|purchases?|ord|po|ref(erence)?|confirmation|number|no|nr|num|id|#)\W*$", re.I)
_OTHER_CUE = re.compile(
    r"\b(invoices?|bills?|receipts?|phone|mobile|cell|call|text|tel|fax|zip|postal|post ?code|postcode|"
    r"account|acct|card|iban|tracking|parcel|shipment|sku|item|product|model|amount|total|price|cost|"
    r"paid|charged|refund(ed)?|customer|membership|member|ticket|case)\b[\w\s#:.-]{0,14}$",
    re.I,
)
# "order 123", "purchase number: 123", "order no. 123": the nearest cue wins over 'refund for ...' further back.
_ORDER_RIGHT_BEFORE = re.compile(r"\b(order|purchase|ord)s?\s*(number|num|no\.?|nr|id|ref|#)?\s*[:#=]?\s*$", re.I)
_ORDER_AFTER = re.compile(r"\s*(is|was|=)?\s*(my|the|our)?\s*(order|purchase)", re.I)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
PHONE = re.compile(
    r"(?<![\w+])(\+?\d{1,3}[\s.-]?)?(\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])\d{3,4}[\s.-]?\d{3,4}(?![\w-])"
    r"|(?<![\w+])\+\d{9,14}(?!\w)"
)
_PHONE_CUE = re.compile(r"\b(phone|mobile|cell|call|text|tel|number is|reach me|contact)\b", re.I)
US_ZIP = re.compile(r"(?<![\w-])\d{5}(-\d{4})?(?![\w-])")
UK_POSTCODE = re.compile(r"(?<!\w)[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}(?!\w)", re.I)
CA_POSTCODE = re.compile(r"(?<!\w)[A-Z]\d[A-Z] ?\d[A-Z]\d(?!\w)", re.I)
_POSTAL_CUE = re.compile(r"\b(zip|postal|post ?code|postcode|address|street|st\.|ave|road|rd\.|city)\b", re.I)

_NUMBER_WORDS = {
    "a dozen": 12,
    "a couple of": 2,
    "a pair of": 2,
    "another": 1,
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "couple": 2,
    "pair": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "dozen": 12,
}
_COUNT_NOUN = (
    r"(bags?|packs?|packets?|boxes?|cans?|tins?|pouches?|bottles?|tubs?|jars?|pieces?|pcs|units?|items?|"
    r"of (them|those|these|it|the|your|that)\b|more|sets?|rolls?|cases?|toys?|beds?|bowls?|collars?|"
    r"leash(es)?|sacks?|trays?|"
    r"pounds? of|kilos? of|x\b)"
)
_QTY_NUM = r"(\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
QUANTITY = re.compile(
    rf"\b(?:qty|quantity|amount)\s*(?:of|:|=|to)?\s*(?P<a>\d{{1,3}})\b"
    rf"|(?<![\w.-])(?P<b>{_QTY_NUM})\s+(?:(?:more|extra|new|big|small|large|of the|of your)\s+)?"
    rf"(?:(?!(?:kg|g|lbs?|oz|ml|l|cm|mm|in|inch|pound|kilo)s?\b)[a-z-]+\s+)?{_COUNT_NOUN}"
    rf"|\b(?:x|×)\s?(?P<c>\d{{1,3}})\b|\b(?P<d>\d{{1,3}})\s?(?:x|×)(?!\w)",
    re.I,
)


def shop_order_numbers(text: str, prefix: str | None = None) -> list[Span]:
    """Numbers in the shop's own format, canonical (`PS-100234`); with `prefix`, only that shop's letters."""
    spans = []
    for m in SHOP_ORDER.finditer(text):
        letters = m.group(1).upper()
        if prefix is not None and letters != prefix.upper():
            continue
        if prefix is None and m.group(1).islower() and " " in m.group(0):
            continue  # "is 123456", "no 123456": a word before a number, not a prefix
        spans.append(Span(value=f"{letters}-{m.group(2)}", start=m.start(), end=m.end(), text=m.group(0)))
    return spans


def order_references(text: str, taken: list[Span]) -> list[Span]:
    """Other order numbers: 5+ digit references cued by 'order', 'purchase', '#'... or long bare numbers."""
    spans: list[Span] = []
    for m in _GENERIC_NUMBER.finditer(text):
        if any(s.start <= m.start() < s.end or m.start() <= s.start < m.end() for s in taken):
            continue
        raw = m.group(1)
        digits = sum(ch.isdigit() for ch in raw)
        before = text[max(0, m.start() - 40) : m.start()]
        after = text[m.end() : m.end() + 24]
        near_order = bool(_ORDER_RIGHT_BEFORE.search(before))
        if (_OTHER_CUE.search(before) and not near_order) or re.match(
            r"\s*(dollars|usd|eur|euros|bucks|%|kg|g|lbs?|ml)\b", after, re.I
        ):
            continue
        if PHONE.fullmatch(raw) and (_PHONE_CUE.search(before) or "-" in raw.strip("-")):
            continue
        cued = (
            near_order or bool(_ORDER_CUE.search(before)) or text[m.start()] == "#" or bool(_ORDER_AFTER.match(after))
        )
        if digits < 5 or (digits < 8 and not cued):
            continue
        spans.append(Span(value=raw.strip("-").upper(), start=m.start(1), end=m.end(1), text=raw))
    return spans


def find_order_spans(text: str, prefix: str | None = None) -> list[Span]:
    """Every order number in the text: the shop's format first, then other references, without repeats."""
    shop = shop_order_numbers(text, prefix)
    return _unique(shop + order_references(text, shop))


def find_emails(text: str) -> list[Span]:
    return _unique(
        [Span(value=m.group(0).lower(), start=m.start(), end=m.end(), text=m.group(0)) for m in EMAIL.finditer(text)]
    )


def find_phones(text: str, taken: list[Span]) -> list[Span]:
    """Phone numbers: grouped digits ('(415) 555-0123', '+44 20 7946 0958'), never inside an order number."""
    spans = []
    for m in PHONE.finditer(text):
        if any(s.start < m.end() and m.start() < s.end for s in taken):
            continue
        digits = re.sub(r"\D", "", m.group(0))
        if not 9 <= len(digits) <= 15:
            continue
        value = ("+" if m.group(0).lstrip().startswith("+") else "") + digits
        spans.append(Span(value=value, start=m.start(), end=m.end(), text=m.group(0)))
    return _unique(spans)


def find_postal_codes(text: str, taken: list[Span], *, asked: bool = False) -> list[Span]:
    """US ZIP, UK and Canadian postcodes; a bare 5-digit US ZIP needs an address cue nearby, or to be `asked` for."""
    spans: list[Span] = []
    cued = asked or bool(_POSTAL_CUE.search(text))
    for pattern, needs_cue in ((UK_POSTCODE, False), (CA_POSTCODE, False), (US_ZIP, True)):
        for m in pattern.finditer(text):
            if any(s.start < m.end() and m.start() < s.end for s in taken + spans):
                continue
            if needs_cue and not cued:
                continue
            if pattern is not US_ZIP and not any(ch.isdigit() for ch in m.group(0)[:3]):
                continue
            value = m.group(0).upper() if pattern is US_ZIP else _spaced_postcode(m.group(0))
            spans.append(Span(value=value, start=m.start(), end=m.end(), text=m.group(0)))
    return sorted(spans, key=lambda s: s.start)


def find_quantity(text: str, taken: list[Span]) -> int | None:
    """How many: '2 bags', 'three of them', 'qty 4', 'x2'; sizes like '2 kg' are variants, not quantities."""
    for m in QUANTITY.finditer(text):
        if any(s.start < m.end() and m.start() < s.end for s in taken):
            continue
        raw = next(g for g in (m.group("a"), m.group("b"), m.group("c"), m.group("d")) if g)
        value = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw.lower()]
        if raw.lower() in {"a", "an"} and not re.search(r"\b(more|extra|pack|bag|box)\b", m.group(0), re.I):
            continue
        if 0 < value <= 999:
            return value
    return None


def _spaced_postcode(raw: str) -> str:
    compact = raw.replace(" ", "").upper()
    return f"{compact[:-3]} {compact[-3:]}"


def _unique(spans: list[Span]) -> list[Span]:
    seen: set[str] = set()
    out = []
    for span in spans:
        if span.value not in seen:
            seen.add(span.value)
            out.append(span)
    return out
