"""Signed shopper identity: tokens the shop's page mints with the shared secret (HMAC-SHA256, expiring)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

from pydantic import BaseModel, Field, ValidationError

_VERSION = "v1"


class IdentityError(Exception):
    """A token that must not be trusted; the message says why without echoing the token."""

    code = "bad_token"


class Identity(BaseModel):
    """Who the shop says the shopper is."""

    customer_id: str = Field(min_length=1, max_length=64, alias="sub")
    expires_at: int = Field(alias="exp")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(customer_id: str, secret: str, ttl_seconds: int = 3600, now: float | None = None) -> str:
    """Mint a token naming `customer_id`, valid for `ttl_seconds` (what the shop's backend does)."""
    payload = {"sub": customer_id, "exp": int((now if now is not None else time.time()) + ttl_seconds)}
    body = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode())
    mac = hmac.new(secret.encode(), f"{_VERSION}.{body}".encode(), hashlib.sha256).digest()
    return f"{_VERSION}.{body}.{_b64(mac)}"


def verify(token: str, secret: str, now: float | None = None) -> Identity:
    """Return the identity of a genuine, unexpired token; raise `IdentityError` otherwise."""
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != _VERSION:
        raise IdentityError("identity token is malformed")
    expected = hmac.new(secret.encode(), f"{parts[0]}.{parts[1]}".encode(), hashlib.sha256).digest()
    try:
        given = _unb64(parts[2])
        payload = json.loads(_unb64(parts[1]))
    except (ValueError, json.JSONDecodeError) as exc:
        raise IdentityError("identity token is malformed") from exc
    if not hmac.compare_digest(expected, given):
        raise IdentityError("identity token signature does not match")
    try:
        identity = Identity.model_validate(payload)
    except ValidationError as exc:
        raise IdentityError("identity token payload is invalid") from exc
    if identity.expires_at <= (now if now is not None else time.time()):
        raise IdentityError("identity token has expired")
    return identity
