"""The fixed mix of shopper messages the latency benchmarks replay, by kind."""

from __future__ import annotations

from dataclasses import dataclass

from connectors.orders.interface import StoreAdmin
from connectors.orders.order_models import OrderStatus


@dataclass(frozen=True)
class Script:
    """One short conversation of a kind: the lines, and the customer it is signed in as (if any)."""

    kind: str
    lines: tuple[str, ...]
    customer: str | None = None


def build_mix(store: StoreAdmin, rounds: int) -> list[list[Script]]:
    """One list of scripts per round over the demo shop; each round cancels a different pending order."""
    data = store.export_shop()
    shipped = next(o for o in data.orders if o.status == OrderStatus.SHIPPED)
    pending = [o for o in data.orders if o.status == OrderStatus.PENDING]
    scripts = [
        Script("faq", ("how long does delivery take?",)),
        Script("faq", ("can I return opened cat food?",)),
        Script("product_facts", ("how much protein is in Whiskerwell Kitten Salmon Growth?",)),
        Script("recommend", ("what food would you recommend for my kitten?",)),
        Script("compare", ("what food would you recommend for my kitten?", "compare the first two")),
        Script("order_status", (f"where is my order {shipped.order_number}?",), shipped.customer_id),
    ]
    return [
        [*scripts, Script("cancel", (f"cancel order {o.order_number}, ordered by mistake", "yes"), o.customer_id)]
        for o in (pending[i % len(pending)] for i in range(rounds))
    ]
