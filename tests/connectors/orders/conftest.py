"""Fixtures of the order-system tests: the demo shop, and real SQLite stores on temporary directories."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from connectors.orders.clock import DEMO_NOW, FixedClock
from connectors.orders.demo_data import generate_demo_shop
from connectors.orders.errors import OrderSystemError
from connectors.orders.order_models import Order, OrderStatus
from connectors.orders.shop_data import ShopData
from connectors.orders.sqlite_store import SqliteOrderSystem


@pytest.fixture(scope="session")
def demo() -> ShopData:
    """The full demo shop (immutable, so shared)."""
    return generate_demo_shop()


@pytest.fixture(scope="session")
def demo_store_file(demo: ShopData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file holding the demo shop, built once and copied for every test."""
    path = tmp_path_factory.mktemp("template") / "store.sqlite"
    SqliteOrderSystem.create(path, demo).close()  # closing folds the WAL into the file we copy
    return path


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(DEMO_NOW)


@pytest.fixture
def store(demo_store_file: Path, tmp_path: Path, clock: FixedClock) -> SqliteOrderSystem:
    """A fresh copy of the demo store, its time given by `clock` (starting at the demo's anchor)."""
    path = tmp_path / "store.sqlite"
    shutil.copyfile(demo_store_file, path)
    return SqliteOrderSystem(path, clock=clock)


FindOrder = Callable[..., Order]


@pytest.fixture
def find_order(demo: ShopData) -> FindOrder:
    """The first demo order (by number) in `status` that satisfies `where` (the store starts as the demo)."""

    def find(status: OrderStatus, where: Callable[[Order], bool] = lambda _: True) -> Order:
        for order in demo.orders:
            if order.status == status and where(order):
                return order
        raise LookupError(f"no {status} order matches")

    return find


@pytest.fixture
def make_store(tmp_path: Path, clock: FixedClock) -> Callable[[ShopData], SqliteOrderSystem]:
    """A store holding a custom shop (e.g. the demo with some stock changed), on `clock`."""
    made = 0

    def make(data: ShopData) -> SqliteOrderSystem:
        nonlocal made
        made += 1
        return SqliteOrderSystem.create(tmp_path / f"custom-{made}.sqlite", data, clock=clock)

    return make


@pytest.fixture
def new_key() -> Callable[[], str]:
    """A fresh idempotency key per call, as the agent makes one per confirmed action."""
    counter = iter(range(1, 1_000_000))
    return lambda: f"test-key-{next(counter):06d}"


BUSINESS_TABLES = (
    "meta", "categories", "products", "variants", "customers", "pets", "orders", "order_items", "payments",
    "refunds", "shipments", "tracking_events", "returns", "return_items", "exchanges", "exchange_items",
    "idempotency",
)  # fmt: skip


def fingerprint(store: SqliteOrderSystem) -> str:
    """A fast digest of every row except the audit log: equal digests, untouched data."""
    digest = hashlib.sha256()
    with sqlite3.connect(store.db.path) as conn:
        for table in BUSINESS_TABLES:
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


Refused = Callable[[type[OrderSystemError], Callable[[], object]], OrderSystemError]


@pytest.fixture
def refused(store: SqliteOrderSystem) -> Refused:
    """Run a write on `store` that must be refused with the given error: nothing changes, the audit says why."""

    def check(error: type[OrderSystemError], write: Callable[[], object]) -> OrderSystemError:
        return refused_on(store, error, write)

    return check


def refused_on(
    store: SqliteOrderSystem, error: type[OrderSystemError], write: Callable[[], object]
) -> OrderSystemError:
    before = fingerprint(store)
    with pytest.raises(error) as caught:
        write()
    assert type(caught.value) is error, f"expected exactly {error.__name__}, got {type(caught.value).__name__}"
    assert fingerprint(store) == before
    last = store.audit_log()[-1]
    assert last.outcome == "refused" and last.error_code == error.code
    return caught.value


@pytest.fixture
def refused_in() -> Callable[..., OrderSystemError]:
    """`refused` for a store other than the `store` fixture."""
    return refused_on


@pytest.fixture
def unchanged() -> Callable[[SqliteOrderSystem], str]:
    """The fingerprint function, for tests that compare before and after themselves."""
    return fingerprint
