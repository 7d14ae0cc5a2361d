"""Write models: what the write operations take beyond ids, what they return, and the audit record."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from connectors.orders.common_models import StoreModel, UtcDatetime
from connectors.orders.customer_models import Customer
from connectors.orders.order_models import Exchange, Order, Refund, ReturnRequest, Sku

IdempotencyKey = Annotated[
    str,
    Field(
        min_length=8,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="Chosen by the caller, one per intended write; printable ASCII, no spaces.",
    ),
]


class ItemChange(StoreModel):
    """Set the quantity of one SKU in an unshipped order: 0 removes the line, a new SKU adds one."""

    sku: Sku
    quantity: Annotated[int, Field(ge=0, le=999)]


class CancelResult(StoreModel):
    """The cancelled order and the refund of everything it had captured (none if nothing was)."""

    order: Order
    refund: Refund | None


class ReturnResult(StoreModel):
    """The order, the new return request and its pending refund."""

    order: Order
    return_request: ReturnRequest
    refund: Refund | None = Field(description="None only when nothing is left to refund.")


class ExchangeResult(StoreModel):
    """The order, the new exchange and, for a cheaper variant, the refund of the difference."""

    order: Order
    exchange: Exchange
    refund: Refund | None


class ModifyItemsResult(StoreModel):
    """The changed order; a smaller total is refunded, a larger one charged to the same payment."""

    order: Order
    refund: Refund | None
    charged_cents: Annotated[int, Field(ge=0)]


class AddressChangeResult(StoreModel):
    """The order with its new shipping address."""

    order: Order


class CustomerResult(StoreModel):
    """The customer record after the change."""

    customer: Customer


Outcome = Literal["applied", "replayed", "refused"]


class AuditRecord(StoreModel):
    """One write attempt: who, what, when, with which key, and what came of it."""

    seq: int
    at: UtcDatetime
    actor: str = Field(description='A customer id, or "merchant" for fulfilment operations.')
    operation: str
    idempotency_key: str
    params: dict[str, Any]
    outcome: Outcome = Field(description="applied: had an effect; replayed: same key again; refused: an error.")
    error_code: str | None = None
    result: dict[str, Any] | None = None
