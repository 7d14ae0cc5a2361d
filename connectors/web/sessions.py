"""Per-conversation bookkeeping of the web channel: one turn at a time, duplicate message ids."""

from __future__ import annotations

import asyncio
from collections import OrderedDict

# Enough to catch a client re-sending after a reconnect; old ids age out.
_REMEMBERED_IDS = 200


class ConversationLocks:
    """Serialises turns per conversation and remembers which client message ids were handled."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._seen: dict[str, OrderedDict[str, None]] = {}

    def lock(self, conversation_id: str) -> asyncio.Lock:
        """The lock that one graph run of this conversation holds."""
        if conversation_id not in self._locks:
            self._locks[conversation_id] = asyncio.Lock()
        return self._locks[conversation_id]

    def first_time(self, conversation_id: str, client_msg_id: str) -> bool:
        """Record `client_msg_id`; False if this conversation already handled it."""
        seen = self._seen.setdefault(conversation_id, OrderedDict())
        if client_msg_id in seen:
            seen.move_to_end(client_msg_id)
            return False
        seen[client_msg_id] = None
        if len(seen) > _REMEMBERED_IDS:
            seen.popitem(last=False)
        return True
