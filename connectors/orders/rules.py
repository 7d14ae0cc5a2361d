"""The shop's rules as pure functions over models: the SQLite store (or any back end) calls them in its transactions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from pydantic import TypeAdapter, ValidationError

from connectors.orders.catalog_models import Product, Variant
from connectors.orders.common_models import Address
from connectors.orders.errors import (
    AlreadyCancelled,
    AlreadyShipped,
    DestinationNotServed,
    EmptyOrder,
    ExchangePriceHigher,
    InvalidRequest,
    InvalidTransition,
    InvalidVariant,
    ItemNotInOrder,
    NotDelivered,
    NotReturnable,
    OutOfStock,
    QuantityExceeded,
    QuantityLimit,
    ReturnWindowClosed,
    VariantNotFound,
)
from connectors.orders.order_models import (
    AFTER_DELIVERY,
    BEFORE_SHIPMENT,
    ExchangeLine,
    Order,
    OrderStatus,
    ReturnLine,
    is_legal_transition,
)
from connectors.orders.shop_data import ShopPolicy
from connectors.orders.write_models import ItemChange

T = TypeVar("T")


def coerce(kind: type[T], value: object, what: str) -> T:
    """Validate an argument against a type; a bad one is an `InvalidRequest` naming the problem."""
    try:
        return TypeAdapter(kind).validate_python(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InvalidRequest(f"invalid {what}{' at ' + where if where else ''}: {first['msg']}") from exc


def clean_reason(reason: str) -> str:
    text = reason.strip() if isinstance(reason, str) else ""
    if not 1 <= len(text) <= 500:
        raise InvalidRequest("a reason of 1-500 characters is required")
    return text


def ensure_transition(order: Order, new: OrderStatus, action: str) -> None:
    """Defence in depth: the write paths already checked, this refuses anything off the transition table."""
    if not is_legal_transition(order.status, new):
        raise InvalidTransition(order.order_number, order.status.value, action)


def ensure_before_shipment(order: Order, action: str) -> None:
    if order.status in BEFORE_SHIPMENT:
        return
    if order.status == OrderStatus.CANCELLED:
        raise AlreadyCancelled(order.order_number, action)
    raise AlreadyShipped(order.order_number, order.status.value, action)


def ensure_after_delivery(order: Order, action: str) -> None:
    if order.status in AFTER_DELIVERY and order.delivered_at is not None:
        return
    if order.status == OrderStatus.CANCELLED:
        raise AlreadyCancelled(order.order_number, action)
    raise NotDelivered(order.order_number, order.status.value, action)


def return_deadline(order: Order, policy: ShopPolicy) -> datetime | None:
    """The last instant a return or exchange may be requested: delivery plus the window."""
    if order.delivered_at is None:
        return None
    return order.delivered_at + timedelta(days=policy.return_window_days)


def ensure_window_open(order: Order, policy: ShopPolicy, now: datetime) -> None:
    deadline = return_deadline(order, policy)
    if deadline is not None and now > deadline:
        raise ReturnWindowClosed(order.order_number, deadline, policy.return_window_days)


def ensure_destination(address: Address, policy: ShopPolicy) -> None:
    if address.country not in policy.ship_to_countries:
        raise DestinationNotServed(address.country, policy.ship_to_countries)


def used_quantities(order: Order) -> tuple[Counter[str], Counter[str]]:
    """Units per SKU already in return requests, and already exchanged."""
    returned: Counter[str] = Counter()
    exchanged: Counter[str] = Counter()
    for request in order.returns:
        for line in request.items:
            returned[line.sku] += line.quantity
    for exchange in order.exchanges:
        for swap in exchange.items:
            exchanged[swap.sku] += swap.quantity
    return returned, exchanged


def returnable_quantity(order: Order, sku: str) -> int:
    """Delivered units of `sku` not yet returned or exchanged (replacements are not returnable again)."""
    item = order.item(sku)
    if item is None:
        return 0
    returned, exchanged = used_quantities(order)
    return item.quantity - returned[sku] - exchanged[sku]


def _unique(skus: Sequence[str]) -> None:
    duplicates = sorted(sku for sku, count in Counter(skus).items() if count > 1)
    if duplicates:
        raise InvalidRequest(f"each SKU may appear once per request; repeated: {', '.join(duplicates)}")
    if not skus:
        raise InvalidRequest("name at least one item")


def check_returnable_lines(order: Order, wanted: Sequence[tuple[str, int]], products: dict[str, Product]) -> None:
    """Every (sku, quantity) is in the order, returnable, and within what is left to return."""
    _unique([sku for sku, _ in wanted])
    for sku, quantity in wanted:
        item = order.item(sku)
        if item is None:
            raise ItemNotInOrder(order.order_number, sku)
        product = products.get(item.product_id)
        if product is not None and not product.returnable:
            raise NotReturnable(sku, item.product_name)
        available = returnable_quantity(order, sku)
        if quantity > available:
            raise QuantityExceeded(sku, quantity, available)


def return_value(order: Order, lines: Sequence[ReturnLine]) -> int:
    """What the returned units were sold for, in cents (shipping is not refunded on returns)."""
    total = 0
    for line in lines:
        item = order.item(line.sku)
        if item is None:
            raise ItemNotInOrder(order.order_number, line.sku)
        total += line.quantity * item.unit_price_cents
    return total


def capped_refund(order: Order, amount: int) -> int:
    """A refund never exceeds what is left of the payment; callers skip refunds of 0."""
    return max(0, min(amount, order.payment.refundable_cents))


def check_exchange(order: Order, lines: Sequence[ExchangeLine], variants: dict[str, Variant]) -> int:
    """Validate the swaps against the catalog; return the refund due for cheaper variants, in cents."""
    needed: Counter[str] = Counter()
    difference = 0
    for line in lines:
        item = order.item(line.sku)
        if item is None:
            raise ItemNotInOrder(order.order_number, line.sku)
        target = variants.get(line.to_sku)
        if target is None:
            raise VariantNotFound(line.to_sku)
        if line.to_sku == line.sku:
            raise InvalidVariant(line.sku, line.to_sku, "it is the variant already ordered")
        if target.product_id != item.product_id:
            raise InvalidVariant(line.sku, line.to_sku, "it is a variant of a different product")
        if not target.active:
            raise InvalidVariant(line.sku, line.to_sku, "that variant is no longer sold")
        if target.price_cents > item.unit_price_cents:
            raise ExchangePriceHigher(line.sku, line.to_sku, target.price_cents - item.unit_price_cents)
        needed[line.to_sku] += line.quantity
        difference += (item.unit_price_cents - target.price_cents) * line.quantity
    for sku, quantity in needed.items():
        if variants[sku].stock < quantity:
            raise OutOfStock(sku, quantity, variants[sku].stock)
    return difference


@dataclass(frozen=True)
class PlannedLine:
    """A line of the order after an item change."""

    sku: str
    product_id: str
    product_name: str
    variant_name: str
    quantity: int
    unit_price_cents: int


def plan_item_changes(
    order: Order,
    changes: Sequence[ItemChange],
    variants: dict[str, Variant],
    product_names: dict[str, str],
    policy: ShopPolicy,
) -> tuple[list[PlannedLine], dict[str, int]]:
    """The order's lines after `changes`, and the stock each SKU gives up (negative: returns to stock)."""
    _unique([change.sku for change in changes])
    lines = {
        item.sku: PlannedLine(
            item.sku, item.product_id, item.product_name, item.variant_name, item.quantity, item.unit_price_cents
        )
        for item in order.items
    }
    stock_taken: dict[str, int] = {}
    for change in changes:
        current = lines.get(change.sku)
        if change.quantity > policy.max_quantity_per_line:
            raise QuantityLimit(change.sku, change.quantity, policy.max_quantity_per_line)
        if current is None:
            if change.quantity == 0:
                raise ItemNotInOrder(order.order_number, change.sku)
            variant = variants.get(change.sku)
            if variant is None:
                raise VariantNotFound(change.sku)
            current = PlannedLine(
                variant.sku, variant.product_id, product_names[variant.product_id], variant.name, 0,
                variant.price_cents,
            )
        delta = change.quantity - current.quantity
        variant = variants.get(change.sku)
        available = variant.stock if variant is not None else 0
        if delta > 0 and variant is not None and not variant.active:
            raise InvalidVariant(change.sku, change.sku, "that variant is no longer sold")
        if delta > available:
            raise OutOfStock(change.sku, delta, available)
        stock_taken[change.sku] = delta
        lines[change.sku] = PlannedLine(
            current.sku, current.product_id, current.product_name, current.variant_name, change.quantity,
            current.unit_price_cents,
        )
    kept = [line for line in lines.values() if line.quantity > 0]
    if not kept:
        raise EmptyOrder(order.order_number)
    return kept, {sku: delta for sku, delta in stock_taken.items() if delta}
