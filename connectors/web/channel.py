"""The channel's conversation registry: who may open which conversation, and one turn at a time each."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass

from pydantic import SecretStr

from connectors.assemble import Runtime
from connectors.web.identity import IdentityError, verify
from connectors.web.limits import AddressLimits
from connectors.web.metrics import Metrics
from connectors.web.transcript import Transcript, owner_for_customer, owner_for_key


class ConversationForbidden(Exception):
    """The conversation does not exist or belongs to someone else (deliberately indistinguishable)."""


@dataclass(frozen=True)
class Opened:
    conversation_id: str
    customer_id: str | None
    resume_key: str | None


class Channel:
    """Opens conversations for verified owners and serialises each conversation's turns."""

    def __init__(
        self,
        runtime: Runtime,
        transcript: Transcript,
        identity_secret: SecretStr | None,
        metrics: Metrics,
        address_limits: AddressLimits,
    ) -> None:
        self.runtime = runtime
        self.transcript = transcript
        self.metrics = metrics
        self.address_limits = address_limits
        self._secret = identity_secret
        self._locks: dict[str, asyncio.Lock] = {}

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
