"""Which order line a shopper means and how many they want, read from their words against the order itself."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from connectors.orders.catalog_models import Product, Variant
from connectors.orders.order_models import Order, OrderItem

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset({
    "the", "and", "for", "from", "order", "please", "pls", "one", "ones", "bag", "bags", "with", "this", "that",
    "them", "those", "these", "just", "want", "return", "exchange", "remove", "take", "out", "change", "make",
    "add", "more", "instead", "swap", "send", "back", "can", "could", "you", "your", "our", "item", "items",
    "thing", "stuff", "not", "meant", "sorry", "like", "would",
})  # fmt: skip
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "another": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "both": 2, "couple": 2,
}  # fmt: skip
_NUM = r"(\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
# A count said on its own ("to 12", "just two"): "a"/"an" there are articles ("to a new address").
_COUNT = r"(\d{1,3}|" + "|".join(sorted(set(_NUMBER_WORDS) - {"a", "an", "another"}, key=len, reverse=True)) + r")"
# Numbers that are sizes or identifiers, not how many: "10 kg", "6 pack", "a 6-pack", "two 6-packs", "3 levels",
# "PS-100673" (but "2 packs" is a count).
_NOT_A_COUNT = re.compile(
    rf"\b[A-Za-z]{{2,4}}[- ]?\d{{6}}\b|\b\d+(\.\d+)?[\s-]*(kg|g|lbs?|oz|ml|l|cm|mm|in|inch|pack|pk|levels?|way|"
    rf"sticks?|x\s*\d+)\b|\b\d+-?packs\b|\b(not|instead of|from|now|currently|has|have|had|of the)\s+{_NUM}\b",
    re.I,
)
_MORE = re.compile(rf"\b{_NUM}\s+(more|extra|additional)\b|\banother\b", re.I)
_ABSOLUTE = re.compile(
    rf"\b(?:to|make it|make that|change it to|set it to|only need|only want|just|need|want|keep)\s+(?:just\s+|only\s+)?"
    rf"{_COUNT}\b|\b{_COUNT}\s+(?:is|are|will be|would be)\s+(?:enough|plenty|fine|ok|okay)\b|\b{_COUNT}\s+total\b",
    re.I,
)
_BARE = re.compile(rf"\b{_COUNT}\b", re.I)
REMOVING = re.compile(
    r"\b(remove|take\s+(\w+\s+){0,4}out|delete|drop|get rid of|don'?t want the|without the|cancel the)\b", re.I
)


# "not the X, I meant the Y": the words after "not" name what the shopper does not mean.
_NEGATED = re.compile(r"\bnot\s+(?:the\s+|that\s+|those\s+|this\s+)?[\w-]+(?:\s+[\w-]+)?(?=\s*[,.;!?]|$)", re.I)


def _number(raw: str) -> int:
    return int(raw) if raw.isdigit() else _NUMBER_WORDS[raw.lower()]


def wanted_quantity(text: str, current: int | None) -> int | None:
    """The quantity asked for: 'make it 5', 'to 12', '4 is enough', 'one more' (relative to `current`)."""
    if REMOVING.search(text):
        return 0
    more = _MORE.search(text)
    if more is not None and current is not None:
        return current + (_number(more.group(1)) if more.group(1) else 1)
    cleaned = _NOT_A_COUNT.sub(" ", text)
    found = _ABSOLUTE.search(cleaned)
    if found is not None:
        raw = next(g for g in found.groups() if g)
        return _number(raw)
    bare = [m.group(1) for m in _BARE.finditer(cleaned) if m.group(1).lower() != "one"]
    if bare:
        return _number(bare[0])
    return None


def _tokens(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _STOP]


def _vocabulary(item: OrderItem, product: Product | None) -> set[str]:
    words = set(_tokens(f"{item.product_name} {item.variant_name}"))
    if product is not None:
        for alias in product.aliases:
            words |= set(_tokens(alias))
        words |= set(_tokens(product.category_id.replace("_", " ")))
        for key in ("toy_type", "accessory_type", "treat_type", "material", "flavour"):
            value = getattr(product.attributes, key, None)
            if isinstance(value, str):
                words |= set(_tokens(value.replace("_", " ")))
    return words


def _near(word: str, vocabulary: set[str]) -> bool:
    if word in vocabulary:
        return True
    stem = word.rstrip("s")
    return stem in vocabulary or bool(difflib.get_close_matches(word, list(vocabulary), n=1, cutoff=0.85))


def match_line(
    text: str, items: Sequence[OrderItem], products: Mapping[str, Product], mentions: Sequence[dict[str, Any]] = ()
) -> OrderItem | None:
    """The one order line the words name best (a product word, a flavour, a category); None when unclear."""
    text = _NEGATED.sub(" ", text)
    kept = [m for m in mentions if str(m.get("matched", "")).lower() in " ".join(_WORD.findall(text.lower()))]
    for mention in kept:
        named = [i for i in items if i.product_id == mention.get("product_id")]
        exact = [i for i in named if i.sku == mention.get("variant_id")]
        if exact or len(named) == 1:
            return (exact or named)[0]
    words = _tokens(text)
    if not words or not items:
        return None
    if len(items) == 1:
        vocabulary = _vocabulary(items[0], products.get(items[0].product_id))
        return items[0] if any(_near(w, vocabulary) for w in words) else None
    vocabularies = [_vocabulary(item, products.get(item.product_id)) for item in items]
    scores = []
    for item, vocabulary in zip(items, vocabularies, strict=True):
        shared = [w for w in words if _near(w, vocabulary)]
        # A word every line has ("food" in an all-food order) tells them apart no better than none.
        distinctive = [w for w in shared if sum(_near(w, v) for v in vocabularies) < len(items)]
        scores.append((len(distinctive) + 0.1 * len(shared), item))
    scores.sort(key=lambda pair: -pair[0])
    best, item = scores[0]
    runner_up = scores[1][0] if len(scores) > 1 else 0.0
    if best >= 1.0 and best > runner_up:
        return item
    return None


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    tokens = re.findall(r"[a-z0-9]+(?:\.[0-9]+)?", phrase.lower())
    return re.compile(r"(?<![\w.])" + r"[\s-]*".join(re.escape(t) for t in tokens) + r"(?![\w.])")


def match_variant(text: str, choices: Sequence[Variant]) -> Variant | None:
    """The one variant among `choices` the words name: 'green', 'the 60 cm one', 'straight'."""
    lowered = _NEGATED.sub(" ", text).lower()
    named = []
    for variant in choices:
        phrases = [variant.name, *variant.options.values()]
        if any(phrase.strip() and _phrase_pattern(phrase).search(lowered) for phrase in phrases):
            named.append(variant)
    return named[0] if len(named) == 1 else None


def products_of(order: Order, get: Any) -> dict[str, Product]:
    """The catalog products of an order's lines (`get` is the order system's `get_product`)."""
    return {item.product_id: get(item.product_id) for item in order.items}
