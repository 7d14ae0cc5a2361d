"""Terminal rendering of reply parts: what `shopclerk chat` shows for cards, tables, options and citations."""

from __future__ import annotations

from io import StringIO

from rich.console import Console

from connectors.cli.render import render_parts


def _rendered(parts: list[dict[str, object]]) -> str:
    out = StringIO()
    render_parts(Console(file=out, width=120, color_system=None), parts)
    return out.getvalue()


def test_product_cards_show_name_price_stock_and_the_reason_for_a_pick() -> None:
    text = _rendered([{"kind": "product_cards", "data": [
        {"id": "cf-001", "name": "Salmon Kitten Food", "price": "$21.99", "in_stock": True,
         "reason": "for Mochi, a kitten"},
        {"id": "cf-002", "name": "Chicken Adult Food", "price": "$18.49", "in_stock": False},
    ]}])
    assert "Salmon Kitten Food · $21.99 · in stock" in text
    assert "for Mochi, a kitten" in text
    assert "Chicken Adult Food · $18.49 · out of stock" in text


def test_markup_in_shop_data_is_printed_as_text() -> None:
    text = _rendered([{"kind": "product_cards", "data": [
        {"id": "x", "name": "[bold]Toy[/bold]", "price": "$1", "in_stock": True, "reason": "[red]cheap[/red]"},
    ]}])
    assert "[bold]Toy[/bold]" in text and "[red]cheap[/red]" in text
