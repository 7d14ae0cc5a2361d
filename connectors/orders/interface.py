"""The order system's typed interface: what the agent may read and do, free of any back end."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol

from connectors.orders.catalog_models import Category, Product, StockLevel, Variant
from connectors.orders.common_models import Address
from connectors.orders.customer_models import Customer, CustomerProfile
from connectors.orders.order_models import ExchangeLine, Order, OrderStatus, OrderSummary, ReturnLine
from connectors.orders.shop_data import ShopData
from connectors.orders.view_models import ReturnStatus, StoreSummary, Tracking
from connectors.orders.write_models import (
    AddressChangeResult,
    AuditRecord,
    CancelResult,
    CustomerResult,
    ExchangeResult,
    ItemChange,
    ModifyItemsResult,
    ReturnResult,
)


class OrderSystem(Protocol):
    """What the agent's tools call. Every order operation acts for one identified customer.

    Rules are enforced behind this interface whatever the caller asks; refusals are `OrderSystemError`
    subclasses with a stable `code`. Another customer's order is `OrderNotFound`, exactly like a missing
    one. Every write takes an `idempotency_key`: the same key with the same arguments returns the first
    result without a second effect; the same key with other arguments raises `IdempotencyKeyReused`.
    """

    # -- identification and customers
    def find_customer(
        self,
        *,
        email: str | None = None,
        phone: str | None = None,
        name: str | None = None,
        postal_code: str | None = None,
    ) -> Customer:
        """By email alone, or by phone or name together with the default address's postal code."""
        ...

    def get_customer_profile(self, customer_id: str) -> CustomerProfile: ...

    # -- orders (reads)
    def list_orders(self, customer_id: str, *, status: OrderStatus | None = None) -> list[OrderSummary]:
        """Newest first."""
        ...

    def get_order(self, customer_id: str, order_number: str) -> Order: ...

    def track_order(self, customer_id: str, order_number: str) -> Tracking: ...

    def get_return_status(self, customer_id: str, order_number: str) -> ReturnStatus:
        """Returns, exchanges, refunds, the return deadline and what each line may still return."""
        ...

    # -- catalog (no customer needed)
    def list_categories(self) -> list[Category]: ...

    def search_products(
        self, query: str, *, category_id: str | None = None, in_stock_only: bool = False, limit: int = 10
    ) -> list[Product]:
        """Best matches first, over names, brands, aliases, attributes and descriptions."""
        ...

    def get_product(self, product_id: str) -> Product: ...

    def get_variant(self, sku: str) -> Variant: ...

    def get_stock(self, sku: str) -> StockLevel: ...

    # -- writes
    def cancel_order(
        self, customer_id: str, order_number: str, *, reason: str, idempotency_key: str
    ) -> CancelResult:
        """Before shipment only; restocks the items and refunds everything captured."""
        ...

    def request_return(
        self,
        customer_id: str,
        order_number: str,
        items: Sequence[ReturnLine],
        *,
        reason: str,
        idempotency_key: str,
    ) -> ReturnResult:
        """Delivered, returnable items within the window; the refund is pending until they arrive."""
        ...

    def request_exchange(
        self,
        customer_id: str,
        order_number: str,
        items: Sequence[ExchangeLine],
        *,
        reason: str,
        idempotency_key: str,
    ) -> ExchangeResult:
        """Delivered items within the window, for an in-stock variant of the same product, same price or less."""
        ...

    def change_shipping_address(
        self, customer_id: str, order_number: str, address: Address, *, idempotency_key: str
    ) -> AddressChangeResult:
        """Before shipment only, to a country the shop ships to."""
        ...

    def modify_items(
        self, customer_id: str, order_number: str, changes: Sequence[ItemChange], *, idempotency_key: str
    ) -> ModifyItemsResult:
        """Before shipment only; set quantities (0 removes), add in-stock variants; never empties the order."""
        ...

    def change_default_address(
        self, customer_id: str, address: Address, *, idempotency_key: str
    ) -> CustomerResult: ...


Carrier = Literal["UPS", "USPS", "FedEx"]


class Fulfilment(Protocol):
    """The merchant's side, acting as "merchant": what moves orders along (tests and evals use it)."""

    def start_processing(self, order_number: str, *, idempotency_key: str) -> Order: ...

    def ship_order(self, order_number: str, *, carrier: Carrier, idempotency_key: str) -> Order: ...

    def deliver_order(self, order_number: str, *, idempotency_key: str) -> Order: ...

    def receive_return(self, return_id: str, *, idempotency_key: str) -> Order:
        """The returned goods arrived: restock them, issue the refund."""
        ...


class StoreAdmin(Protocol):
    """Whole-store operations: snapshot, hash, audit, load (the CLI and the eval suite use them)."""

    def export_shop(self) -> ShopData: ...

    def import_shop(self, data: ShopData) -> None: ...

    def state_hash(self) -> str: ...

    def audit_log(self, *, since_seq: int = 0) -> list[AuditRecord]: ...

    def summary(self) -> StoreSummary: ...
