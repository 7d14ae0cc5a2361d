"""Customer-facing reads on the SQLite store: identification, profile, tracking, return status."""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from datetime import datetime

from connectors.orders.customer_models import Customer, CustomerProfile, PetView, PurchasedProduct
from connectors.orders.errors import (
    AlreadyCancelled,
    AmbiguousCustomer,
    CustomerNotFound,
    InvalidRequest,
    NotDelivered,
    NotReturnable,
    QuantityExceeded,
    ReturnWindowClosed,
)
from connectors.orders.order_models import AFTER_DELIVERY, BEFORE_SHIPMENT, Order, OrderStatus
from connectors.orders.rules import return_deadline, used_quantities
from connectors.orders.shop_data import ShopPolicy
from connectors.orders.sqlite_after_sales import products_by_id
from connectors.orders.sqlite_put import phone_digits
from connectors.orders.sqlite_rows import load_customers, load_orders
from connectors.orders.view_models import LineEligibility, ReturnStatus, Tracking


def _postal_key(code: str) -> str:
    key = re.sub(r"[\s-]", "", code).upper()
    return key[:5] if key.isdigit() else key


def find_customer(
    conn: sqlite3.Connection, email: str | None, phone: str | None, name: str | None, postal_code: str | None
) -> Customer:
    if email and email.strip():
        found = load_customers(conn, "WHERE email = ? COLLATE NOCASE", (email.strip(),))
    elif postal_code and postal_code.strip() and ((phone and phone.strip()) or (name and name.strip())):
        clauses, params = [], []
        if phone and phone.strip():
            clauses.append("phone_digits = ?")
            params.append(phone_digits(phone))
        if name and name.strip():
            clauses.append("lower(name) = ?")
            params.append(" ".join(name.split()).lower())
        candidates = load_customers(conn, "WHERE " + " AND ".join(clauses), params)
        found = [c for c in candidates if _postal_key(c.default_address.postal_code) == _postal_key(postal_code)]
    else:
        raise InvalidRequest("identify a customer by email, or by phone or name together with the postal code")
    if not found:
        raise CustomerNotFound("no customer matches those details")
    if len(found) > 1:
        raise AmbiguousCustomer(len(found))
    return found[0]


def customer_by_id(conn: sqlite3.Connection, customer_id: str) -> Customer:
    found = load_customers(conn, "WHERE customer_id = ?", (customer_id,))
    if not found:
        raise CustomerNotFound(f"no customer {customer_id!r}", customer_id=customer_id)
    return found[0]


def profile(conn: sqlite3.Connection, now: datetime, customer_id: str) -> CustomerProfile:
    customer = customer_by_id(conn, customer_id)
    orders = load_orders(conn, "WHERE customer_id = ?", (customer_id,))
    bought: dict[str, tuple[str, int, datetime]] = {}
    quantities: dict[str, int] = defaultdict(int)
    for order in sorted(orders, key=lambda o: o.placed_at):
        if order.status == OrderStatus.CANCELLED:
            continue
        for item in order.items:
            quantities[item.product_id] += item.quantity
            bought[item.product_id] = (item.product_name, quantities[item.product_id], order.placed_at)
    purchases = sorted(
        (
            PurchasedProduct(product_id=pid, name=name, quantity=qty, last_ordered_at=at)
            for pid, (name, qty, at) in bought.items()
        ),
        key=lambda p: (p.last_ordered_at, p.product_id),
        reverse=True,
    )
    return CustomerProfile(
        customer_id=customer.customer_id,
        name=customer.name,
        email=customer.email,
        phone=customer.phone,
        default_address=customer.default_address,
        pets=[
            PetView(**pet.model_dump(), age_months=pet.age_months(now.date())) for pet in customer.pets
        ],
        order_count=len(orders),
        open_order_count=sum(1 for o in orders if o.status in BEFORE_SHIPMENT),
        spent_cents=sum(o.payment.captured_cents - o.payment.refunded_cents for o in orders),
        last_order_at=max((o.placed_at for o in orders), default=None),
        purchases=purchases,
    )


def tracking(order: Order) -> Tracking:
    events = [event for shipment in order.shipments for event in shipment.events]
    pending = [s for s in order.shipments if s.status != "delivered" and s.estimated_delivery is not None]
    return Tracking(
        order_number=order.order_number,
        status=order.status,
        shipments=order.shipments,
        latest_event=max(reversed(events), key=lambda e: e.at) if events else None,  # ties: the later scan
        estimated_delivery=max(s.estimated_delivery for s in pending if s.estimated_delivery) if pending else None,
    )


def return_status(conn: sqlite3.Connection, now: datetime, policy: ShopPolicy, order: Order) -> ReturnStatus:
    deadline = return_deadline(order, policy)
    window_open = deadline is not None and now <= deadline and order.status in AFTER_DELIVERY
    products = products_by_id(conn, [item.product_id for item in order.items])
    returned, exchanged = used_quantities(order)
    lines = []
    for item in order.items:
        left = item.quantity - returned[item.sku] - exchanged[item.sku]
        reason: str | None = None
        if order.status == OrderStatus.CANCELLED:
            reason = AlreadyCancelled.code
        elif order.status not in AFTER_DELIVERY:
            reason = NotDelivered.code
        elif not window_open:
            reason = ReturnWindowClosed.code
        elif item.product_id in products and not products[item.product_id].returnable:
            reason = NotReturnable.code
        elif left <= 0:
            reason = QuantityExceeded.code
        lines.append(
            LineEligibility(
                sku=item.sku,
                product_name=item.product_name,
                variant_name=item.variant_name,
                ordered=item.quantity,
                returned=returned[item.sku],
                exchanged=exchanged[item.sku],
                returnable=0 if reason else left,
                reason=reason,
            )
        )
    return ReturnStatus(
        order_number=order.order_number,
        status=order.status,
        delivered_at=order.delivered_at,
        return_deadline=deadline,
        window_open=window_open,
        lines=lines,
        returns=order.returns,
        exchanges=order.exchanges,
        refunds=order.refunds,
        refunded_cents=order.payment.refunded_cents,
        refundable_cents=order.payment.refundable_cents,
    )
