"""The FastAPI app: chat page, health check, and the `/ws` conversation endpoint."""

from __future__ import annotations

import html
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version
from pathlib import Path

from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from connectors.assemble import Runtime, open_runtime
from connectors.settings import Settings
from connectors.web.channel import Channel, ConversationForbidden
from connectors.web.identity import IdentityError
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
from connectors.web.transcript import Transcript

STATIC_DIR = Path(__file__).resolve().parent / "static"
log = logging.getLogger("shopclerk.web")


def create_app(settings: Settings) -> FastAPI:
    """Build the app for validated settings; the runtime opens and closes with the app's lifespan."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with open_runtime(settings) as runtime:
            transcript = Transcript(settings.channel_path)
            try:
                app.state.runtime = runtime
                app.state.channel = Channel(runtime, transcript, settings.identity_secret)
                yield
            finally:
                transcript.close()

    app = FastAPI(title="shopclerk", version=version("shopclerk"), lifespan=lifespan)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    template = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    page = template.replace("{{shop_name}}", html.escape(settings.shop_name))

    @app.get("/", include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(page)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        runtime: Runtime = app.state.runtime
        return {"status": "ok", "version": version("shopclerk"), "mode": runtime.mode}

    @app.websocket("/ws")
    async def ws(websocket: WebSocket) -> None:
        await websocket.accept()
        session = _Session(websocket, app.state.channel, settings)
        try:
            await session.serve()
        except WebSocketDisconnect:
            return

    return app


class _Session:
    """One websocket connection: parses frames, runs turns, answers with protocol frames."""

    def __init__(self, ws: WebSocket, channel: Channel, settings: Settings) -> None:
        self.ws = ws
        self.channel = channel
        self.settings = settings
        self.conversation_id: str | None = None
        self.customer_id: str | None = None

    async def send(self, frame: BaseModel) -> None:
        await self.ws.send_text(frame.model_dump_json())

    async def error(self, code: ErrorCode, text: str) -> None:
        await self.send(ErrorFrame(code=code, text=text))

    async def serve(self) -> None:
        while True:
            raw = await self.ws.receive_text()
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
            try:
                reply, _ = await run_in_threadpool(self.channel.runtime.conversations.send, cid, frame.text)
            except Exception:  # the edge: one failed turn must not end the connection
                log.exception("turn failed in conversation %s", cid)
                await self.error("internal", "Sorry, something went wrong on our side. Please try again.")
                return
            parts = [dict(part) for part in reply["parts"]]
            bot = await run_in_threadpool(self.channel.transcript.append, cid, "bot", reply["text"], parts)
        assert bot is not None
        await self.send(BotMessage(seq=bot.seq, text=bot.text, parts=bot.parts))
