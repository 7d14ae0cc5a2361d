"""Export and import of shop files: one JSON schema, validated on the way in, bad fields named by JSON path."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from connectors.orders.errors import ImportProblem, ImportRejected
from connectors.orders.shop_checks import MAX_PROBLEMS, check_shop
from connectors.orders.shop_data import ShopData, shop_json_schema

SCHEMA_FILE = Path(__file__).with_name("shop.schema.json")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def json_path(loc: Sequence[int | str], document: Any) -> str:
    """A pydantic error location as a JSON path into `document`, e.g. `$.orders[3].items[0].quantity`.

    Pydantic inserts the tag of a discriminated union (`attributes.cat_food.flavour`) and markers such as
    `[key]`; walking the document alongside tells those apart from real keys.
    """
    path = "$"
    node: Any = document
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(part, int):
            path += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            continue
        if part == "[key]":
            continue
        if isinstance(node, dict) and part not in node and not last:
            continue  # a union tag, not a key of the document
        path += f".{part}" if _IDENTIFIER.match(part) else f"[{json.dumps(part)}]"
        node = node.get(part) if isinstance(node, dict) else None
    return path


def _validation_problems(exc: ValidationError, document: Any) -> list[ImportProblem]:
    problems = []
    for error in exc.errors()[:MAX_PROBLEMS]:
        message = error["msg"]
        if error["type"] not in {"missing", "extra_forbidden"} and "input" in error:
            shown = json.dumps(error["input"], default=str)
            message += f" (got {shown[:60] + '...' if len(shown) > 60 else shown})"
        problems.append(ImportProblem(path=json_path(error["loc"], document), message=message))
    return problems


def parse_shop(text: str) -> ShopData:
    """A validated, consistent shop from JSON text, or `ImportRejected` listing every problem found."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRejected(
            [ImportProblem(path="$", message=f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")]
        ) from exc
    return validate_shop(document)


def validate_shop(document: Any) -> ShopData:
    """Like `parse_shop`, from already-decoded JSON."""
    try:
        data = ShopData.model_validate(document)
    except ValidationError as exc:
        raise ImportRejected(_validation_problems(exc, document)) from exc
    problems = check_shop(data)
    if problems:
        raise ImportRejected(problems)
    return data


def read_shop_file(path: Path) -> ShopData:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportRejected([ImportProblem(path="$", message=f"cannot read {path}: {exc}")]) from exc
    return parse_shop(text)


def dump_shop(data: ShopData) -> str:
    """The shop as pretty JSON with a trailing newline: stable, diff-friendly."""
    return json.dumps(data.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def write_shop_file(data: ShopData, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_shop(data), encoding="utf-8")


def schema_text() -> str:
    """The JSON Schema of shop files, as shipped in `shop.schema.json`."""
    return json.dumps(shop_json_schema(), indent=2, ensure_ascii=False) + "\n"
