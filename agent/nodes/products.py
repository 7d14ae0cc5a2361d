"""Pre-sales skills: product facts from the catalog, comparison along the category guide, recommendations."""

from __future__ import annotations

import re
from typing import Any

from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.nodes.common import awaiting, quick_replies, render, reply, slots, turn_text
from agent.state import ConversationState, ReplyPart, Shown
from agent.tools.format import money
from connectors.orders.catalog_models import Product
from connectors.orders.errors import ProductNotFound

# Words in a question -> the attribute it asks about (catalog attribute keys).
_ASKS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"protein", re.I), "crude_protein_pct"),
    (re.compile(r"\bfat\b", re.I), "crude_fat_pct"),
    (re.compile(r"ingredient|made of|what'?s in", re.I), "ingredients"),
    (re.compile(r"grain", re.I), "grain_free"),
    (re.compile(r"hairball|urinary|good for|help with|efficacy|benefit", re.I), "efficacy"),
    (re.compile(r"kcal|calor", re.I), "kcal_per_piece"),
    (re.compile(r"scent|smell", re.I), "scent"),
    (re.compile(r"clump", re.I), "clumping"),
]
_PRICE = re.compile(r"price|cost|how much|\$|expensive|cheap", re.I)
_STOCK = re.compile(r"stock|available|availability|sold out|have any", re.I)
_VARIANTS = re.compile(
    r"come in|colou?rs?\b|sizes?\b|options?\b|flavou?rs?\b|variants?\b|tell me about|what is|what.s", re.I
)
_YES_NO = re.compile(r"^\W*(are|is|does|do|can|will|has|have)\b", re.I)


def _value(product: Product, key: str) -> str | None:
    if key == "net_weight":
        weights = {v.net_weight for v in product.variants if v.net_weight is not None}
        return ", ".join(sorted(f"{w.value:g} {w.unit}" for w in weights)) or None
    raw = getattr(product.attributes, key, None)
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, list):
        return ", ".join(str(x).replace("_", " ") for x in raw) or "none listed"
    if key.endswith("_pct"):
        return f"{raw:g}%"
    return str(raw).replace("_", " ")


def card(product: Product) -> dict[str, Any]:
    prices = sorted({v.price_cents for v in product.variants if v.active})
    return {
        "id": product.product_id,
        "name": product.name,
        "brand": product.brand,
        "price": money(prices[0]) if len(prices) == 1 else f"{money(prices[0])}-{money(prices[-1])}",
        "in_stock": any(v.in_stock for v in product.variants),
        "options": [v.name for v in product.variants if v.active],
    }


def _products_of(state: ConversationState, runtime: Runtime[AgentContext]) -> list[Product]:
    found = slots(state)
    ids = [m["product_id"] for m in found.get("products", [])]
    choice = found.get("choice")
    if choice and choice.get("kind", "product") == "product":
        ids.insert(0, choice["id"])
    if not ids and state.get("focus"):
        ids.append(state["focus"]["id"])  # type: ignore[index]
    products = []
    for product_id in dict.fromkeys(ids):
        try:
            products.append(runtime.context.orders.get_product(product_id))
        except ProductNotFound:
            continue
    return products


def shown_of(products: list[Product]) -> list[Shown]:
    return [{"id": p.product_id, "label": p.name, "kind": "product"} for p in products]


def product_facts(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    products = _products_of(state, runtime)
    question = turn_text(state)
    asked = [key for pattern, key in _ASKS if pattern.search(question)]
    if not products:
        hits = runtime.context.knowledge.search(question, k=3, kinds=["product"]).hits
        products = [runtime.context.orders.get_product(h.product_ids[0]) for h in hits[:1] if h.product_ids]
        listed = _PRICE.search(question) or _STOCK.search(question) or _VARIANTS.search(question)
        if products and not asked and not listed and _YES_NO.match(question):
            # A yes/no about a property the catalog doesn't record, of no product in particular: don't guess.
            text = render(runtime, state, "no_answer")
            return {"offer": "handoff", "reply": reply(text, "no_answer", quick_replies("Talk to a person"))}
    if not products:
        return {"reply": reply(render(runtime, state, "ask_product"), "product_question", awaiting("product"))}
    product = products[0]
    sentences = []
    for key in asked:
        value = _value(product, key)
        if value is not None:
            sentences.append(f"{key.replace('_pct', '').replace('_', ' ').capitalize()}: {value}.")
    if _PRICE.search(question) or _STOCK.search(question) or not sentences:
        for v in product.variants:
            if v.active:
                stock = "in stock" if v.in_stock else "out of stock"
                sentences.append(f"{v.name}: {money(v.price_cents)}, {stock}.")
    if len(sentences) == len([v for v in product.variants if v.active]) and not asked:
        sentences.insert(0, product.description)
    text = f"{product.name} ({product.brand}): " + " ".join(sentences)
    focus: Shown = {"id": product.product_id, "label": product.name, "kind": "product"}
    cards: ReplyPart = {"kind": "product_cards", "data": [card(product)]}
    return {
        "focus": focus,
        "reply": reply(render(runtime, state, "product_facts", text=text), "product_question", cards),
    }


def compare(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    products = _products_of(state, runtime)
    task = state.get("task") or {}
    focus = state.get("focus")
    if (
        len(products) == 1
        and task.get("intent") == "compare_products"
        and focus
        and focus["id"] != products[0].product_id
    ):
        # The answer to "compare it with which product?": the one named before, then this one.
        products.insert(0, runtime.context.orders.get_product(focus["id"]))
    if len(products) < 2:
        shown = [s for s in state.get("shown", []) if s["kind"] == "product"]
        for item in shown[:2]:
            if len(products) < 2 and all(p.product_id != item["id"] for p in products):
                products.append(runtime.context.orders.get_product(item["id"]))
    products = products[:4]
    if len(products) == 1:
        named: Shown = {"id": products[0].product_id, "label": products[0].name, "kind": "product"}
        text = render(runtime, state, "ask_compare_with", product=products[0].name)
        asked = {"focus": named, "task": {"intent": "compare_products"}, "awaiting": "product"}
        return {**asked, "reply": reply(text, "compare_products", awaiting("product"))}
    if len(products) < 2:
        return {"reply": reply(render(runtime, state, "ask_compare"), "compare_products", awaiting("product"))}
    guide = runtime.context.knowledge.guide(products[0].category_id)
    keys = [(a.key, a.label) for a in guide.decisive_attributes] if guide else [("crude_protein_pct", "Crude protein")]
    rows = [{"attribute": label, "values": [_value(p, key) or "-" for p in products]} for key, label in keys]
    rows.append({"attribute": "Price", "values": [card(p)["price"] for p in products]})
    table: ReplyPart = {"kind": "comparison", "data": {"products": [p.name for p in products], "rows": rows}}
    takeaway = _takeaway(products, guide.decisive_attributes if guide else [], turn_text(state))
    text = render(runtime, state, "compare_intro") + " " + takeaway
    done = {"shown": shown_of(products), "task": None, "awaiting": None}
    return {**done, "reply": reply(text, "compare_products", table)}


def _takeaway(products: list[Product], attributes: list[Any], question: str) -> str:
    asked = [key for pattern, key in _ASKS if pattern.search(question)]
    for key in asked:
        scored = [(getattr(p.attributes, key, None), p.name) for p in products]
        numeric = [(v, n) for v, n in scored if isinstance(v, int | float) and not isinstance(v, bool)]
        if len(numeric) >= 2:
            best = max(numeric)
            label = key.replace("_pct", "").replace("_", " ")
            unit = "%" if key.endswith("_pct") else ""
            return f"{best[1]} has the most {label} ({best[0]:g}{unit})."
    for attribute in attributes:
        if getattr(attribute, "better", None) == "higher":
            scored = [(getattr(p.attributes, attribute.key, None), p.name) for p in products]
            numeric = [(v, n) for v, n in scored if isinstance(v, int | float)]
            if len(numeric) >= 2:
                best = max(numeric)
                return f"{best[1]} has the most {attribute.label.lower()} ({best[0]:g}{attribute.unit or ''})."
    cheapest = min(products, key=lambda p: min(v.price_cents for v in p.variants))
    return f"{cheapest.name} is the most affordable."
