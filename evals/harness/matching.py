"""Subset matching of expected write params against audited (or proposed) params."""

from __future__ import annotations

from typing import Any


def matches(expected: Any, actual: Any) -> bool:
    """Subset match: dicts by the keys given, lists element-wise (each expected item in some actual item).

    Strings compare case-insensitively and trimmed (addresses as shoppers type them); numbers exactly.
    """
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and matches(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return False
        remaining = list(actual)
        for item in expected:
            hit = next((i for i, a in enumerate(remaining) if matches(item, a)), None)
            if hit is None:
                return False
            remaining.pop(hit)
        return True
    if isinstance(expected, str) and isinstance(actual, str):
        return expected.strip().casefold() == actual.strip().casefold()
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return expected == actual
    return bool(expected == actual)
