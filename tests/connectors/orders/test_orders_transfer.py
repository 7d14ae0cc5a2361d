"""Export and import: one JSON schema, lossless round trips, and bad files rejected at the path of the bad field."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from connectors.orders.errors import ImportRejected
from connectors.orders.order_models import Order, OrderStatus
from connectors.orders.shop_data import ShopData, shop_hash
from connectors.orders.sqlite_store import SqliteOrderSystem
from connectors.orders.transfer import (
    SCHEMA_FILE,
    dump_shop,
    json_path,
    parse_shop,
    read_shop_file,
    schema_text,
    validate_shop,
)

FindOrder = Callable[..., Order]


@pytest.fixture(scope="module")
def document(demo: ShopData) -> dict[str, Any]:
    return json.loads(dump_shop(demo))


def rejected(document: Any) -> dict[str, str]:
    """The problems of a rejected document, as {path: message}."""
    with pytest.raises(ImportRejected) as caught:
        validate_shop(document)
    assert caught.value.code == "import_rejected"
    return {problem.path: problem.message for problem in caught.value.problems}


def test_export_then_import_gives_the_same_shop(
    store: SqliteOrderSystem, tmp_path: Path, find_order: FindOrder
) -> None:
    order = find_order(OrderStatus.PENDING)
    store.cancel_order(order.customer_id, order.order_number, reason="round trip", idempotency_key="transfer-1")
    exported = store.export_shop()
    path = tmp_path / "shop.json"
    path.write_text(dump_shop(exported), encoding="utf-8")
    copy_store = SqliteOrderSystem.create(tmp_path / "copy.sqlite", read_shop_file(path))
    assert copy_store.export_shop() == exported
    assert copy_store.state_hash() == store.state_hash() == shop_hash(exported)
    assert dump_shop(copy_store.export_shop()) == path.read_text(encoding="utf-8")


def test_import_replaces_the_store(store: SqliteOrderSystem, demo: ShopData) -> None:
    smaller = demo.model_copy(update={"orders": demo.orders[:10]})
    store.import_shop(smaller)
    assert len(store.export_shop().orders) == 10
    assert store.audit_log() == []


def test_the_shipped_schema_file_matches_the_models() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()
    schema = json.loads(schema_text())
    assert schema["title"] == "ShopData"
    assert {"as_of", "shop", "categories", "products", "customers", "orders"} <= set(schema["required"])


def test_not_json_is_rejected_at_the_root() -> None:
    with pytest.raises(ImportRejected) as caught:
        parse_shop('{"format": "shopclerk.shop",')
    assert caught.value.problems[0].path == "$"
    assert "not valid JSON" in caught.value.problems[0].message


def test_a_wrong_type_is_named_by_its_path(document: dict[str, Any]) -> None:
    bad = copy.deepcopy(document)
    bad["orders"][3]["items"][0]["quantity"] = "two"
    problems = rejected(bad)
    assert list(problems) == ["$.orders[3].items[0].quantity"]
    assert "integer" in problems["$.orders[3].items[0].quantity"]


def test_missing_and_unknown_fields_are_named(document: dict[str, Any]) -> None:
    bad = copy.deepcopy(document)
    del bad["customers"][2]["email"]
    bad["products"][1]["colour"] = "red"
    problems = rejected(bad)
    assert set(problems) == {"$.customers[2].email", "$.products[1].colour"}


def test_a_bad_attribute_inside_a_category_union_is_named(document: dict[str, Any]) -> None:
    bad = copy.deepcopy(document)
    index = next(i for i, p in enumerate(bad["products"]) if p["attributes"]["kind"] == "cat_food")
    bad["products"][index]["attributes"]["crude_protein_pct"] = 140
    bad["products"][index]["variants"][0]["options"]["Bad Key"] = "x"
    problems = rejected(bad)
    assert f"$.products[{index}].attributes.crude_protein_pct" in problems
    assert f'$.products[{index}].variants[0].options["Bad Key"]' in problems


def test_inconsistent_data_is_rejected_with_paths(document: dict[str, Any]) -> None:
    bad = copy.deepcopy(document)
    bad["orders"][0]["items"][0]["sku"] = "ZZ99-NOPE"
    bad["orders"][1]["payment"]["refunded_cents"] += 1
    bad["orders"][2]["order_number"] = bad["orders"][3]["order_number"]
    bad["orders"][4]["customer_id"] = "C-9999"
    bad["orders"][5]["total_cents"] += 5
    bad["products"][0]["category_id"] = "fish_food"
    problems = rejected(bad)
    assert {
        "$.orders[0].items[0].sku",
        "$.orders[1].payment.refunded_cents",
        "$.orders[3].order_number",
        "$.orders[4].customer_id",
        "$.orders[5].total_cents",
        "$.products[0].category_id",
    } <= set(problems)


def test_status_and_money_rules_are_checked_on_import(document: dict[str, Any]) -> None:
    bad = copy.deepcopy(document)
    cancelled = next(i for i, o in enumerate(bad["orders"]) if o["status"] == "cancelled")
    delivered = next(i for i, o in enumerate(bad["orders"]) if o["status"] == "delivered")
    returned = next(i for i, o in enumerate(bad["orders"]) if o["status"] == "returned")
    bad["orders"][cancelled]["cancelled_at"] = None
    bad["orders"][delivered]["shipments"] = []
    bad["orders"][returned]["returns"][0]["items"][0]["quantity"] = 999
    problems = rejected(bad)
    assert f"$.orders[{cancelled}].cancelled_at" in problems
    assert f"$.orders[{delivered}].shipments" in problems
    assert any(path.startswith(f"$.orders[{returned}].items[") for path in problems)


def test_json_path_skips_union_tags_and_quotes_odd_keys() -> None:
    doc = {"products": [{"attributes": {"kind": "cat_food", "flavour": 1}, "variants": [{"options": {"a b": 1}}]}]}
    assert json_path(("products", 0, "attributes", "cat_food", "flavour"), doc) == "$.products[0].attributes.flavour"
    assert json_path(("products", 0, "variants", 0, "options", "a b", "[key]"), doc) == (
        '$.products[0].variants[0].options["a b"]'
    )
    assert json_path(("products", 0, "missing"), doc) == "$.products[0].missing"
