"""The `--via` channel: plays scenarios through a running server's websocket, as the chat widget does."""

from __future__ import annotations

import json
import time
import uuid
from contextlib import ExitStack
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from websockets.exceptions import WebSocketException
from websockets.sync.client import ClientConnection, connect

from connectors.web.identity import sign
from evals.harness.channels import BotReply, ChannelError


class _Frame(BaseModel):
    # Lenient on purpose: servers may add fields (and frame types, which are skipped) within protocol v1.
    model_config = ConfigDict(extra="ignore")

    type: str


class _Welcome(_Frame):
    conversation_id: str


class _Ack(_Frame):
    client_msg_id: str
    seq: int | None = None
    duplicate: bool = False


class _Message(_Frame):
    seq: int
    role: str = "bot"
    text: str
    parts: list[dict[str, Any]] = Field(default_factory=list)


class _Error(_Frame):
    code: str
    text: str = ""


_KINDS: dict[str, type[_Frame]] = {"welcome": _Welcome, "ack": _Ack, "message": _Message, "error": _Error}


class WebsocketSession:
    """One conversation over one websocket connection: hello, then message frames; reads ack and message."""

    def __init__(self, ws: ClientConnection, stack: ExitStack, timeout_s: float, rate_wait_s: float) -> None:
        self._ws = ws
        self._stack = stack
        self.conversation_id = ""
        self._timeout = timeout_s
        self._rate_wait = rate_wait_s

    def recv(self) -> _Frame:
        """The next frame of a type the runner uses (typing indicators and the like are skipped)."""
        while True:
            try:
                raw = self._ws.recv(timeout=self._timeout)
            except TimeoutError as exc:
                raise ChannelError(f"no frame from the server within {self._timeout:g} s") from exc
            except WebSocketException as exc:
                raise ChannelError(f"websocket closed: {exc}") from exc
            try:
                data = json.loads(raw)
                kind = _KINDS.get(str(data.get("type"))) if isinstance(data, dict) else None
                if kind is not None:
                    return kind.model_validate(data)
            except (json.JSONDecodeError, ValidationError) as exc:
                raise ChannelError(f"frame outside protocol v1: {str(raw)[:200]}") from exc

    def send_frame(self, frame: dict[str, Any]) -> None:
        try:
            self._ws.send(json.dumps(frame))
        except WebSocketException as exc:
            raise ChannelError(f"websocket closed: {exc}") from exc

    def send(self, text: str) -> BotReply:
        # Rate limits are per minute: a message refused now is accepted within about a minute.
        deadline = time.monotonic() + max(self._timeout, 90.0)
        while True:
            msg_id = uuid.uuid4().hex
            self.send_frame({"type": "message", "client_msg_id": msg_id, "text": text})
            error = self._await_reply(msg_id)
            if isinstance(error, BotReply):
                return error
            if error.code != "rate_limited" or time.monotonic() > deadline:
                raise ChannelError(f"server error {error.code}: {error.text}")
            # The message was not processed: wait for the window to move, then send it again.
            time.sleep(self._rate_wait)

    def _await_reply(self, msg_id: str) -> BotReply | _Error:
        acked = False
        while True:
            frame = self.recv()
            if isinstance(frame, _Error):
                return frame
            if isinstance(frame, _Ack):
                if frame.client_msg_id == msg_id and frame.duplicate:
                    raise ChannelError("the server took a fresh client_msg_id for a duplicate")
                acked = acked or frame.client_msg_id == msg_id
            elif isinstance(frame, _Message) and frame.role == "bot" and acked:
                return BotReply(text=frame.text, parts=[dict(p) for p in frame.parts])

    def close(self) -> None:
        self._stack.close()


class WebsocketChannel:
    """Opens a new conversation per scenario on `url`; signed-in shoppers get a token minted with the secret."""

    name = "websocket"

    def __init__(
        self, url: str, identity_secret: str | None, timeout_s: float = 60.0, rate_wait_s: float = 5.0
    ) -> None:
        self.url = url
        self._secret = identity_secret
        self._timeout = timeout_s
        self._rate_wait = rate_wait_s

    def open(self, customer_id: str | None) -> WebsocketSession:
        hello: dict[str, Any] = {"type": "hello"}
        if customer_id is not None:
            if self._secret is None:
                raise ChannelError("a signed-in scenario over --via needs SHOPCLERK_IDENTITY_SECRET (the server's)")
            hello["token"] = sign(customer_id, self._secret)
        stack = ExitStack()
        try:
            ws = stack.enter_context(connect(self.url, open_timeout=self._timeout, max_size=2**22))
        except (OSError, WebSocketException) as exc:
            raise ChannelError(f"cannot connect to {self.url}: {exc}") from exc
        session = WebsocketSession(ws, stack, self._timeout, self._rate_wait)
        try:
            session.send_frame(hello)
            frame = session.recv()
        except ChannelError:
            session.close()
            raise
        if not isinstance(frame, _Welcome):
            session.close()
            detail = f"{frame.code}: {frame.text}" if isinstance(frame, _Error) else frame.type
            raise ChannelError(f"hello was not welcomed ({detail})")
        session.conversation_id = frame.conversation_id
        return session
