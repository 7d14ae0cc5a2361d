"""Idempotent, audited writes: one runner every write goes through, so replays never act twice."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from connectors.orders.clock import iso
from connectors.orders.common_models import StoreModel
from connectors.orders.errors import (
    IdempotencyKeyReused,
    InvalidRequest,
    OrderSystemError,
    StoreNotInitialized,
    StoreUnavailable,
)
from connectors.orders.shop_data import canonical_json
from connectors.orders.sqlite_db import Database

R = TypeVar("R", bound=StoreModel)

_KEY = re.compile(r"^[\x21-\x7e]{8,200}$")


def check_key(key: str) -> None:
    if not isinstance(key, str) or not _KEY.match(key):
        raise InvalidRequest("an idempotency key is 8-200 printable ASCII characters without spaces")


def request_hash(actor: str, operation: str, params: dict[str, Any]) -> str:
    """What "the same parameters" means: equal canonical JSON of who, what and the arguments."""
    text = canonical_json({"actor": actor, "operation": operation, "params": params})
    return hashlib.sha256(text.encode()).hexdigest()


def append_audit(
    conn: sqlite3.Connection,
    *,
    at: datetime,
    actor: str,
    operation: str,
    key: str,
    params: dict[str, Any],
    outcome: str,
    result: str | None,
    error_code: str | None = None,
) -> int:
    cursor = conn.execute(
        "INSERT INTO audit (at, actor, operation, idempotency_key, params, outcome, error_code, result)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (iso(at), actor, operation, key, canonical_json(params), outcome, error_code, result),
    )
    return int(cursor.lastrowid or 0)


def run_write(
    db: Database,
    now_of: Callable[[sqlite3.Connection], datetime],
    *,
    actor: str,
    operation: str,
    key: str,
    params: dict[str, Any],
    result_type: type[R],
    body: Callable[[sqlite3.Connection, datetime], R],
) -> R:
    """Run `body` once per key, inside one exclusive transaction, and audit every attempt.

    The key is looked up inside the same transaction that applies the write, so two concurrent calls
    with one key serialise: the second sees the first's record and replays it. A refused write leaves
    no effect and does not consume the key; it is still audited, as "refused".
    """
    try:
        check_key(key)
        digest = request_hash(actor, operation, params)
        with db.write() as conn:
            now = now_of(conn)
            row = conn.execute(
                "SELECT operation, params_hash, result FROM idempotency WHERE key = ?", (key,)
            ).fetchone()
            if row is not None:
                if row["params_hash"] != digest:
                    raise IdempotencyKeyReused(key, operation)
                append_audit(
                    conn, at=now, actor=actor, operation=operation, key=key, params=params,
                    outcome="replayed", result=row["result"],
                )
                return result_type.model_validate_json(row["result"])
            result = body(conn, now)
            text = result.model_dump_json()
            seq = append_audit(
                conn, at=now, actor=actor, operation=operation, key=key, params=params,
                outcome="applied", result=text,
            )
            conn.execute(
                "INSERT INTO idempotency (key, actor, operation, params_hash, result, audit_seq)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (key, actor, operation, digest, text, seq),
            )
            return result
    except OrderSystemError as exc:
        _audit_refusal(db, now_of, actor, operation, key, params, exc)
        raise


def _audit_refusal(
    db: Database,
    now_of: Callable[[sqlite3.Connection], datetime],
    actor: str,
    operation: str,
    key: str,
    params: dict[str, Any],
    exc: OrderSystemError,
) -> None:
    if isinstance(exc, StoreNotInitialized | StoreUnavailable) or not db.path.is_file():
        return
    with db.write() as conn:
        append_audit(
            conn, at=now_of(conn), actor=actor, operation=operation, key=str(key)[:200], params=params,
            outcome="refused", result=json.dumps(exc.to_dict(), default=str), error_code=exc.code,
        )
