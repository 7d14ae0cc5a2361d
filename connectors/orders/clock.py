"""Clocks: where the order system gets "now", so rules on dates are testable and demo data stays consistent."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Protocol

# The demo shop's data is generated relative to this instant, and a store holding it keeps this as its
# "as of" time, so a demo order delivered "12 days ago" is inside the 30-day return window forever.
DEMO_NOW = datetime(2025, 6, 2, 10, 0, 0, tzinfo=UTC)


def utc_seconds(moment: datetime) -> datetime:
    """`moment` in UTC, truncated to whole seconds (the resolution of every stored timestamp)."""
    if moment.tzinfo is None:
        raise ValueError("timestamps must carry a timezone")
    return moment.astimezone(UTC).replace(microsecond=0)


def iso(moment: datetime) -> str:
    """The one text form of a timestamp in storage and exports: `2025-06-02T10:00:00Z`."""
    return utc_seconds(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> datetime:
    """Inverse of `iso`."""
    return utc_seconds(datetime.fromisoformat(text.replace("Z", "+00:00")))


class Clock(Protocol):
    """Anything that tells the time; the store asks it once per operation."""

    def now(self) -> datetime: ...


class FixedClock:
    """A clock that stands still until moved; tests and evals advance it explicitly."""

    def __init__(self, at: datetime = DEMO_NOW) -> None:
        self._at = utc_seconds(at)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._at

    def advance(self, delta: timedelta) -> datetime:
        """Move forward by `delta` (never backward) and return the new time."""
        if delta < timedelta(0):
            raise ValueError("a clock only moves forward")
        with self._lock:
            self._at = utc_seconds(self._at + delta)
            return self._at

    def set(self, at: datetime) -> None:
        with self._lock:
            self._at = utc_seconds(at)


class SystemClock:
    """The wall clock, for a live shop whose data is not anchored to a fixed instant."""

    def now(self) -> datetime:
        return utc_seconds(datetime.now(UTC))
