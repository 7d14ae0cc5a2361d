"""The FastAPI app: pages, agent console, health and readiness, metrics, and the `/ws` conversation endpoint."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version
from urllib.parse import urlsplit

from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from connectors.assemble import Runtime, open_runtime
from connectors.settings import Settings
from connectors.web.channel import Channel
from connectors.web.console import console_router
from connectors.web.feedback import FeedbackStore
from connectors.web.limits import AddressLimits
from connectors.web.metrics import Metrics
from connectors.web.pages import STATIC_DIR, pages_router
from connectors.web.session import WebSession
from connectors.web.transcript import Transcript
from knowledge.watcher import KnowledgeWatcher


def origin_allowed(origin: str | None, host: str | None, allowed: list[str]) -> bool:
    """Browsers always send Origin: it must be listed, or be this server itself when nothing is listed.

    Non-browser clients (no Origin header) are allowed: they cannot ride a shopper's browser.
    """
    if origin is None:
        return True
    origin = origin.rstrip("/")
    if allowed:
        return origin in allowed
    return host is not None and urlsplit(origin).netloc == host


def create_app(settings: Settings) -> FastAPI:
    """Build the app for validated settings; the runtime opens and closes with the app's lifespan."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with open_runtime(settings) as runtime:
            transcript = Transcript(settings.channel_path)
            feedback = FeedbackStore(settings.channel_path)
            # Merchants edit knowledge files while the server runs: re-index within seconds, keep serving.
            watcher = KnowledgeWatcher(runtime.knowledge)
            watcher.start()
            try:
                app.state.runtime = runtime
                app.state.channel = Channel(
                    runtime,
                    transcript,
                    settings.identity_secret,
                    metrics=Metrics(),
                    address_limits=AddressLimits(settings.ip_rate_limit_per_minute),
                    feedback=feedback,
                    turn_workers=settings.turn_workers,
                )
                yield
            finally:
                app.state.channel.close()
                watcher.stop()
                feedback.close()
                transcript.close()

    app = FastAPI(title="shopclerk", version=version("shopclerk"), lifespan=lifespan)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(pages_router(settings))
    app.include_router(console_router(settings))

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        runtime: Runtime = app.state.runtime
        return {"status": "ok", "version": version("shopclerk"), "mode": runtime.mode}

    @app.get("/readyz")
    async def readyz() -> JSONResponse:
        channel: Channel = app.state.channel
        try:
            await run_in_threadpool(channel.transcript.check)
        except sqlite3.Error as exc:
            return JSONResponse({"status": "not ready", "reason": f"channel database: {exc}"}, status_code=503)
        return JSONResponse({"status": "ready"})

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> PlainTextResponse:
        channel: Channel = app.state.channel
        return PlainTextResponse(channel.metrics.render(), media_type="text/plain; version=0.0.4")

    @app.websocket("/ws")
    async def ws(websocket: WebSocket) -> None:
        if not origin_allowed(websocket.headers.get("origin"), websocket.headers.get("host"), settings.allowed_origins):
            await websocket.close(code=1008, reason="origin not allowed")
            return
        await websocket.accept()
        channel: Channel = app.state.channel
        channel.metrics.inc("shopclerk_connections_total")
        address = websocket.client.host if websocket.client else "unknown"
        session = WebSession(websocket, channel, settings, address)
        try:
            await session.serve()
        except WebSocketDisconnect:
            return

    return app
