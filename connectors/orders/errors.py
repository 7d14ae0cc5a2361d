"""Typed errors of the order system: each says why in plain words and carries a stable machine `code`."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from connectors.orders.clock import iso
from connectors.orders.common_models import StoreModel


class OrderSystemError(Exception):
    """Base of every refusal; `code` is stable (tools and evals match on it), `message` is for people."""

    code: ClassVar[str] = "order_system_error"

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, **self.details}


class InvalidRequest(OrderSystemError):
    """The arguments themselves are wrong (empty list, duplicate SKU, malformed key...)."""

    code = "invalid_request"


class InvalidOrderNumber(InvalidRequest):
    code = "invalid_order_number"

    def __init__(self, text: str) -> None:
        super().__init__(f"{text!r} is not an order number; they look like PS-100234", text=text)


class IdempotencyKeyReused(OrderSystemError):
    code = "idempotency_key_reused"

    def __init__(self, key: str, operation: str) -> None:
        super().__init__(
            f"idempotency key {key!r} was already used for a different {operation} request; "
            "use a new key for a new request",
            key=key,
            operation=operation,
        )


class StoreUnavailable(OrderSystemError):
    code = "store_unavailable"


class StoreIntegrityError(OrderSystemError):
    """A schema constraint refused a change the code let through: a bug, stopped before it did harm."""

    code = "integrity_violation"


class StoreNotInitialized(OrderSystemError):
    code = "store_not_initialized"

    def __init__(self, path: str) -> None:
        super().__init__(f"no shop at {path}; run `shopclerk store seed` or `shopclerk store import`", path=path)


class NotFound(OrderSystemError):
    code = "not_found"


class CustomerNotFound(NotFound):
    code = "customer_not_found"


class AmbiguousCustomer(OrderSystemError):
    code = "customer_ambiguous"

    def __init__(self, matches: int) -> None:
        super().__init__(f"{matches} customers match; ask for the email address", matches=matches)


class OrderNotFound(NotFound):
    """Also raised for another customer's order: its existence is not revealed."""

    code = "order_not_found"

    def __init__(self, order_number: str) -> None:
        super().__init__(f"no order {order_number} for this customer", order_number=order_number)


class ProductNotFound(NotFound):
    code = "product_not_found"

    def __init__(self, product_id: str) -> None:
        super().__init__(f"no product {product_id!r}", product_id=product_id)


class VariantNotFound(NotFound):
    code = "variant_not_found"

    def __init__(self, sku: str) -> None:
        super().__init__(f"no variant with SKU {sku!r}", sku=sku)


class ReturnNotFound(NotFound):
    code = "return_not_found"

    def __init__(self, return_id: str) -> None:
        super().__init__(f"no return {return_id!r}", return_id=return_id)


class NotEligible(OrderSystemError):
    """A business rule refuses the request."""

    code = "not_eligible"


class InvalidTransition(NotEligible):
    code = "invalid_transition"

    def __init__(self, order_number: str, status: str, action: str) -> None:
        super().__init__(
            f"order {order_number} is {status}; it cannot be {action}",
            order_number=order_number,
            status=status,
            action=action,
        )


class AlreadyShipped(InvalidTransition):
    code = "already_shipped"

    def __init__(self, order_number: str, status: str, action: str) -> None:
        NotEligible.__init__(
            self,
            f"order {order_number} has already shipped ({status}); it can no longer be {action}",
            order_number=order_number,
            status=status,
            action=action,
        )


class AlreadyCancelled(InvalidTransition):
    code = "already_cancelled"

    def __init__(self, order_number: str, action: str) -> None:
        NotEligible.__init__(
            self,
            f"order {order_number} is cancelled; it cannot be {action}",
            order_number=order_number,
            status="cancelled",
            action=action,
        )


class NotDelivered(InvalidTransition):
    code = "not_delivered"

    def __init__(self, order_number: str, status: str, action: str) -> None:
        NotEligible.__init__(
            self,
            f"order {order_number} has not been delivered yet ({status}); it cannot be {action} before delivery",
            order_number=order_number,
            status=status,
            action=action,
        )


class ReturnWindowClosed(NotEligible):
    code = "return_window_closed"

    def __init__(self, order_number: str, deadline: datetime, window_days: int) -> None:
        super().__init__(
            f"the {window_days}-day return window of order {order_number} closed at {iso(deadline)}",
            order_number=order_number,
            deadline=iso(deadline),
            window_days=window_days,
        )


class ItemNotInOrder(NotEligible):
    code = "item_not_in_order"

    def __init__(self, order_number: str, sku: str) -> None:
        super().__init__(f"order {order_number} has no item {sku}", order_number=order_number, sku=sku)


class NotReturnable(NotEligible):
    code = "not_returnable"

    def __init__(self, sku: str, product_name: str) -> None:
        super().__init__(f"{product_name} ({sku}) is final sale and cannot be returned or exchanged", sku=sku)


class QuantityExceeded(NotEligible):
    code = "quantity_exceeds_returnable"

    def __init__(self, sku: str, requested: int, available: int) -> None:
        super().__init__(
            f"only {available} unit(s) of {sku} can still be returned or exchanged, not {requested}",
            sku=sku,
            requested=requested,
            available=available,
        )


class QuantityLimit(NotEligible):
    code = "quantity_limit"

    def __init__(self, sku: str, requested: int, limit: int) -> None:
        super().__init__(
            f"at most {limit} units of one item per order, not {requested} of {sku}",
            sku=sku,
            requested=requested,
            limit=limit,
        )


class InvalidVariant(NotEligible):
    code = "invalid_variant"

    def __init__(self, sku: str, to_sku: str, why: str) -> None:
        super().__init__(f"cannot exchange {sku} for {to_sku}: {why}", sku=sku, to_sku=to_sku)


class OutOfStock(NotEligible):
    code = "out_of_stock"

    def __init__(self, sku: str, requested: int, available: int) -> None:
        super().__init__(
            f"{sku} has {available} unit(s) in stock, {requested} needed",
            sku=sku,
            requested=requested,
            available=available,
        )


class ExchangePriceHigher(NotEligible):
    code = "exchange_price_higher"

    def __init__(self, sku: str, to_sku: str, difference_cents: int) -> None:
        super().__init__(
            f"{to_sku} costs {difference_cents} cents more than {sku} was bought for; "
            "an exchange cannot charge more, so return it and place a new order",
            sku=sku,
            to_sku=to_sku,
            difference_cents=difference_cents,
        )


class EmptyOrder(NotEligible):
    code = "order_would_be_empty"

    def __init__(self, order_number: str) -> None:
        super().__init__(
            f"the change would leave order {order_number} without items; cancel it instead",
            order_number=order_number,
        )


class DestinationNotServed(NotEligible):
    code = "destination_not_served"

    def __init__(self, country: str, served: list[str]) -> None:
        super().__init__(
            f"the shop does not ship to {country}; it ships to {', '.join(served)}", country=country
        )


class ImportProblem(StoreModel):
    """One reason a shop file was rejected, at the JSON path of the bad field."""

    path: str
    message: str


class ImportRejected(OrderSystemError):
    code = "import_rejected"

    def __init__(self, problems: list[ImportProblem]) -> None:
        lines = "\n".join(f"  {p.path}: {p.message}" for p in problems)
        super().__init__(f"the shop file was rejected ({len(problems)} problem(s)):\n{lines}")
        self.problems = problems
