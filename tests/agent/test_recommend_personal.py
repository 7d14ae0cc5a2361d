"""Recommendations for a known customer: their pet (named, its age), what they bought, what goes with it."""

from __future__ import annotations

from typing import Any

from connectors.assemble import Runtime


def _say(rt: Runtime, cid: str, text: str, customer: str | None = None) -> tuple[str, dict[str, Any]]:
    reply, _ = rt.conversations.send(cid, text, customer)
    return reply["text"], {part["kind"]: part.get("data") for part in reply["parts"]}


def test_the_named_pet_decides_species_and_age(rt: Runtime) -> None:
    text, parts = _say(rt, "r-simba", "What food should I get for Simba?", "C-1010")  # Simba: a kitten; Luna: a dog
    cards = parts["product_cards"]
    assert all(card["reason"] for card in cards)
    assert "Kitten" in text and "Puppy" not in text
    assert "Simba (kitten" in text


def test_a_reorder_comes_first_with_when_it_was_bought(rt: Runtime) -> None:
    _text, parts = _say(rt, "r-litter", "I need more litter, what do you suggest?", "C-1021")
    cards = parts["product_cards"]
    bought = {p.name for p in rt.orders.get_customer_profile("C-1021").purchases}
    assert cards[0]["name"] in bought and "bought it before" in cards[0]["reason"]


def test_a_companion_product_goes_with_the_picks(rt: Runtime) -> None:
    text, parts = _say(rt, "r-companion", "any treats you'd suggest for Luna?", "C-1010")
    cards = parts["product_cards"]
    assert "goes well with" in cards[-1]["reason"]
    assert "Luna (senior dog" in text


def test_needs_in_the_question_filter_the_picks(rt: Runtime) -> None:
    text, parts = _say(rt, "r-dust", "Which litter is best for a cat with asthma? It needs to be low dust.")
    catalog = {p.name: p for p in rt.orders.export_shop().products}
    names = [card["name"] for card in parts["product_cards"]]
    assert names and all(getattr(catalog[name].attributes, "dust_free", False) for name in names)
    text, parts = _say(rt, "r-chew", "What toy would survive my dog? He destroys everything.")
    assert "Plush" not in text


def test_which_has_more_of_an_attribute_is_answered_by_that_attribute(rt: Runtime) -> None:
    text, parts = _say(rt, "r-protein", "Which has more protein, Nibbles Tuna Flakes or Nibbles Salmon Crunchies?")
    assert "comparison" in parts
    assert "Tuna Flakes has the most crude protein" in text
