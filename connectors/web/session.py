"""One websocket connection: frames in, turns run, protocol frames out, with limits and timeouts."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time

from fastapi import WebSocket
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from connectors.settings import Settings
from connectors.web.channel import Channel, ConversationForbidden
from connectors.web.identity import IdentityError
from connectors.web.limits import SlidingWindow
from connectors.web.protocol import (
    Ack,
    BotMessage,
    ErrorCode,
    ErrorFrame,
    Hello,
    HistoryLine,
    ShopperMessage,
    Welcome,
    client_frame,
)

log = logging.getLogger("shopclerk.web")


def _pseudonym(conversation_id: str) -> str:
    """Logs name conversations by a hash: enough to correlate, nothing to look up a person by."""
    return hashlib.sha256(conversation_id.encode()).hexdigest()[:12]


class WebSession:
    """One websocket connection: parses frames, runs turns, answers with protocol frames."""

    def __init__(self, ws: WebSocket, channel: Channel, settings: Settings, address: str) -> None:
        self.ws = ws
        self.channel = channel
        self.settings = settings
        self.address = address
        self.rate = SlidingWindow(settings.rate_limit_per_minute)
        self.conversation_id: str | None = None
        self.customer_id: str | None = None

    async def send(self, frame: BaseModel) -> None:
        await self.ws.send_text(frame.model_dump_json())

    async def error(self, code: ErrorCode, text: str) -> None:
        self.channel.metrics.inc("shopclerk_frames_rejected_total", code=code)
        await self.send(ErrorFrame(code=code, text=text))

    async def serve(self) -> None:
        while True:
            try:
                raw = await asyncio.wait_for(self.ws.receive_text(), timeout=self.settings.idle_timeout_seconds)
            except TimeoutError:
                await self.ws.close(code=1001, reason="idle timeout")
                return
            if len(raw.encode("utf-8")) > self.settings.max_frame_bytes:
                await self.error("frame_too_large", f"frames are limited to {self.settings.max_frame_bytes} bytes")
                continue
            try:
                frame = client_frame.validate_json(raw)
            except ValidationError as exc:
                await self._reject(raw, exc)
                continue
            if isinstance(frame, Hello):
                await self._hello(frame)
            else:
                await self._message(frame)

    async def _reject(self, raw: str, exc: ValidationError) -> None:
        try:
            json.loads(raw)
        except json.JSONDecodeError:
            await self.error("bad_json", "frames must be JSON objects")
            return
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'frame'}: {err['msg']}" for err in exc.errors()[:3]
        )
        await self.error("bad_frame", f"frame not understood: {problems}")

    async def _hello(self, hello: Hello) -> None:
        self.conversation_id = None
        try:
            opened = await run_in_threadpool(self.channel.open, hello.conversation_id, hello.resume_key, hello.token)
        except IdentityError as exc:
            await self.error("bad_token", f"{exc}; the conversation was not opened")
            return
        except ConversationForbidden:
            await self.error(
                "forbidden",
                "that conversation cannot be resumed here; send hello without conversation_id to start a new one",
            )
            return
        self.conversation_id = opened.conversation_id
        self.customer_id = opened.customer_id
        lines = await run_in_threadpool(self.channel.transcript.since, opened.conversation_id, hello.last_seq)
        await self.send(
            Welcome(
                conversation_id=opened.conversation_id,
                resume_key=opened.resume_key,
                customer_id=opened.customer_id,
                history=[HistoryLine(**line.model_dump()) for line in lines],
            )
        )

    async def _message(self, frame: ShopperMessage) -> None:
        if not self.rate.allow() or not self.channel.address_limits.allow(self.address):
            await self.error("rate_limited", "You're sending messages faster than we can answer; please wait a moment.")
            return
        if self.conversation_id is None:
            await self._hello(Hello(type="hello"))
        cid = self.conversation_id
        if cid is None:
            return
        async with self.channel.lock(cid):
            line = await run_in_threadpool(
                self.channel.transcript.append, cid, "shopper", frame.text, None, frame.client_msg_id
            )
            if line is None:
                await self.send(Ack(client_msg_id=frame.client_msg_id, duplicate=True))
                return
            await self.send(Ack(client_msg_id=frame.client_msg_id, seq=line.seq))
            started = time.perf_counter()
            try:
                reply, _ = await run_in_threadpool(
                    self.channel.runtime.conversations.send, cid, frame.text, self.customer_id
                )
            except Exception:  # the edge: one failed turn must not end the connection
                log.exception("turn failed", extra={"conversation": _pseudonym(cid)})
                self.channel.metrics.inc("shopclerk_turn_errors_total")
                await self.error("internal", "Sorry, something went wrong on our side. Please try again.")
                return
            elapsed = time.perf_counter() - started
            self.channel.metrics.observe_turn(elapsed)
            self.channel.metrics.inc("shopclerk_turns_total", intent=reply["intent"])
            log.info(
                "turn",
                extra={"conversation": _pseudonym(cid), "intent": reply["intent"], "ms": round(elapsed * 1000, 1)},
            )
            if reply["intent"] == "silent":
                return  # a person has this conversation; they answer through the console
            parts = [dict(part) for part in reply["parts"]]
            bot = await run_in_threadpool(self.channel.transcript.append, cid, "bot", reply["text"], parts)
        assert bot is not None
        await self.send(BotMessage(seq=bot.seq, text=bot.text, parts=bot.parts))
