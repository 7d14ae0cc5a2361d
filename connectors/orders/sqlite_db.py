"""The SQLite file of one shop: connections, read and write transactions, and the shop's metadata."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from connectors.orders.clock import iso, parse_iso
from connectors.orders.errors import StoreIntegrityError, StoreNotInitialized, StoreUnavailable
from connectors.orders.shop_data import ShopInfo
from connectors.orders.sqlite_schema import create_schema


class Database:
    """One SQLite file. Each thread keeps its own connection; writers serialise on `BEGIN IMMEDIATE`, so
    every check-then-write happens atomically, across threads and processes alike."""

    def __init__(self, path: Path, *, busy_timeout_s: float = 15.0) -> None:
        self.path = path
        self._busy_timeout_s = busy_timeout_s
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def _connect(self, *, create: bool = False) -> sqlite3.Connection:
        mode = "rwc" if create else "rw"
        try:
            conn = sqlite3.connect(
                f"file:{self.path}?mode={mode}",
                uri=True,
                timeout=self._busy_timeout_s,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.OperationalError as exc:
            raise StoreNotInitialized(str(self.path)) from exc
        conn.row_factory = sqlite3.Row
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreUnavailable(f"{self.path} is not a readable store: {exc}") from exc
        return conn

    def _connection(self, *, create: bool = False) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            if not create and not self.path.is_file():
                raise StoreNotInitialized(str(self.path))
            conn = self._connect(create=create)
            self._local.conn = conn
            with self._lock:
                self._opened.append(conn)
        return conn

    def close(self) -> None:
        """Close every thread's connection (they reopen on next use)."""
        with self._lock:
            opened, self._opened = self._opened, []
        for conn in opened:
            conn.close()
        self._local = threading.local()

    def initialized(self) -> bool:
        """Whether the file exists and holds a shop; `StoreUnavailable` if it is not a SQLite database."""
        if not self.path.is_file():
            return False
        conn = self._connection()
        try:
            row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
            return row is not None and conn.execute("SELECT 1 FROM meta WHERE key = 'shop'").fetchone() is not None
        except sqlite3.DatabaseError as exc:
            raise StoreUnavailable(f"{self.path} is not a readable store: {exc}") from exc

    def rebuild(self, fill: Callable[[sqlite3.Connection], None]) -> None:
        """Replace everything in the file (creating it if need be) with a fresh schema filled by `fill`.

        One transaction: other connections see the old shop or the new one, never a mix, and a failing
        `fill` leaves the old shop in place.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = self._connection(create=True)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as exc:
            raise StoreUnavailable(f"{self.path} is not a readable store: {exc}") from exc
        with self._transaction("BEGIN IMMEDIATE") as tx:
            tx.execute("PRAGMA defer_foreign_keys = ON")
            objects = tx.execute(
                "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'table') AND name NOT LIKE 'sqlite_%'"
                " ORDER BY type = 'table'"
            ).fetchall()
            for row in objects:
                tx.execute(f'DROP {row["type"].upper()} "{row["name"]}"')
            if tx.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
                tx.execute("DELETE FROM sqlite_sequence")
            create_schema(tx)
            fill(tx)

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        conn = self._connection()
        try:
            conn.execute(begin)
        except sqlite3.DatabaseError as exc:
            raise StoreUnavailable(f"the store is busy or unreadable: {exc}") from exc
        try:
            yield conn
        except sqlite3.IntegrityError as exc:
            conn.execute("ROLLBACK")
            raise StoreIntegrityError(f"the store refused an inconsistent change: {exc}") from exc
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            try:
                conn.execute("COMMIT")
            except sqlite3.IntegrityError as exc:
                conn.execute("ROLLBACK")
                raise StoreIntegrityError(f"the store refused an inconsistent change: {exc}") from exc

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for several queries."""
        with self._transaction("BEGIN DEFERRED") as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """An exclusive write transaction: committed on success, rolled back on any exception."""
        with self._transaction("BEGIN IMMEDIATE") as conn:
            yield conn


def get_meta(conn: sqlite3.Connection, key: str) -> str:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    if row is None:
        raise StoreNotInitialized(f"(store has no {key!r}; it was never loaded)")
    return str(row["value"])


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def shop_info(conn: sqlite3.Connection) -> ShopInfo:
    return ShopInfo.model_validate_json(get_meta(conn, "shop"))


def as_of(conn: sqlite3.Connection) -> datetime:
    return parse_iso(get_meta(conn, "as_of"))


def set_as_of(conn: sqlite3.Connection, moment: datetime) -> None:
    set_meta(conn, "as_of", iso(moment))
