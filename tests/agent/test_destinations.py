"""Whether a destination is abroad is decided by the shop's own list of countries, not by a list of places."""

from __future__ import annotations

from typing import Any

import pytest

from agent.tools.address import destination_country
from agent.tools.shop_rules import ShopRules
from connectors.assemble import Runtime


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("77 Birchwood Ln, Fort Collins, CO 80524", "US"),
        ("please send it to my cousin in Montreal", "CA"),
        ("the flat is at EH1 2NG", "GB"),
        ("my parents live in Madrid", "ES"),
        ("the puzzle ball is for my cat", None),
    ],
)
def test_the_country_of_a_destination_is_read_from_the_message(text: str, country: str | None) -> None:
    assert destination_country(text) == country


def test_abroad_is_relative_to_the_shops_own_countries() -> None:
    us_only, with_canada = ShopRules(ship_to_countries=("US",)), ShopRules(ship_to_countries=("US", "CA"))
    place = destination_country("ship it to Montreal")
    assert us_only.does_not_ship_to(place) and not with_canada.does_not_ship_to(place)
    assert not us_only.does_not_ship_to(None)


def test_an_order_sent_abroad_is_refused_with_the_shops_countries(rt: Runtime) -> None:
    message = "could you ship PS-100673 to my cousin in Montreal instead?"
    reply, _ = rt.conversations.send("dest-abroad", message, "C-1043")
    parts: dict[str, Any] = {p["kind"]: p.get("data") for p in reply["parts"]}
    assert "the United States" in reply["text"]
    assert "awaiting" not in parts or parts["awaiting"].get("awaiting") != "confirm"
    assert rt.orders.get_order("C-1043", "PS-100673").shipping_address.country == "US"
    assert [r for r in rt.orders.audit_log() if r.operation == "change_shipping_address"] == []
