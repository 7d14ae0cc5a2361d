"""Agent fixtures: the real assembled runtime (demo store, knowledge, trained NLU) on a fresh data copy."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from agent.conversation import Conversations
from connectors.assemble import Runtime, open_runtime
from connectors.orders.order_models import OrderStatus
from connectors.settings import Settings


@pytest.fixture
def rt(settings: Settings) -> Iterator[Runtime]:
    with open_runtime(settings) as runtime:
        yield runtime


@pytest.fixture
def chat(rt: Runtime) -> Callable[..., list[str]]:
    """Say several lines in one conversation; return the bot's texts."""

    def say(conversation: str, *lines: str, customer: str | None = None) -> list[str]:
        return [rt.conversations.send(conversation, line, customer)[0]["text"] for line in lines]

    return say


def conversations(rt: Runtime) -> Conversations:
    return rt.conversations


@pytest.fixture
def shopper(rt: Runtime) -> Callable[[OrderStatus, OrderStatus], tuple[str, str, str, str]]:
    """A demo customer having orders in both statuses: (customer id, email, first order, second order)."""

    def find(first: OrderStatus, second: OrderStatus) -> tuple[str, str, str, str]:
        data = rt.orders.export_shop()
        for customer in data.customers:
            mine = [o for o in data.orders if o.customer_id == customer.customer_id]
            a = [o for o in mine if o.status == first]
            b = [o for o in mine if o.status == second and o not in a]
            if a and b:
                return customer.customer_id, customer.email, a[0].order_number, b[0].order_number
        raise LookupError("no such customer in the demo shop")

    return find
