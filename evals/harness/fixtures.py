"""Fresh stores for scenarios: the demo shop or a scenario's own shop file, imported before each run."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from pydantic import ValidationError

from connectors.orders.demo_data import generate_demo_shop
from connectors.orders.errors import OrderSystemError
from connectors.orders.shop_data import ShopData
from connectors.orders.write_models import AuditRecord
from evals.harness.scenario import Scenario


class FixtureError(ValueError):
    """A scenario's shop file could not be read or imported."""


class EvalStore(Protocol):
    """What the runner needs of the order store: replace it, hash it, read its audit log."""

    def import_shop(self, data: ShopData) -> None: ...

    def state_hash(self) -> str: ...

    def audit_log(self, *, since_seq: int = 0) -> list[AuditRecord]: ...


class Fixtures:
    """Loads each shop file once; `reset` replaces the whole store (audit log included) before a scenario."""

    def __init__(self, store: EvalStore, demo: ShopData | None = None) -> None:
        self.store = store
        self._demo = demo
        self._data: dict[Path | None, ShopData] = {}
        self._hashes: dict[Path | None, str] = {}

    def data_for(self, scenario: Scenario) -> ShopData:
        path = scenario.fixture_path()
        if path not in self._data:
            if path is None:
                self._data[path] = self._demo or generate_demo_shop()
            else:
                try:
                    self._data[path] = ShopData.model_validate_json(path.read_text(encoding="utf-8"))
                except (OSError, ValidationError) as exc:
                    raise FixtureError(f"{scenario.id}: fixture {path}: {exc}") from exc
        return self._data[path]

    def reset(self, scenario: Scenario) -> str:
        """Import the scenario's shop and return its state hash (computed once per shop: imports are exact)."""
        path = scenario.fixture_path()
        data = self.data_for(scenario)
        try:
            self.store.import_shop(data)
        except OrderSystemError as exc:
            raise FixtureError(f"{scenario.id}: the store refused fixture {path or 'demo'}: {exc}") from exc
        if path not in self._hashes:
            self._hashes[path] = self.store.state_hash()
        return self._hashes[path]
