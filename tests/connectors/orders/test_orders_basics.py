"""Building blocks: the order-number format, addresses, clocks, search words, argument checks, transitions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from connectors.orders.catalog_search import tokens
from connectors.orders.clock import DEMO_NOW, FixedClock, SystemClock, iso, parse_iso
from connectors.orders.common_models import Address
from connectors.orders.errors import InvalidOrderNumber, InvalidRequest, OrderSystemError
from connectors.orders.order_models import ALLOWED_TRANSITIONS, OrderStatus, ReturnLine, is_legal_transition
from connectors.orders.order_numbers import (
    find_order_numbers,
    format_order_number,
    normalize_order_number,
    tracking_number,
)
from connectors.orders.rules import clean_reason, coerce


@pytest.mark.parametrize("typed", ["PS-100234", "ps-100234", "PS 100234", "#PS100234", "  ps100234 "])
def test_order_numbers_are_normalised(typed: str) -> None:
    assert normalize_order_number(typed) == "PS-100234"


@pytest.mark.parametrize("typed", ["100234", "PS-10023", "PS-1002345", "P-100234", "order PS-100234", ""])
def test_non_order_numbers_are_refused(typed: str) -> None:
    with pytest.raises(InvalidOrderNumber) as caught:
        normalize_order_number(typed)
    assert caught.value.code == "invalid_order_number" and "PS-100234" in caught.value.message


@given(prefix=st.from_regex(r"[A-Z]{2,4}", fullmatch=True), number=st.integers(0, 999_999), style=st.integers(0, 3))
def test_any_spelling_of_an_order_number_normalises_to_the_canonical_one(prefix: str, number: int, style: int) -> None:
    canonical = format_order_number(prefix, number)
    digits = canonical.split("-")[1]
    spelled = [canonical, f"{prefix.lower()} {digits}", f"#{prefix}{digits}", f"{prefix.lower()}-{digits}"][style]
    assert normalize_order_number(spelled) == canonical


def test_order_numbers_are_found_in_free_text() -> None:
    text = "My order ps 100234 never came, and #PS100240 neither (zip 902101). Again: PS-100234."
    assert find_order_numbers(text, prefix="PS") == ["PS-100234", "PS-100240"]
    assert find_order_numbers("ZIP-902101 is not an order", prefix="PS") == []


def test_tracking_numbers_look_like_the_carriers_and_are_stable() -> None:
    assert tracking_number("UPS", "SH-100001-1").startswith("1Z") and len(tracking_number("UPS", "x")) == 18
    assert tracking_number("USPS", "x").startswith("9400") and len(tracking_number("USPS", "x")) == 22
    assert tracking_number("FedEx", "x").isdigit() and len(tracking_number("FedEx", "x")) == 12
    assert tracking_number("UPS", "a") == tracking_number("UPS", "a") != tracking_number("UPS", "b")
    with pytest.raises(ValueError, match="carrier"):
        tracking_number("DHL", "x")


def test_addresses_check_postal_codes_by_country() -> None:
    base = {"name": "A B", "line1": "1 Main St", "city": "Austin", "region": "TX"}
    assert Address(**base, postal_code="78701").country == "US"
    assert Address(**base, postal_code="78701-1234").postal_code == "78701-1234"
    assert Address(**base, postal_code="SW1A 1AA", country="GB").one_line().endswith("SW1A 1AA, GB")
    for bad in ({"postal_code": "7870"}, {"postal_code": "ABCDE"}, {"postal_code": "78701", "country": "usa"}):
        with pytest.raises(ValidationError):
            Address(**{**base, **bad})


def test_fixed_clock_moves_only_when_told() -> None:
    clock = FixedClock(datetime(2025, 1, 1, 12, 0, 0, 999, tzinfo=timezone(timedelta(hours=2))))
    assert clock.now() == datetime(2025, 1, 1, 10, 0, tzinfo=UTC)
    assert clock.advance(timedelta(days=2)) == datetime(2025, 1, 3, 10, 0, tzinfo=UTC) == clock.now()
    with pytest.raises(ValueError, match="forward"):
        clock.advance(timedelta(seconds=-1))
    assert abs(SystemClock().now() - datetime.now(UTC)) < timedelta(seconds=5)
    assert parse_iso(iso(DEMO_NOW)) == DEMO_NOW and iso(DEMO_NOW) == "2025-06-02T10:00:00Z"
    with pytest.raises(ValueError, match="timezone"):
        iso(datetime(2025, 1, 1))


def test_search_words_drop_stop_words_and_plurals() -> None:
    assert tokens("The Hairball-Control treats for my kitties") == ["hairball", "control", "treat", "kitty"]


def test_arguments_are_checked_into_invalid_request() -> None:
    assert coerce(list[ReturnLine], [{"sku": "CF01-2KG", "quantity": 2}], "items")[0].quantity == 2
    with pytest.raises(InvalidRequest, match=r"invalid items at 0\.quantity"):
        coerce(list[ReturnLine], [{"sku": "CF01-2KG", "quantity": 0}], "items")
    assert clean_reason("  too big  ") == "too big"
    for bad in ("", "   ", "x" * 501):
        with pytest.raises(InvalidRequest):
            clean_reason(bad)


def test_errors_carry_a_code_a_message_and_details() -> None:
    exc = InvalidOrderNumber("abc")
    assert isinstance(exc, OrderSystemError)
    assert exc.to_dict() == {"code": "invalid_order_number", "message": exc.message, "text": "abc"}


def test_transition_table_is_a_forward_only_lifecycle() -> None:
    assert ALLOWED_TRANSITIONS[OrderStatus.CANCELLED] == frozenset()
    assert is_legal_transition(OrderStatus.SHIPPED, OrderStatus.SHIPPED)
    assert not is_legal_transition(OrderStatus.SHIPPED, OrderStatus.CANCELLED)
    assert not is_legal_transition(OrderStatus.DELIVERED, OrderStatus.PENDING)
    reachable = {OrderStatus.PENDING}
    frontier = [OrderStatus.PENDING]
    while frontier:
        for target in ALLOWED_TRANSITIONS[frontier.pop()]:
            if target not in reachable:
                reachable.add(target)
                frontier.append(target)
    assert reachable == set(OrderStatus)
