"""View models: derived read results (tracking, return eligibility and status, store summary)."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from connectors.orders.common_models import StoreModel, UtcDatetime
from connectors.orders.order_models import Exchange, OrderStatus, Refund, ReturnRequest, Shipment, TrackingEvent
from connectors.orders.shop_data import ShopData, shop_hash


class Tracking(StoreModel):
    """Where an order's parcels are."""

    order_number: str
    status: OrderStatus
    shipments: list[Shipment]
    latest_event: TrackingEvent | None = Field(description="The most recent scan over all parcels.")
    estimated_delivery: date | None


class LineEligibility(StoreModel):
    """How much of one order line can still be returned or exchanged, and if none, why."""

    sku: str
    product_name: str
    variant_name: str
    ordered: int
    returned: int = Field(description="Units in return requests, received or not.")
    exchanged: int
    returnable: int
    reason: str | None = Field(description="Error code explaining why nothing is returnable.")


class ReturnStatus(StoreModel):
    """Everything about returns, exchanges and refunds of one order."""

    order_number: str
    status: OrderStatus
    delivered_at: UtcDatetime | None
    return_deadline: UtcDatetime | None = Field(description="Last instant a return may be requested.")
    window_open: bool
    lines: list[LineEligibility]
    returns: list[ReturnRequest]
    exchanges: list[Exchange]
    refunds: list[Refund]
    refunded_cents: int
    refundable_cents: int


class StoreSummary(StoreModel):
    """Counts for `shopclerk store show`."""

    shop_name: str
    as_of: UtcDatetime
    categories: int
    products: int
    variants: int
    out_of_stock_variants: int
    customers: int
    orders: int
    orders_by_status: dict[str, int]
    returns: int
    refunds: int
    audit_records: int
    state_hash: str

    @classmethod
    def of(cls, data: ShopData, audit_records: int) -> StoreSummary:
        by_status = {status.value: 0 for status in OrderStatus}
        for order in data.orders:
            by_status[order.status.value] += 1
        variants = [v for p in data.products for v in p.variants]
        return cls(
            shop_name=data.shop.name,
            as_of=data.as_of,
            categories=len(data.categories),
            products=len(data.products),
            variants=len(variants),
            out_of_stock_variants=sum(1 for v in variants if not v.in_stock),
            customers=len(data.customers),
            orders=len(data.orders),
            orders_by_status=by_status,
            returns=sum(len(o.returns) for o in data.orders),
            refunds=sum(len(o.refunds) for o in data.orders),
            audit_records=audit_records,
            state_hash=shop_hash(data),
        )
