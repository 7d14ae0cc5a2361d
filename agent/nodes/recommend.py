"""Recommendation skill: products for the pet and the need, and for a known customer their reorders and companions."""

from __future__ import annotations

import re
from typing import Any

from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.nodes.common import awaiting, options, render, reply, turn_text
from agent.nodes.products import card, shown_of
from agent.state import ConversationState, ReplyPart
from agent.tools.pets import said_species as said_species_of
from agent.tools.pets import stage_of_months
from agent.tools.picks import Need, category_of, companions, fits, life_stage, pet_words, rank, read_need, the_pet
from connectors.orders.catalog_models import Product
from connectors.orders.customer_models import CustomerProfile
from connectors.orders.errors import ProductNotFound

_SENIOR = re.compile(r"\b(senior|older|elderly|aging|ageing)\b|\bold\s+(cat|dog|boy|girl|lady|guy)\b", re.I)
_AGE = re.compile(
    r"\b(?:is|she'?s|he'?s|it'?s|they'?re|aged?|turned|turning)\s+(\d{1,2})\b\s*(months?|mos?|years?|yrs?|y/?o)?"
    r"|\b(\d{1,2})\s*(months?|mos?|years?|yrs?|y/?o)\s*old\b",
    re.I,
)
MAX_PICKS = 3


def _stage_of_age(text: str, species: str | None) -> str | None:
    """'she's 12', '8 months old', '3 yrs': the life stage that age means for the species."""
    found = _AGE.search(text)
    if found is None or species is None:
        return None
    number, unit = found.group(1) or found.group(3), (found.group(2) or found.group(4) or "").lower()
    months = int(number) * (1 if unit.startswith("mo") else 12)
    return stage_of_months(species, months)


def _need(text: str, prefs: dict[str, Any], profile: CustomerProfile | None) -> Need:
    said_stage: str | None = "senior" if _SENIOR.search(text) else None
    said_species, young = said_species_of(text)
    if young:
        said_stage = "young"
    pet = the_pet(text, profile, said_species or prefs.get("species"))
    if pet is not None:
        prefs["species"], prefs["life_stage"] = pet.species, said_stage or life_stage(pet)
    elif said_species is not None:
        keep = prefs.get("species") == said_species
        stage = said_stage or _stage_of_age(text, said_species) or (prefs.get("life_stage") if keep else None)
        prefs["species"], prefs["life_stage"] = said_species, stage
    elif "species" not in prefs and profile and profile.pets:
        prefs["species"], prefs["life_stage"] = profile.pets[0].species, life_stage(profile.pets[0])
    elif said_stage is not None:
        prefs["life_stage"] = said_stage
    need = Need(species=prefs.get("species"), life_stage=prefs.get("life_stage"), pet=pet)
    return read_need(text, need)


def _catalog(runtime: Runtime[AgentContext], product_ids: list[str]) -> list[Product]:
    products: list[Product] = []
    for product_id in dict.fromkeys(product_ids):
        try:
            products.append(runtime.context.orders.get_product(product_id))
        except ProductNotFound:
            continue
    return products


def _candidates(runtime: Runtime[AgentContext], need: Need, text: str) -> list[Product]:
    """Products the knowledge index finds for the request, then the catalog's matches in the category asked for."""
    stage = need.life_stage if need.life_stage in ("young", "senior") else ""
    query = " ".join(filter(None, [need.species, stage, text]))
    hits = runtime.context.knowledge.search(query, k=15, kinds=["product"]).hits
    found = _catalog(runtime, [pid for hit in hits for pid in hit.product_ids])
    category = category_of(need)
    if category is not None:
        more = runtime.context.orders.search_products(query, category_id=category, in_stock_only=True, limit=20)
        found += [p for p in more if all(p.product_id != f.product_id for f in found)]
    return found


def _history(runtime: Runtime[AgentContext], profile: CustomerProfile, need: Need) -> list[tuple[Product, str]]:
    """What this customer bought before that fits the need again: a reorder, with when they last bought it."""
    bought = _catalog(runtime, [p.product_id for p in profile.purchases])
    when = {p.product_id: p.last_ordered_at for p in profile.purchases}
    again = [p for p in bought if fits(p, need) and category_of(need) is not None]
    return [(p, render_when(when[p.product_id])) for p in again[:1]]


def render_when(moment: Any) -> str:
    return f"{moment:%b %d}"


def recommend(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    prefs = dict(state.get("preferences") or {})
    text = turn_text(state)
    if state.get("awaiting") == "species" and prefs.get("asked"):
        text = f"{prefs.pop('asked')} {text}"
    customer = state.get("customer_id") or state.get("signed_customer")
    profile = runtime.context.orders.get_customer_profile(customer) if customer else None
    need = _need(text, prefs, profile)
    if need.species is None:
        prefs["asked"] = text  # the request itself; the answer to the question only says which pet
        update = {"preferences": prefs, "task": {"intent": "recommend"}, "awaiting": "species"}
        question = render(runtime, state, "ask_species")
        text = render(runtime, state, "recommend_ask", question=question)
        return {**update, "reply": reply(text, "recommend", awaiting("species"))}
    found = _candidates(runtime, need, text)
    picks: list[tuple[Product, str]] = []
    if profile is not None:
        for product, when in _history(runtime, profile, need):
            picks.append((product, render(runtime, state, "reason_reorder", when=when) + "."))
    ranked = rank(found, need)
    if not ranked and need.life_stage == "senior":
        # No senior formula in stock: adult food suits a senior pet too.
        ranked = rank(found, Need(need.species, "adult", need.pet, need.category, need.wants))
    for product, met in ranked:
        if len(picks) >= MAX_PICKS:
            break
        if all(product.product_id != p.product_id for p, _ in picks):
            picks.append((product, _reason(runtime, state, product, met, need)))
    if not picks:
        none = {"preferences": prefs, "task": None, "awaiting": None}
        return {**none, "reply": reply(render(runtime, state, "recommend_none"), "recommend")}
    if profile is not None:
        picks += _companion(runtime, state, profile, need, [p for p, _ in picks])
    lines = [f"{i}. {p.name}: {why}" for i, (p, why) in enumerate(picks, 1)]
    body = render(runtime, state, "recommend_intro") + "\n" + "\n".join(lines)
    cards: ReplyPart = {"kind": "product_cards", "data": [{**card(p), "reason": why} for p, why in picks]}
    shown = shown_of([p for p, _ in picks])
    labels: ReplyPart = {
        "kind": "quick_replies",
        "data": ["Compare the first two", f"Tell me more about {picks[0][0].name}"],
    }
    done: dict[str, Any] = {"preferences": prefs, "task": None, "awaiting": None, "shown": shown}
    return {**done, "reply": reply(body, "recommend", cards, options(shown), labels)}


def _reason(
    runtime: Runtime[AgentContext], state: ConversationState, product: Product, met: list[str], need: Need
) -> str:
    first = product.description.split(".")[0]
    parts = [first[0].lower() + first[1:]] if first else []
    parts += met
    if need.pet is not None:
        parts.append(render(runtime, state, "reason_pet", pet=pet_words(need.pet)))
    return "; ".join(parts) + "."


def _companion(
    runtime: Runtime[AgentContext],
    state: ConversationState,
    profile: CustomerProfile,
    need: Need,
    taken: list[Product],
) -> list[tuple[Product, str]]:
    """One product that goes with what the customer buys (treats with their food, a box with their litter)."""
    category = category_of(need)
    if category is None:
        return []
    bought = {p.product_id for p in profile.purchases}
    base = taken[0]
    for other, words in companions(category):
        companion = Need(species=need.species, life_stage=need.life_stage, category=other)
        query = f"{need.species} {words}"
        hits = runtime.context.knowledge.search(query, k=10, kinds=["product"]).hits
        found = _catalog(runtime, [pid for hit in hits for pid in hit.product_ids])
        found += runtime.context.orders.search_products(query, category_id=other, in_stock_only=True, limit=10)
        for product in found:
            if product.product_id in bought or product in taken or not fits(product, companion):
                continue
            return [(product, render(runtime, state, "reason_companion", item=base.name) + ".")]
    return []
