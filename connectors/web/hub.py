"""Live delivery: the open websockets watching each conversation, and pushing one frame to all of them."""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

from pydantic import BaseModel
from starlette.websockets import WebSocketDisconnect, WebSocketDisconnected

log = logging.getLogger("shopclerk.web")

# What a push to a socket that went away (or stopped reading) raises; such a watcher is dropped and
# catches up with `last_seq` when it reconnects.
DELIVERY_ERRORS = (WebSocketDisconnect, WebSocketDisconnected, TimeoutError)


class Watcher(Protocol):
    """An open connection that shows one conversation."""

    async def push(self, frame: BaseModel) -> None: ...


class Hub:
    """Per-conversation watcher sets. Numbered lines are published while the conversation's lock is held,
    so every watcher receives them in sequence order."""

    def __init__(self, send_timeout: float = 5.0) -> None:
        self._watchers: dict[str, set[Watcher]] = {}
        self._send_timeout = send_timeout

    def watch(self, conversation_id: str, watcher: Watcher) -> None:
        self._watchers.setdefault(conversation_id, set()).add(watcher)

    def unwatch(self, conversation_id: str, watcher: Watcher) -> None:
        watchers = self._watchers.get(conversation_id)
        if watchers is None:
            return
        watchers.discard(watcher)
        if not watchers:
            del self._watchers[conversation_id]

    def watching(self, conversation_id: str) -> int:
        """How many open connections show this conversation."""
        return len(self._watchers.get(conversation_id, ()))

    async def publish(self, conversation_id: str, frame: BaseModel, exclude: Watcher | None = None) -> int:
        """Push `frame` to every watcher but `exclude`; return how many received it."""
        delivered = 0
        for watcher in list(self._watchers.get(conversation_id, ())):
            if watcher is exclude:
                continue
            try:
                await asyncio.wait_for(watcher.push(frame), timeout=self._send_timeout)
            except DELIVERY_ERRORS:
                log.info("watcher dropped", extra={"code": "delivery_failed"})
                self.unwatch(conversation_id, watcher)
                continue
            delivered += 1
        return delivered
