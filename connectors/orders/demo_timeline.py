"""When things happened to a demo order: placement, shipping, delivery, after-sales, all before the anchor."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from connectors.orders.clock import utc_seconds
from connectors.orders.order_models import OrderStatus, Shipment, TrackingEvent
from connectors.orders.order_numbers import SHIPPING_ORIGIN as WAREHOUSE
from connectors.orders.order_numbers import tracking_number

S = OrderStatus
H = timedelta(hours=1)
D = timedelta(days=1)
HUBS = ("Salt Lake City, UT", "Memphis, TN", "Louisville, KY", "Indianapolis, IN", "Dallas, TX")


def between(rng: random.Random, low: timedelta, high: timedelta) -> timedelta:
    """A random span in [low, high], to the second."""
    return timedelta(seconds=rng.randint(int(low.total_seconds()), int(max(low, high).total_seconds())))


@dataclass(frozen=True)
class Timeline:
    """The moments of one order's life; `after` is when it was cancelled, returned or exchanged."""

    placed: datetime
    shipped: datetime | None = None
    delivered: datetime | None = None
    after: datetime | None = None
    received: datetime | None = None


def timeline(rng: random.Random, status: OrderStatus, now: datetime) -> Timeline:
    """Moments consistent with `status` as seen at `now` (returns inside the 30-day window)."""
    if status == S.PENDING:
        return Timeline(placed=now - between(rng, 10 * timedelta(minutes=1), 18 * H))
    if status == S.PROCESSING:
        return Timeline(placed=now - between(rng, 18 * H, 40 * H))
    if status == S.CANCELLED:
        placed = now - between(rng, D, 120 * D)
        return Timeline(placed=placed, after=placed + between(rng, H / 2, 20 * H))
    if status == S.SHIPPED:
        shipped = now - between(rng, 6 * H, 3 * D)
        return Timeline(placed=shipped - between(rng, 8 * H, 30 * H), shipped=shipped)
    since = {
        S.DELIVERED: (D, 75 * D), S.RETURN_REQUESTED: (4 * D, 26 * D), S.RETURNED: (20 * D, 110 * D),
        S.EXCHANGED: (4 * D, 28 * D),
    }[status]  # fmt: skip
    delivered = now - between(rng, *since)
    shipped = delivered - between(rng, 2 * D, 5 * D)
    placed = shipped - between(rng, 8 * H, 30 * H)
    if status == S.DELIVERED:
        return Timeline(placed=placed, shipped=shipped, delivered=delivered)
    if status == S.RETURNED:
        after = delivered + between(rng, D, min(25 * D, now - delivered - 10 * D))
        return Timeline(placed, shipped, delivered, after, after + between(rng, 3 * D, 8 * D))
    return Timeline(placed, shipped, delivered, delivered + between(rng, D, now - delivered - 2 * H))


def order_shipment(
    rng: random.Random, shipment_id: str, carrier: str, when: Timeline, destination: str, now: datetime
) -> Shipment:
    """The order's parcel with its scans up to delivery, or up to `now` while in transit."""
    assert when.shipped is not None
    events = [
        TrackingEvent(at=when.shipped - between(rng, H, 4 * H), status="label_created", location=WAREHOUSE,
                      description="Shipping label created"),
        TrackingEvent(at=when.shipped, status="in_transit", location=WAREHOUSE, description="Picked up by carrier"),
    ]  # fmt: skip
    arrival = when.shipped + between(rng, 10 * H, 30 * H)
    if arrival < (when.delivered or now):
        events.append(TrackingEvent(at=arrival, status="in_transit", location=rng.choice(HUBS),
                                    description="Arrived at carrier facility"))  # fmt: skip
    status = "in_transit"
    if when.delivered is not None:
        events.append(TrackingEvent(at=when.delivered - between(rng, 2 * H, 6 * H), status="out_for_delivery",
                                    location=destination, description="Out for delivery"))  # fmt: skip
        events.append(TrackingEvent(at=when.delivered, status="delivered", location=destination,
                                    description=rng.choice(("Delivered, left at front door",
                                                            "Delivered, handed to resident"))))  # fmt: skip
        status = "delivered"
    elif now - when.shipped >= 2 * D:
        events.append(TrackingEvent(at=now - between(rng, H, 3 * H), status="out_for_delivery",
                                    location=destination, description="Out for delivery"))  # fmt: skip
        status = "out_for_delivery"
    return Shipment.model_validate(
        {
            "shipment_id": shipment_id, "purpose": "order", "carrier": carrier,
            "tracking_number": tracking_number(carrier, shipment_id), "status": status, "shipped_at": when.shipped,
            "estimated_delivery": (when.shipped + 4 * D).date(), "delivered_at": when.delivered, "events": events,
        }
    )  # fmt: skip


def replacement_shipment(
    rng: random.Random, shipment_id: str, carrier: str, created: datetime, destination: str, now: datetime
) -> Shipment:
    """The replacement parcel of an exchange: delivered if the exchange is old enough, else on its way."""
    events = [TrackingEvent(at=created, status="label_created", location=WAREHOUSE,
                            description="Replacement label created")]  # fmt: skip
    shipped = created + between(rng, 4 * H, 20 * H)
    delivered = shipped + between(rng, 2 * D, 3 * D)
    status = "label_created"
    if shipped < now:
        events.append(TrackingEvent(at=shipped, status="in_transit", location=WAREHOUSE,
                                    description="Picked up by carrier"))  # fmt: skip
        status = "in_transit"
    if delivered < now:
        events.append(TrackingEvent(at=delivered, status="delivered", location=destination,
                                    description="Delivered, left at front door"))  # fmt: skip
        status = "delivered"
    return Shipment.model_validate(
        {
            "shipment_id": shipment_id, "purpose": "exchange", "carrier": carrier,
            "tracking_number": tracking_number(carrier, shipment_id), "status": status,
            "shipped_at": shipped if shipped < now else None, "estimated_delivery": (created + 4 * D).date(),
            "delivered_at": delivered if delivered < now else None, "events": events,
        }
    )  # fmt: skip


def latest(*moments: datetime | None) -> datetime:
    return utc_seconds(max(m for m in moments if m is not None))
