"""Rate limits: sliding one-minute windows per connection and per client address."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class SlidingWindow:
    """Allows at most `limit` events in any `window` seconds."""

    def __init__(self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._events: deque[float] = deque()

    def allow(self) -> bool:
        """Record an event if the window has room; False (and nothing recorded) otherwise."""
        now = self._clock()
        while self._events and self._events[0] <= now - self.window:
            self._events.popleft()
        if len(self._events) >= self.limit:
            return False
        self._events.append(now)
        return True

    def idle(self) -> bool:
        """No event inside the window: the entry can be forgotten."""
        now = self._clock()
        return not self._events or self._events[-1] <= now - self.window


class AddressLimits:
    """One window per client address, forgetting idle addresses so memory stays bounded."""

    def __init__(self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._limit = limit
        self._window = window
        self._clock = clock
        self._by_address: dict[str, SlidingWindow] = {}

    def allow(self, address: str) -> bool:
        if len(self._by_address) > 10_000:
            self._by_address = {a: w for a, w in self._by_address.items() if not w.idle()}
        window = self._by_address.get(address)
        if window is None:
            window = self._by_address[address] = SlidingWindow(self._limit, self._window, self._clock)
        return window.allow()
