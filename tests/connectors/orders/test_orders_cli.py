"""`shopclerk store seed|reset|show|export|import|schema` through typer's runner, settings from the environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from connectors.cli import main
from connectors.cli.store import store_app
from connectors.orders.shop_data import ShopData, shop_hash
from connectors.orders.sqlite_store import SqliteOrderSystem
from connectors.orders.transfer import dump_shop

APP = main.app


def test_store_group_is_registered() -> None:
    assert any(group.typer_instance is store_app for group in main.app.registered_groups)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data"
    monkeypatch.setenv("SHOPCLERK_DATA_DIR", str(path))
    return path


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(APP, ["store", *args], input=stdin)


def test_show_before_seeding_says_what_to_do(data_dir: Path) -> None:
    result = run("show")
    assert result.exit_code == 1
    assert "store_not_initialized" in result.output and "shopclerk store seed" in result.output


def test_seed_then_show(data_dir: Path, demo: ShopData) -> None:
    seeded = run("seed")
    assert seeded.exit_code == 0, seeded.output
    assert (data_dir / "store.sqlite").is_file()
    assert "360, 60 returns" in seeded.output.replace("orders     ", "")
    again = run("seed")
    assert again.exit_code == 0 and "left unchanged" in again.output
    shown = run("show", "--orders", "3")
    assert shown.exit_code == 0, shown.output
    for status in ("pending", "processing", "shipped", "delivered", "cancelled", "return_requested", "returned",
                   "exchanged"):  # fmt: skip
        count = sum(1 for o in demo.orders if o.status == status)
        assert f"{status:<17} {count:>5}" in shown.output
    newest = sorted(demo.orders, key=lambda o: o.placed_at, reverse=True)[:3]
    assert all(order.order_number in shown.output for order in newest)
    assert f"state hash {shop_hash(demo)}" in shown.output


def test_seed_options_make_a_smaller_shop(data_dir: Path) -> None:
    result = run("seed", "--seed", "7", "--customers", "5", "--orders", "20")
    assert result.exit_code == 0, result.output
    assert len(SqliteOrderSystem(data_dir / "store.sqlite").export_shop().orders) == 20
    assert "left unchanged" in run("seed", "--seed", "8").output


def test_export_writes_the_shop_file(data_dir: Path, demo: ShopData, tmp_path: Path) -> None:
    assert run("seed").exit_code == 0
    target = tmp_path / "out" / "shop.json"
    result = run("export", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == dump_shop(demo)
    to_stdout = run("export", "-")
    assert to_stdout.exit_code == 0 and json.loads(to_stdout.stdout)["format"] == "shopclerk.shop"


def test_import_rejects_a_bad_file_and_changes_nothing(data_dir: Path, demo: ShopData, tmp_path: Path) -> None:
    assert run("seed").exit_code == 0
    document = json.loads(dump_shop(demo))
    document["orders"][7]["payment"]["captured_cents"] = -5
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = run("import", str(bad), "--yes")
    assert result.exit_code == 1
    assert "import rejected" in result.output and "$.orders[7].payment.captured_cents" in result.output
    assert SqliteOrderSystem(data_dir / "store.sqlite").state_hash() == shop_hash(demo)


def test_import_replaces_the_store_after_confirmation(data_dir: Path, demo: ShopData, tmp_path: Path) -> None:
    assert run("seed").exit_code == 0
    smaller = demo.model_copy(update={"orders": demo.orders[:50]})
    source = tmp_path / "small.json"
    source.write_text(dump_shop(smaller), encoding="utf-8")
    declined = run("import", str(source), stdin="n\n")
    assert declined.exit_code == 1
    store = SqliteOrderSystem(data_dir / "store.sqlite")
    assert len(store.export_shop().orders) == len(demo.orders)
    accepted = run("import", str(source), stdin="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert store.state_hash() == shop_hash(smaller)


def test_import_into_an_empty_data_dir_needs_no_confirmation(data_dir: Path, demo: ShopData, tmp_path: Path) -> None:
    source = tmp_path / "shop.json"
    source.write_text(dump_shop(demo), encoding="utf-8")
    result = run("import", str(source))
    assert result.exit_code == 0, result.output
    assert SqliteOrderSystem(data_dir / "store.sqlite").state_hash() == shop_hash(demo)


def test_reset_throws_changes_away(data_dir: Path, demo: ShopData) -> None:
    assert run("seed").exit_code == 0
    store = SqliteOrderSystem(data_dir / "store.sqlite")
    pending = next(o for o in demo.orders if o.status == "pending")
    store.cancel_order(pending.customer_id, pending.order_number, reason="x", idempotency_key="cli-reset-1")
    assert store.state_hash() != shop_hash(demo)
    assert run("reset", stdin="n\n").exit_code == 1
    assert store.state_hash() != shop_hash(demo)
    result = run("reset", "--yes")
    assert result.exit_code == 0, result.output
    assert store.state_hash() == shop_hash(demo) and store.audit_log() == []


def test_schema_prints_the_json_schema(data_dir: Path) -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "ShopData"


def test_seed_refuses_fewer_orders_than_customers(data_dir: Path) -> None:
    result = run("seed", "--customers", "9", "--orders", "3")
    assert result.exit_code == 2
    assert not (data_dir / "store.sqlite").exists()


def test_a_file_that_is_not_a_store_is_reported_not_crashed_on(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "store.sqlite").write_text("this is not a database, just text " * 100, encoding="utf-8")
    for command in (["show"], ["seed"], ["export", "-"]):
        result = run(*command)
        assert result.exit_code == 1, (command, result.output)
        assert "store_unavailable" in result.output
