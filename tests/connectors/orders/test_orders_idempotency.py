"""Idempotency keys, concurrent duplicates and the audit log: one intended write, one effect, one record."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from connectors.orders.clock import FixedClock
from connectors.orders.errors import (
    AlreadyCancelled,
    IdempotencyKeyReused,
    InvalidRequest,
    OrderSystemError,
)
from connectors.orders.order_models import Order, OrderStatus, ReturnLine
from connectors.orders.shop_data import ShopData
from connectors.orders.sqlite_store import SqliteOrderSystem
from connectors.orders.write_models import CancelResult, ItemChange

FindOrder = Callable[..., Order]
Key = Callable[[], str]
S = OrderStatus


def test_replaying_a_key_returns_the_first_result_without_a_second_effect(
    store: SqliteOrderSystem, find_order: FindOrder, unchanged: Callable[[SqliteOrderSystem], str]
) -> None:
    order = find_order(S.PENDING, lambda o: o.items[0].quantity < 8)
    item = order.items[0]
    change = [ItemChange(sku=item.sku, quantity=item.quantity + 1)]
    first = store.modify_items(order.customer_id, order.order_number, change, idempotency_key="confirm-0001")
    after_first = store.state_hash()
    stock_after_first = store.get_stock(item.sku).available
    again = store.modify_items(order.customer_id, order.order_number, change, idempotency_key="confirm-0001")
    assert again == first
    assert store.state_hash() == after_first
    assert store.get_stock(item.sku).available == stock_after_first
    assert [(r.outcome, r.idempotency_key) for r in store.audit_log()] == [
        ("applied", "confirm-0001"),
        ("replayed", "confirm-0001"),
    ]


def test_a_replay_returns_the_first_result_even_after_later_changes(
    store: SqliteOrderSystem, find_order: FindOrder, new_key: Key
) -> None:
    order = find_order(S.PENDING)
    first = store.change_shipping_address(
        order.customer_id, order.order_number, order.shipping_address, idempotency_key="confirm-0002"
    )
    store.cancel_order(order.customer_id, order.order_number, reason="later", idempotency_key=new_key())
    replay = store.change_shipping_address(
        order.customer_id, order.order_number, order.shipping_address, idempotency_key="confirm-0002"
    )
    assert replay == first and replay.order.status == S.PENDING


def test_a_key_with_other_parameters_is_refused(
    store: SqliteOrderSystem, demo: ShopData, find_order: FindOrder, refused: Callable[..., OrderSystemError]
) -> None:
    order = find_order(S.PENDING)
    store.cancel_order(order.customer_id, order.order_number, reason="first", idempotency_key="confirm-0003")
    other = find_order(S.PROCESSING)
    stranger = next(c.customer_id for c in demo.customers if c.customer_id != order.customer_id)
    key = "confirm-0003"
    attempts = [
        lambda: store.cancel_order(order.customer_id, order.order_number, reason="second", idempotency_key=key),
        lambda: store.cancel_order(other.customer_id, other.order_number, reason="first", idempotency_key=key),
        lambda: store.cancel_order(stranger, order.order_number, reason="first", idempotency_key=key),
        lambda: store.change_shipping_address(
            order.customer_id, order.order_number, order.shipping_address, idempotency_key=key
        ),
    ]
    for attempt in attempts:
        exc = refused(IdempotencyKeyReused, attempt)
        assert "confirm-0003" in exc.message
    assert store.get_order(other.customer_id, other.order_number).status == S.PROCESSING


def test_order_numbers_in_any_spelling_are_the_same_parameters(
    store: SqliteOrderSystem, find_order: FindOrder
) -> None:
    order = find_order(S.PENDING)
    first = store.cancel_order(order.customer_id, order.order_number, reason="x", idempotency_key="confirm-0004")
    spelled = order.order_number.lower().replace("-", " ")
    assert store.cancel_order(order.customer_id, spelled, reason="x", idempotency_key="confirm-0004") == first


def test_a_refused_write_does_not_use_up_its_key(
    store: SqliteOrderSystem, demo: ShopData, find_order: FindOrder
) -> None:
    order = find_order(S.DELIVERED, lambda o: o.delivered_at is not None and (demo.as_of - o.delivered_at).days < 20)
    item = order.items[0]
    too_many = [ReturnLine(sku=item.sku, quantity=item.quantity + 1)]
    with pytest.raises(OrderSystemError):
        store.request_return(order.customer_id, order.order_number, too_many, reason="x", idempotency_key="confirm-5")
    pending = find_order(S.PENDING)
    store.cancel_order(pending.customer_id, pending.order_number, reason="x", idempotency_key="confirm-5")
    assert [r.outcome for r in store.audit_log()] == ["refused", "applied"]


@pytest.mark.parametrize("key", ["", "short", "has space in it", "x" * 201, "ключ-123456"])
def test_malformed_keys_are_refused(
    store: SqliteOrderSystem, find_order: FindOrder, refused: Callable[..., OrderSystemError], key: str
) -> None:
    order = find_order(S.PENDING)
    refused(InvalidRequest, lambda: store.cancel_order(order.customer_id, order.order_number, reason="x",
                                                       idempotency_key=key))  # fmt: skip


def _race(calls: list[Callable[[], CancelResult]]) -> tuple[list[CancelResult], list[OrderSystemError]]:
    """Start every call at the same instant, each on its own thread (and so its own connection)."""
    barrier = threading.Barrier(len(calls))
    results: list[CancelResult] = []
    errors: list[OrderSystemError] = []
    lock = threading.Lock()

    def run(call: Callable[[], CancelResult]) -> None:
        barrier.wait()
        try:
            result = call()
        except OrderSystemError as exc:
            with lock:
                errors.append(exc)
        else:
            with lock:
                results.append(result)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


def test_two_threads_cancelling_with_one_key_have_one_effect(store: SqliteOrderSystem, find_order: FindOrder) -> None:
    order = find_order(S.PENDING)
    sku, quantity = order.items[0].sku, order.items[0].quantity
    stock = store.get_stock(sku).available
    cancel = lambda: store.cancel_order(  # noqa: E731
        order.customer_id, order.order_number, reason="double click", idempotency_key="double-click-1"
    )
    results, errors = _race([cancel, cancel])
    assert errors == [] and len(results) == 2 and results[0] == results[1]
    final = store.get_order(order.customer_id, order.order_number)
    assert len([r for r in final.refunds if r.reason == "cancellation"]) == 1
    assert store.get_stock(sku).available == stock + quantity
    assert sorted(r.outcome for r in store.audit_log()) == ["applied", "replayed"]


def test_two_threads_cancelling_with_two_keys_have_one_effect(
    store: SqliteOrderSystem, find_order: FindOrder
) -> None:
    order = find_order(S.PROCESSING)
    calls = [
        lambda key=key: store.cancel_order(order.customer_id, order.order_number, reason="race", idempotency_key=key)
        for key in ("race-key-0001", "race-key-0002", "race-key-0003", "race-key-0004")
    ]
    results, errors = _race(calls)  # type: ignore[arg-type]
    assert len(results) == 1 and len(errors) == 3
    assert all(isinstance(exc, AlreadyCancelled) for exc in errors)
    final = store.get_order(order.customer_id, order.order_number)
    assert final.payment.refunded_cents == final.payment.captured_cents == order.total_cents
    assert len(final.refunds) == 1
    assert sorted(r.outcome for r in store.audit_log()) == ["applied", "refused", "refused", "refused"]


def test_two_store_objects_on_one_file_share_keys(
    store: SqliteOrderSystem, find_order: FindOrder, clock: FixedClock
) -> None:
    order = find_order(S.PENDING)
    twin = SqliteOrderSystem(Path(store.db.path), clock=clock)
    first = store.cancel_order(order.customer_id, order.order_number, reason="x", idempotency_key="shared-key-1")
    assert twin.cancel_order(order.customer_id, order.order_number, reason="x", idempotency_key="shared-key-1") == first


def test_every_attempt_is_audited_with_who_what_when_key_and_result(
    store: SqliteOrderSystem, find_order: FindOrder, clock: FixedClock
) -> None:
    order = find_order(S.PENDING)
    result = store.cancel_order(order.customer_id, order.order_number, reason="audit me", idempotency_key="audit-0001")
    with pytest.raises(AlreadyCancelled):
        store.cancel_order(order.customer_id, order.order_number, reason="again", idempotency_key="audit-0002")
    applied, refused_record = store.audit_log()
    assert applied.actor == order.customer_id and applied.operation == "cancel_order"
    assert applied.at == clock.now() and applied.idempotency_key == "audit-0001"
    assert applied.params == {"order_number": order.order_number, "reason": "audit me"}
    assert applied.outcome == "applied" and applied.result == result.model_dump(mode="json")
    assert refused_record.outcome == "refused" and refused_record.error_code == "already_cancelled"
    assert refused_record.result is not None and refused_record.result["code"] == "already_cancelled"
    assert store.audit_log(since_seq=applied.seq) == [refused_record]
