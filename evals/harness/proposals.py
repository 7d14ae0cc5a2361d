"""Reading the action a bot proposes for confirmation in the audit log's terms, to compare it with a scenario."""

from __future__ import annotations

from typing import Any

from evals.harness.matching import matches
from evals.harness.scenario import ExpectedWrite

_LINE_KEYS = {
    "request_return": ("items", ("sku", "quantity")),
    "request_exchange": ("items", ("sku", "to_sku", "quantity")),
    "modify_items": ("changes", ("sku", "quantity")),
}


def as_write(action: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(op, params) of a proposed action, shaped like the audit log's params of that write.

    The `awaiting: confirm` part carries `{"op", "order_number", **params}` with one line's `sku`/`quantity`
    flat; the audit log nests lines under `items` or `changes`.
    """
    op = str(action.get("op", ""))
    params = {k: v for k, v in action.items() if k != "op"}
    if op in _LINE_KEYS and "sku" in params:
        key, fields = _LINE_KEYS[op]
        line = {f: params.pop(f) for f in fields if f in params}
        params[key] = [line]
    return op, params


def wanted(action: dict[str, Any], writes: list[ExpectedWrite]) -> bool:
    """Whether a proposed action is one of the writes the scenario's shopper came for."""
    op, params = as_write(action)
    return any(w.op == op and matches(w.params(), params) for w in writes)
