"""One websocket connection: frames in, turns run, protocol frames out, with limits and timeouts."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
from typing import Any

from fastapi import WebSocket
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from agent.state import Reply
from connectors.settings import Settings
from connectors.web.channel import Channel, ConversationForbidden
from connectors.web.identity import IdentityError
from connectors.web.limits import SlidingWindow
from connectors.web.protocol import (
    Ack,
    Action,
    BotMessage,
    ErrorCode,
    ErrorFrame,
    Feedback,
    FeedbackAck,
    HandoffFrame,
    Hello,
    HistoryLine,
    ServerTyping,
    ShopperMessage,
    Typing,
    Welcome,
    client_frame,
)

log = logging.getLogger("shopclerk.web")

# Replies that end a conversation get a `csat` part: the widget asks the shopper to rate it.
CSAT_INTENTS = frozenset({"goodbye"})


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
        # Frames reach this socket from its own loop and from other connections' turns (via the hub).
        self._send_lock = asyncio.Lock()

    async def push(self, frame: BaseModel) -> None:
        async with self._send_lock:
            await self.ws.send_text(frame.model_dump_json())

    async def error(self, code: ErrorCode, text: str) -> None:
        self.channel.metrics.inc("shopclerk_frames_rejected_total", code=code)
        await self.push(ErrorFrame(code=code, text=text))

    async def serve(self) -> None:
        try:
            await self._serve()
        finally:
            self._leave()

    async def _serve(self) -> None:
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
            elif isinstance(frame, ShopperMessage):
                await self._message(frame)
            elif isinstance(frame, Action):
                await self._message(frame.as_message())
            elif isinstance(frame, Typing):
                if self.conversation_id is not None:
                    self.channel.note_typing(self.conversation_id, frame.active)
            else:
                await self._feedback(frame)

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

    def _leave(self) -> None:
        if self.conversation_id is not None:
            self.channel.hub.unwatch(self.conversation_id, self)
        self.conversation_id = None

    async def _hello(self, hello: Hello) -> None:
        self._leave()
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
        cid = opened.conversation_id
        self.conversation_id = cid
        self.customer_id = opened.customer_id
        # Under the lock no line is being added: the history and the live lines after it join without a gap.
        async with self.channel.lock(cid):
            lines = await run_in_threadpool(self.channel.transcript.since, cid, hello.last_seq)
            handoff = await run_in_threadpool(self.channel.handoff, cid)
            await self.push(
                Welcome(
                    conversation_id=cid,
                    resume_key=opened.resume_key,
                    customer_id=opened.customer_id,
                    history=[HistoryLine(**line.model_dump()) for line in lines],
                    handoff=handoff,
                )
            )
            self.channel.hub.watch(cid, self)
            if hello.conversation_id is not None and handoff is None:  # with a person, the line is theirs
                await self._finish_left_over(cid)

    def _allowed(self) -> bool:
        return self.rate.allow() and self.channel.address_limits.allow(self.address)

    async def _message(self, frame: ShopperMessage) -> None:
        if not self._allowed():
            await self.error("rate_limited", "You're sending messages faster than we can answer; please wait a moment.")
            return
        if self.conversation_id is None:
            await self._hello(Hello(type="hello"))
        cid = self.conversation_id
        if cid is None:
            return
        channel = self.channel
        async with channel.lock(cid):
            line = await run_in_threadpool(
                channel.transcript.append, cid, "shopper", frame.text, None, frame.client_msg_id
            )
            if line is None:
                await self.push(Ack(client_msg_id=frame.client_msg_id, duplicate=True))
                return
            await self.push(Ack(client_msg_id=frame.client_msg_id, seq=line.seq))
            channel.note_typing(cid, False)
            await channel.hub.publish(cid, BotMessage(seq=line.seq, role="shopper", text=line.text), exclude=self)
            # While a person has the conversation the bot stays silent: no typing indicator for it.
            person = await run_in_threadpool(channel.runtime.handoffs.active, cid)
            if person is None:
                await channel.hub.publish(cid, ServerTyping(active=True))
            await self._turn(cid, line.text, line.seq, typing=person is None)

    async def _finish_left_over(self, cid: str) -> None:
        """On resume, answer the conversation's last line if it is the shopper's and nobody answered it because the
        server stopped during its turn, after the line was acknowledged (so the widget will not send it again). If
        the turn had run to the end before the stop, its checkpointed reply is posted rather than running the turn
        twice; a turn that failed is not run again (the shopper was told to try again). The caller holds the
        conversation's lock, so no turn of this conversation is running, and has checked no person has it."""
        channel = self.channel
        last = await run_in_threadpool(channel.transcript.since, cid, 0, 1)
        if not last or last[0].role != "shopper":
            return
        line = last[0]
        left = await run_in_threadpool(channel.runtime.conversations.left_over, cid, line.seq)
        if left.reply is not None:
            log.info("posting a reply left over by a stop", extra={"conversation": _pseudonym(cid)})
            await self._post_reply(cid, left.reply)
        elif not left.ran:
            log.info("running a turn left over by a stop", extra={"conversation": _pseudonym(cid)})
            await channel.hub.publish(cid, ServerTyping(active=True))
            await self._turn(cid, line.text, line.seq, typing=True)

    async def _turn(self, cid: str, text: str, line_seq: int, typing: bool) -> None:
        """Run the graph for one shopper line and post its reply; the caller holds the conversation's lock."""
        channel = self.channel
        started = time.perf_counter()
        try:
            reply, _ = await channel.run_turn(cid, text, self.customer_id, line_seq)
        except Exception:  # the edge: one failed turn must not end the connection
            log.exception("turn failed", extra={"conversation": _pseudonym(cid)})
            channel.metrics.inc("shopclerk_turn_errors_total")
            if typing:
                await channel.hub.publish(cid, ServerTyping(active=False))
            await self.error("internal", "Sorry, something went wrong on our side. Please try again.")
            return
        elapsed = time.perf_counter() - started
        channel.metrics.observe_turn(elapsed)
        channel.metrics.inc("shopclerk_turns_total", intent=reply["intent"])
        log.info(
            "turn", extra={"conversation": _pseudonym(cid), "intent": reply["intent"], "ms": round(elapsed * 1000, 1)}
        )
        await self._post_reply(cid, reply, typing=typing)

    async def _post_reply(self, cid: str, reply: Reply, typing: bool = True) -> None:
        """Post the bot's reply to everyone watching (nothing while a person has the conversation)."""
        channel = self.channel
        if reply["intent"] == "silent":
            if typing:
                await channel.hub.publish(cid, ServerTyping(active=False))
            return  # a person has this conversation; they answer through the console
        parts: list[dict[str, Any]] = [dict(part) for part in reply["parts"]]
        if reply["intent"] in CSAT_INTENTS:
            parts.append({"kind": "csat", "data": {"scale": 5}})
        await channel.post(cid, "bot", reply["text"], parts)
        for part in parts:
            if part.get("kind") == "handoff":
                channel.metrics.inc("shopclerk_handoffs_total")
                data = part.get("data") or {}
                await channel.hub.publish(cid, HandoffFrame(state="waiting", reason=data.get("reason")))

    async def _feedback(self, frame: Feedback) -> None:
        cid = self.conversation_id
        if cid is None:
            await self.error("bad_frame", "feedback needs an open conversation: send hello first")
            return
        if not self._allowed():
            await self.error("rate_limited", "You're sending feedback faster than we can record it; please wait.")
            return
        if frame.seq is not None:
            line = await run_in_threadpool(self.channel.transcript.line, cid, frame.seq)
            if line is None or line.role == "shopper":
                await self.error("bad_frame", f"seq: line {frame.seq} is not a reply in this conversation")
                return
        await run_in_threadpool(self.channel.feedback.record, cid, frame.seq, frame.rating)
        kind = "conversation" if frame.seq is None else "reply"
        self.channel.metrics.inc("shopclerk_feedback_total", kind=kind, rating=str(frame.rating))
        await self.push(FeedbackAck(seq=frame.seq, rating=frame.rating))
