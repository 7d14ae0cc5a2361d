"""`shopclerk store ...`: seed, reset, show, export and import the order system's shop data."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from connectors.cli.root import settings_of
from connectors.orders.demo_data import DEMO_CUSTOMERS, DEMO_ORDERS, DEMO_SEED, generate_demo_shop
from connectors.orders.errors import ImportRejected, OrderSystemError, StoreNotInitialized
from connectors.orders.order_models import Order
from connectors.orders.sqlite_db import Database
from connectors.orders.sqlite_store import SqliteOrderSystem
from connectors.orders.transfer import dump_shop, read_shop_file, schema_text, write_shop_file
from connectors.orders.view_models import StoreSummary

store_app = typer.Typer(
    help="The order system and catalog: seed the demo pet shop, inspect it, export or import a shop file.",
    no_args_is_help=True,
)

SeedOption = Annotated[int, typer.Option("--seed", help="Seed of the demo data generator.")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before replacing the store.")]


def _fail(exc: OrderSystemError) -> typer.Exit:
    if isinstance(exc, ImportRejected):
        typer.echo(f"import rejected: {len(exc.problems)} problem(s)", err=True)
        for problem in exc.problems:
            typer.echo(f"  {problem.path}: {problem.message}", err=True)
    else:
        typer.echo(f"error [{exc.code}]: {exc.message}", err=True)
    return typer.Exit(code=1)


def _store_path(ctx: typer.Context) -> Path:
    return settings_of(ctx).store_path


def _money(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def _print_summary(summary: StoreSummary, path: Path) -> None:
    typer.echo(f"{summary.shop_name}  ({path})")
    typer.echo(f"  as of      {summary.as_of.strftime('%Y-%m-%d %H:%M UTC')}")
    typer.echo(f"  catalog    {summary.categories} categories, {summary.products} products, "
               f"{summary.variants} variants ({summary.out_of_stock_variants} out of stock)")  # fmt: skip
    typer.echo(f"  customers  {summary.customers}")
    typer.echo(f"  orders     {summary.orders}, {summary.returns} returns, {summary.refunds} refunds")
    for status, count in summary.orders_by_status.items():
        typer.echo(f"    {status:<17} {count:>5}")
    typer.echo(f"  audit      {summary.audit_records} write record(s)")
    typer.echo(f"  state hash {summary.state_hash}")


def _print_orders(orders: list[Order]) -> None:
    typer.echo("  recent orders")
    for order in orders:
        products = ", ".join(f"{item.quantity} x {item.product_name} ({item.variant_name})" for item in order.items)
        typer.echo(f"    {order.order_number}  {order.placed_at.strftime('%Y-%m-%d')}  {order.status.value:<17} "
                   f"{_money(order.total_cents):>10}  {order.customer_id}  {products}")  # fmt: skip


def _seed(path: Path, seed: int, customers: int, orders: int) -> SqliteOrderSystem:
    data = generate_demo_shop(seed, customers=customers, orders=orders)
    return SqliteOrderSystem.create(path, data)


@store_app.command()
def seed(
    ctx: typer.Context,
    seed: SeedOption = DEMO_SEED,
    customers: Annotated[int, typer.Option(min=1, help="Number of demo customers.")] = DEMO_CUSTOMERS,
    orders: Annotated[int, typer.Option(min=1, help="Demo orders, one per customer at least.")] = DEMO_ORDERS,
) -> None:
    """Create the store with the demo pet shop, unless it already holds a shop (then it is left unchanged)."""
    path = _store_path(ctx)
    if orders < customers:
        raise typer.BadParameter("need at least one order per customer", param_hint="--orders")
    try:
        if Database(path).initialized():
            typer.echo(f"the store at {path} already holds a shop; left unchanged (`store reset` starts over)")
            return
        store = _seed(path, seed, customers, orders)
    except OrderSystemError as exc:
        raise _fail(exc) from exc
    _print_summary(store.summary(), path)


@store_app.command()
def reset(ctx: typer.Context, seed: SeedOption = DEMO_SEED, yes: YesOption = False) -> None:
    """Throw away the store (orders, changes, audit log) and seed the demo pet shop afresh."""
    path = _store_path(ctx)
    try:
        if Database(path).initialized() and not yes:
            typer.confirm(f"Replace the store at {path} with fresh demo data? Every change is lost.", abort=True)
        store = _seed(path, seed, DEMO_CUSTOMERS, DEMO_ORDERS)
    except OrderSystemError as exc:
        raise _fail(exc) from exc
    _print_summary(store.summary(), path)


@store_app.command()
def show(
    ctx: typer.Context,
    orders: Annotated[int, typer.Option(min=0, help="How many of the most recent orders to list.")] = 5,
) -> None:
    """Print a summary of the store: counts per status, a few recent orders, the state hash."""
    path = _store_path(ctx)
    try:
        if not Database(path).initialized():
            raise StoreNotInitialized(str(path))
        store = SqliteOrderSystem(path)
        _print_summary(store.summary(), path)
        recent = sorted(store.export_shop().orders, key=lambda o: (o.placed_at, o.order_number), reverse=True)
    except OrderSystemError as exc:
        raise _fail(exc) from exc
    if orders:
        _print_orders(recent[:orders])


@store_app.command("export")
def export_(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="File to write, or - for standard output.")],
) -> None:
    """Write the whole shop to a JSON file (the documented shop schema)."""
    path = _store_path(ctx)
    try:
        if not Database(path).initialized():
            raise StoreNotInitialized(str(path))
        data = SqliteOrderSystem(path).export_shop()
    except OrderSystemError as exc:
        raise _fail(exc) from exc
    if target == "-":
        sys.stdout.write(dump_shop(data))
        return
    write_shop_file(data, Path(target))
    typer.echo(f"exported {len(data.products)} products, {len(data.customers)} customers, "
               f"{len(data.orders)} orders to {target}")  # fmt: skip


@store_app.command("import")
def import_(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(help="Shop file to load (see `shopclerk store schema`).")],
    yes: YesOption = False,
) -> None:
    """Validate a shop file and, if it is sound, replace the store with it; a bad file changes nothing."""
    path = _store_path(ctx)
    try:
        data = read_shop_file(source)
        if Database(path).initialized() and not yes:
            typer.confirm(f"Replace the store at {path} with {source}? Every current order is lost.", abort=True)
        store = SqliteOrderSystem.create(path, data)
    except OrderSystemError as exc:
        raise _fail(exc) from exc
    _print_summary(store.summary(), path)


@store_app.command()
def schema() -> None:
    """Print the JSON Schema of shop files."""
    sys.stdout.write(schema_text())
