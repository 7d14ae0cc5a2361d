"""The shop's tunable rules the agent explains before proposing (quantity limit, destinations), read from the store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from connectors.orders.shop_data import ShopPolicy

_COUNTRIES = {"US": "the United States", "CA": "Canada", "GB": "the United Kingdom", "MX": "Mexico"}


@runtime_checkable
class PolicySource(Protocol):
    """An order system that can tell its policy (the SQLite store can); others get the defaults."""

    def policy(self) -> ShopPolicy: ...


@dataclass(frozen=True)
class ShopRules:
    """What the planner checks up front so it never proposes a write the store would refuse anyway.

    The store still enforces every rule itself; these only let the bot explain instead of proposing.
    """

    max_quantity_per_line: int = 10
    ship_to_countries: tuple[str, ...] = ("US",)

    @classmethod
    def of(cls, orders: object) -> ShopRules:
        if isinstance(orders, PolicySource):
            policy = orders.policy()
            return cls(policy.max_quantity_per_line, tuple(policy.ship_to_countries))
        return cls()

    def does_not_ship_to(self, country: str | None) -> bool:
        """Whether `country` (None: no country named) is outside the shop's destinations."""
        return country is not None and country not in self.ship_to_countries

    def countries_text(self) -> str:
        return ", ".join(_COUNTRIES.get(code, code) for code in self.ship_to_countries)
