"""The FastAPI app: chat page, health check, and the `/ws` conversation endpoint."""

from __future__ import annotations

import html
import json
import logging
import secrets
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
from connectors.web.sessions import ConversationLocks

STATIC_DIR = Path(__file__).resolve().parent / "static"
log = logging.getLogger("shopclerk.web")


def create_app(settings: Settings) -> FastAPI:
    """Build the app for validated settings; the runtime opens and closes with the app's lifespan."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with open_runtime(settings) as runtime:
            app.state.runtime = runtime
            app.state.locks = ConversationLocks()
            yield

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
        session = _Session(websocket, app.state.runtime, app.state.locks, settings)
        try:
            await session.serve()
        except WebSocketDisconnect:
            return

    return app


class _Session:
    """One websocket connection: parses frames, runs turns, answers with protocol frames."""

    def __init__(self, ws: WebSocket, runtime: Runtime, locks: ConversationLocks, settings: Settings) -> None:
        self.ws = ws
        self.runtime = runtime
        self.locks = locks
        self.settings = settings
        self.conversation_id: str | None = None

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
                await self._hello(frame.conversation_id)
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

    async def _hello(self, conversation_id: str | None) -> None:
        self.conversation_id = conversation_id or secrets.token_urlsafe(16)
        history = await run_in_threadpool(self.runtime.conversations.history, self.conversation_id)
        lines = [HistoryLine(role=m["role"], text=m["text"]) for m in history]
        await self.send(Welcome(conversation_id=self.conversation_id, history=lines))

    async def _message(self, frame: ShopperMessage) -> None:
        if self.conversation_id is None:
            await self._hello(None)
        cid = self.conversation_id
        assert cid is not None
        if not self.locks.first_time(cid, frame.client_msg_id):
            await self.send(Ack(client_msg_id=frame.client_msg_id, duplicate=True))
            return
        await self.send(Ack(client_msg_id=frame.client_msg_id))
        async with self.locks.lock(cid):
            try:
                reply, seq = await run_in_threadpool(self.runtime.conversations.send, cid, frame.text)
            except Exception:  # the edge: one failed turn must not end the connection
                log.exception("turn failed in conversation %s", cid)
                await self.error("internal", "Sorry, something went wrong on our side. Please try again.")
                return
        await self.send(BotMessage(seq=seq, text=reply["text"], parts=[dict(part) for part in reply["parts"]]))
