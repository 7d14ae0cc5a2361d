"""The channel's conversation registry: who may open which conversation, one turn at a time, who watches live."""

from __future__ import annotations

import asyncio
import functools
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from pydantic import SecretStr
from starlette.concurrency import run_in_threadpool

from agent.state import Reply
from connectors.assemble import Runtime
from connectors.handoff.models import Handoff
from connectors.web.feedback import FeedbackStore
from connectors.web.hub import Hub
from connectors.web.identity import IdentityError, verify
from connectors.web.limits import AddressLimits
from connectors.web.metrics import Metrics
from connectors.web.protocol import BotMessage, HandoffFrame, HandoffInfo
from connectors.web.transcript import Line, Role, Transcript, owner_for_customer, owner_for_key

# A typing signal older than this is stale: the shopper stopped without saying so (closed the tab).
TYPING_FRESH_SECONDS = 6.0


class ConversationForbidden(Exception):
    """The conversation does not exist or belongs to someone else (deliberately indistinguishable)."""


@dataclass(frozen=True)
class Opened:
    conversation_id: str
    customer_id: str | None
    resume_key: str | None


class Channel:
    """Opens conversations for verified owners, serialises each conversation's turns and numbered lines,
    and pushes new lines and hand-off changes to the conversation's open windows."""

    def __init__(
        self,
        runtime: Runtime,
        transcript: Transcript,
        identity_secret: SecretStr | None,
        metrics: Metrics,
        address_limits: AddressLimits,
        feedback: FeedbackStore,
        turn_workers: int = 2,
    ) -> None:
        self.runtime = runtime
        self.transcript = transcript
        self.metrics = metrics
        self.address_limits = address_limits
        self.feedback = feedback
        self.hub = Hub()
        self._secret = identity_secret
        self._locks: dict[str, asyncio.Lock] = {}
        self._typing: dict[str, float] = {}
        # Turns are CPU-bound Python: a few threads taking them in arrival order serve more turns per second,
        # at lower latency, than the shared 40-thread pool switching between dozens of turns under the GIL.
        self._turns = ThreadPoolExecutor(max_workers=turn_workers, thread_name_prefix="shopclerk-turn")

    def close(self) -> None:
        """Finish the turns already running; called when the app shuts down."""
        self._turns.shutdown(wait=True, cancel_futures=True)

    async def run_turn(
        self, conversation_id: str, text: str, customer_id: str | None, line_seq: int
    ) -> tuple[Reply, int]:
        """Run one turn of the graph on the turn threads for the shopper's line `line_seq`. Call with the
        conversation's lock held."""
        loop = asyncio.get_running_loop()
        send = functools.partial(self.runtime.conversations.send, line_seq=line_seq)
        return await loop.run_in_executor(self._turns, send, conversation_id, text, customer_id)

    def lock(self, conversation_id: str) -> asyncio.Lock:
        """Held for the whole of one turn; waiting turns run in arrival order."""
        return self._locks.setdefault(conversation_id, asyncio.Lock())

    def _customer(self, token: str | None) -> str | None:
        if token is None:
            return None
        if self._secret is None:
            raise IdentityError("this shop does not accept identity tokens")
        return verify(token, self._secret.get_secret_value()).customer_id

    def open(self, conversation_id: str | None, resume_key: str | None, token: str | None) -> Opened:
        """Resume a conversation its owner proves, or start a new one. Raises on a bad token or a stranger."""
        customer = self._customer(token)
        if conversation_id is not None:
            owner = self.transcript.owner(conversation_id)
            allowed = {owner_for_customer(customer)} if customer else set()
            if resume_key:
                allowed.add(owner_for_key(resume_key))
            if owner is None or owner not in allowed:
                raise ConversationForbidden(conversation_id)
            return Opened(conversation_id, customer, None)
        new_id = secrets.token_urlsafe(16)
        if customer:
            self.transcript.create(new_id, owner_for_customer(customer))
            return Opened(new_id, customer, None)
        key = secrets.token_urlsafe(24)
        self.transcript.create(new_id, owner_for_key(key))
        return Opened(new_id, None, key)

    async def post(
        self,
        conversation_id: str,
        role: Role,
        text: str,
        parts: list[dict[str, Any]] | None = None,
    ) -> Line:
        """Record a line and push it to everyone watching the conversation. Call with its lock held."""
        line = await run_in_threadpool(self.transcript.append, conversation_id, role, text, parts)
        assert line is not None  # only lines with a client_msg_id can be duplicates
        frame = BotMessage(seq=line.seq, role=line.role, text=line.text, parts=line.parts)
        await self.hub.publish(conversation_id, frame)
        return line

    async def human_reply(self, conversation_id: str, text: str) -> Line:
        """A person's reply from the console: numbered like any line and shown live to the shopper."""
        async with self.lock(conversation_id):
            return await self.post(conversation_id, "human", text)

    async def announce(self, handoff: Handoff) -> None:
        """Tell the shopper's open windows that the hand-off changed state (claimed, released...)."""
        frame = HandoffFrame(state=handoff.status, reason=handoff.reason, agent=handoff.agent)
        await self.hub.publish(handoff.conversation_id, frame)

    def handoff(self, conversation_id: str) -> HandoffInfo | None:
        """The active hand-off of a conversation as the widget sees it."""
        active = self.runtime.handoffs.active(conversation_id)
        if active is None:
            return None
        return HandoffInfo(state=active.status, reason=active.reason, agent=active.agent)

    def note_typing(self, conversation_id: str, active: bool) -> None:
        if len(self._typing) > 10_000:
            self._typing = {c: at for c, at in self._typing.items() if time.monotonic() - at <= TYPING_FRESH_SECONDS}
        if active:
            self._typing[conversation_id] = time.monotonic()
        else:
            self._typing.pop(conversation_id, None)

    def shopper_typing(self, conversation_id: str) -> bool:
        """Whether the shopper signalled typing in the last few seconds (shown in the console)."""
        at = self._typing.get(conversation_id)
        if at is not None and time.monotonic() - at > TYPING_FRESH_SECONDS:
            del self._typing[conversation_id]
            at = None
        return at is not None
