"""Lexical product search: scores products against a shopper's words, aliases and attributes weighing most."""

from __future__ import annotations

import re
from collections.abc import Iterable

from connectors.orders.catalog_models import Product

_STOPWORDS = frozenset(
    {
        "a", "an", "and", "any", "are", "do", "for", "have", "i", "in", "is", "it", "me", "my",
        "of", "on", "one", "ones", "or", "some", "that", "the", "this", "to", "with", "you", "your",
    }
)  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")


def _stem(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Lower-cased, singular words without stop words; "Hairball-Control" gives ["hairball", "control"]."""
    return [_stem(w) for w in _WORD.findall(text.lower().replace("_", " ")) if w not in _STOPWORDS]


def _attribute_words(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _attribute_words(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if item is True:
                yield key
            elif not isinstance(item, bool):
                yield from _attribute_words(item)


def _fields(product: Product) -> list[tuple[float, set[str]]]:
    attributes = product.attributes.model_dump(exclude={"kind"})
    return [
        (3.0, set(tokens(product.name))),
        (3.0, {t for alias in product.aliases for t in tokens(alias)}),
        (2.0, set(tokens(product.brand))),
        (2.0, set(tokens(product.category_id))),
        (2.0, {t for word in _attribute_words(attributes) for t in tokens(word)}),
        (1.0, {t for v in product.variants for t in tokens(f"{v.name} {' '.join(v.options.values())}")}),
        (0.5, set(tokens(product.description))),
    ]


def score(product: Product, query: str) -> float:
    """How well `product` matches `query`; 0 means not at all."""
    wanted = tokens(query)
    if not wanted:
        return 0.0
    fields = _fields(product)
    total = 0.0
    for word in wanted:
        total += max((weight for weight, words in fields if word in words), default=0.0)
    phrase = " ".join(wanted)
    if any(" ".join(tokens(alias)) == phrase for alias in product.aliases):
        total += 10.0
    return total


def search(
    products: Iterable[Product], query: str, *, category_id: str | None, in_stock_only: bool, limit: int
) -> list[Product]:
    """Best matches first (ties by product id); an empty query lists the category."""
    pool = [
        p
        for p in products
        if (category_id is None or p.category_id == category_id)
        and (not in_stock_only or any(v.in_stock for v in p.variants))
    ]
    if not tokens(query):
        return sorted(pool, key=lambda p: p.product_id)[:limit]
    scored = [(score(p, query), p) for p in pool]
    ranked = sorted((pair for pair in scored if pair[0] > 0), key=lambda pair: (-pair[0], pair[1].product_id))
    return [p for _, p in ranked[:limit]]
