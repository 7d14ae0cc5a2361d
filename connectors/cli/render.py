"""Terminal rendering of the agent's structured reply parts (cards, comparison tables, choices, citations)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def render_parts(console: Console, parts: list[Any]) -> None:
    """Print each part the way the widget shows it; unknown kinds are skipped."""
    for part in parts:
        kind, data = part.get("kind"), part.get("data")
        if kind == "comparison":
            table = Table(show_header=True, header_style="bold")
            table.add_column("")
            for name in data["products"]:
                table.add_column(escape(name))
            for row in data["rows"]:
                table.add_row(escape(row["attribute"]), *(escape(str(v)) for v in row["values"]))
            console.print(table)
        elif kind == "product_cards":
            for card in data:
                stock = "in stock" if card["in_stock"] else "out of stock"
                console.print(f"  [bold]{escape(card['name'])}[/bold] · {card['price']} · {stock}", highlight=False)
                if card.get("reason"):
                    console.print(f"    [italic]{escape(card['reason'])}[/italic]", highlight=False)
        elif kind == "options":
            for number, option in enumerate(data, 1):
                console.print(f"  {number}. {escape(option['label'])}", highlight=False)
        elif kind == "citations":
            sources = ", ".join(escape(c["source"]) for c in data)
            console.print(f"[dim]  source: {sources}[/dim]", highlight=False)
        elif kind == "quick_replies":
            console.print("[dim]  try: " + escape(" | ".join(data)) + "[/dim]", highlight=False)
        elif kind == "awaiting" and data.get("awaiting") == "confirm":
            console.print("[yellow]  (waiting for your yes or no)[/yellow]")
        elif kind == "handoff":
            console.print("[magenta]  (handed to a person on the shop's team)[/magenta]")
