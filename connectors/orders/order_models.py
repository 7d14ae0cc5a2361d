"""Order models: statuses and their legal transitions, items, payment, refunds, shipments, returns, exchanges."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from connectors.orders.common_models import Address, Cents, StoreModel, Text, UtcDatetime
from connectors.orders.customer_models import CustomerId

OrderNumber = Annotated[
    str, Field(pattern=r"^[A-Z]{2,4}-\d{6}$", description='Shop prefix, dash, six digits: "PS-100234".')
]
Sku = Annotated[str, Field(pattern=r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$", max_length=40)]
Quantity = Annotated[int, Field(ge=1, le=999)]
Reason = Annotated[str, Field(min_length=1, max_length=500)]


class OrderStatus(StrEnum):
    """Where an order is in its life."""

    PENDING = "pending"
    PROCESSING = "processing"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    RETURN_REQUESTED = "return_requested"
    RETURNED = "returned"
    EXCHANGED = "exchanged"


S = OrderStatus
# Every status change the store may make; anything else is refused (in code and by a schema trigger).
ALLOWED_TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    S.PENDING: frozenset({S.PROCESSING, S.CANCELLED}),
    S.PROCESSING: frozenset({S.SHIPPED, S.CANCELLED}),
    S.SHIPPED: frozenset({S.DELIVERED}),
    S.DELIVERED: frozenset({S.RETURN_REQUESTED, S.EXCHANGED}),
    S.RETURN_REQUESTED: frozenset({S.RETURNED, S.EXCHANGED}),
    S.RETURNED: frozenset({S.RETURN_REQUESTED, S.EXCHANGED}),
    S.EXCHANGED: frozenset({S.RETURN_REQUESTED, S.RETURNED}),
    S.CANCELLED: frozenset(),
}
BEFORE_SHIPMENT = frozenset({S.PENDING, S.PROCESSING})
AFTER_DELIVERY = frozenset({S.DELIVERED, S.RETURN_REQUESTED, S.RETURNED, S.EXCHANGED})


def is_legal_transition(old: OrderStatus, new: OrderStatus) -> bool:
    """Staying put is always legal; a change must be listed in `ALLOWED_TRANSITIONS`."""
    return old == new or new in ALLOWED_TRANSITIONS[old]


class OrderItem(StoreModel):
    """One line of an order, priced as it was sold."""

    line_no: Annotated[int, Field(ge=1)]
    sku: Sku
    product_id: Text
    product_name: Text
    variant_name: Text
    quantity: Quantity
    unit_price_cents: Cents

    @property
    def line_total_cents(self) -> int:
        return self.quantity * self.unit_price_cents


class Payment(StoreModel):
    """The order's payment; every refund goes back to it, and never beyond what it captured."""

    payment_id: Annotated[str, Field(pattern=r"^PAY-[A-Z0-9-]+$")]
    method: Literal["card", "paypal", "gift_card"]
    label: Text = Field(description='How the shopper knows it, e.g. "Visa ending 4242".')
    captured_cents: Cents
    refunded_cents: Cents = Field(description="Sum of all refunds of this payment, pending or issued.")

    @property
    def refundable_cents(self) -> int:
        return self.captured_cents - self.refunded_cents


class Refund(StoreModel):
    """Money going back to the order's original payment."""

    refund_id: Annotated[str, Field(pattern=r"^RF-[A-Z0-9-]+$")]
    payment_id: str
    amount_cents: Annotated[int, Field(gt=0)]
    reason: Literal["cancellation", "return", "exchange_difference", "item_change"]
    status: Literal["pending", "issued"] = Field(description="pending: waits for the returned goods.")
    created_at: UtcDatetime
    issued_at: UtcDatetime | None = None
    return_id: str | None = None
    exchange_id: str | None = None


ShipmentStatus = Literal["label_created", "in_transit", "out_for_delivery", "delivered"]


class TrackingEvent(StoreModel):
    """One scan of a parcel."""

    at: UtcDatetime
    status: ShipmentStatus
    location: Text
    description: Text


class Shipment(StoreModel):
    """A parcel: the order itself, or the replacement of an exchange."""

    shipment_id: Annotated[str, Field(pattern=r"^SH-[A-Z0-9-]+$")]
    purpose: Literal["order", "exchange"]
    carrier: Literal["UPS", "USPS", "FedEx"]
    tracking_number: Annotated[str, Field(pattern=r"^[A-Z0-9]{10,30}$")]
    status: ShipmentStatus
    shipped_at: UtcDatetime | None = None
    estimated_delivery: date | None = None
    delivered_at: UtcDatetime | None = None
    events: list[TrackingEvent] = Field(default_factory=list, description="Oldest first.")


class ReturnLine(StoreModel):
    """Units of one order line being returned."""

    sku: Sku
    quantity: Quantity


class ReturnRequest(StoreModel):
    """A return of delivered items; its refund is pending until the shop receives them."""

    return_id: Annotated[str, Field(pattern=r"^RT-[A-Z0-9-]+$")]
    status: Literal["requested", "received"]
    reason: Reason
    created_at: UtcDatetime
    received_at: UtcDatetime | None = None
    items: list[ReturnLine] = Field(min_length=1)
    refund_id: str | None = None


class ExchangeLine(StoreModel):
    """Units of one order line swapped for another variant of the same product."""

    sku: Sku
    to_sku: Sku
    quantity: Quantity


class Exchange(StoreModel):
    """An exchange; the replacement ships at once, a cheaper variant refunds the difference."""

    exchange_id: Annotated[str, Field(pattern=r"^EX-[A-Z0-9-]+$")]
    status: Literal["requested", "completed"]
    reason: Reason
    created_at: UtcDatetime
    items: list[ExchangeLine] = Field(min_length=1)
    shipment_id: str
    refund_id: str | None = None


class Order(StoreModel):
    """An order with everything that happened to it."""

    order_number: OrderNumber
    customer_id: CustomerId
    status: OrderStatus
    placed_at: UtcDatetime
    updated_at: UtcDatetime
    shipping_address: Address
    items: list[OrderItem] = Field(min_length=1)
    shipping_cents: Cents
    subtotal_cents: Cents = Field(description="Sum of the items' quantity x unit price.")
    total_cents: Cents = Field(description="subtotal_cents + shipping_cents; what was charged.")
    payment: Payment
    shipments: list[Shipment] = Field(default_factory=list)
    returns: list[ReturnRequest] = Field(default_factory=list)
    exchanges: list[Exchange] = Field(default_factory=list)
    refunds: list[Refund] = Field(default_factory=list)
    delivered_at: UtcDatetime | None = None
    cancelled_at: UtcDatetime | None = None
    cancel_reason: Reason | None = None

    def item(self, sku: str) -> OrderItem | None:
        return next((item for item in self.items if item.sku == sku), None)


class OrderSummary(StoreModel):
    """One line of a customer's order list."""

    order_number: str
    status: OrderStatus
    placed_at: UtcDatetime
    total_cents: int
    item_count: int = Field(description="Units over all lines.")
    products: list[str] = Field(description="Product names, in line order.")
