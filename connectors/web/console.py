"""The agent console: the `/console` page and its token-protected API over the hand-off queue and transcripts."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from starlette.concurrency import run_in_threadpool

from connectors.handoff.models import Handoff, HandoffError, HandoffNotFound
from connectors.settings import Settings
from connectors.web.channel import Channel
from connectors.web.pages import STATIC_DIR
from connectors.web.protocol import CONVERSATION_ID
from connectors.web.transcript import Line

T = TypeVar("T")
DISABLED = "The agent console is disabled: set SHOPCLERK_CONSOLE_TOKEN to enable it."
ConversationId = Annotated[str, StringConstraints(pattern=CONVERSATION_ID)]


class ClaimRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    agent: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]


class ReplyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class ConversationView(BaseModel):
    """One conversation as the console shows it: lines after `after`, its hand-off, whether the shopper is there."""

    conversation_id: str
    lines: list[Line]
    handoff: Handoff | None
    shopper_online: bool = Field(description="At least one of the shopper's windows is connected.")
    shopper_typing: bool


def _channel(request: Request) -> Channel:
    channel: Channel = request.app.state.channel
    return channel


# Module level: FastAPI resolves the (postponed) annotations of route functions in this module's namespace.
ChannelDep = Annotated[Channel, Depends(_channel)]


async def _queue(call: Callable[[], T]) -> T:
    """Run a queue operation; its typed refusals become HTTP errors here, at the edge."""
    try:
        return await run_in_threadpool(call)
    except HandoffNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    except HandoffError as exc:
        raise HTTPException(409, str(exc)) from exc


def console_router(settings: Settings) -> APIRouter:
    token = settings.console_token

    def agent_only(request: Request) -> None:
        if token is None:
            raise HTTPException(404, DISABLED)
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token.get_secret_value().encode()):
            raise HTTPException(401, "A valid console token is needed.", headers={"WWW-Authenticate": "Bearer"})

    page = (STATIC_DIR / "console.html").read_text(encoding="utf-8")
    router = APIRouter()
    api = APIRouter(prefix="/console/api", dependencies=[Depends(agent_only)])

    @router.get("/console", include_in_schema=False)
    async def console_page() -> HTMLResponse:
        if token is None:
            return HTMLResponse(f"<!doctype html><title>Console disabled</title><p>{DISABLED}</p>", status_code=404)
        return HTMLResponse(page)

    @api.get("/handoffs")
    async def handoffs(channel: ChannelDep) -> list[Handoff]:
        """Waiting and claimed hand-offs, oldest first, with their summaries."""
        return await _queue(channel.runtime.handoffs.pending)

    @api.get("/conversations/{conversation_id}")
    async def conversation(
        conversation_id: ConversationId, channel: ChannelDep, after: Annotated[int, Query(ge=0)] = 0
    ) -> ConversationView:
        if await run_in_threadpool(channel.transcript.owner, conversation_id) is None:
            raise HTTPException(404, "no such conversation")
        lines = await run_in_threadpool(channel.transcript.since, conversation_id, after, 500)
        active = await _queue(lambda: channel.runtime.handoffs.active(conversation_id))
        return ConversationView(
            conversation_id=conversation_id,
            lines=lines,
            handoff=active,
            shopper_online=channel.hub.watching(conversation_id) > 0,
            shopper_typing=channel.shopper_typing(conversation_id),
        )

    async def _announced(channel: Channel, change: Callable[[], Handoff]) -> Handoff:
        handoff = await _queue(change)
        await channel.announce(handoff)
        return handoff

    @api.post("/handoffs/{handoff_id}/claim")
    async def claim(handoff_id: int, body: ClaimRequest, channel: ChannelDep) -> Handoff:
        return await _announced(channel, lambda: channel.runtime.handoffs.claim(handoff_id, body.agent))

    @api.post("/handoffs/{handoff_id}/release")
    async def release(handoff_id: int, channel: ChannelDep) -> Handoff:
        """Give the conversation back to the bot."""
        return await _announced(channel, lambda: channel.runtime.handoffs.release(handoff_id))

    @api.post("/conversations/{conversation_id}/reply")
    async def reply(conversation_id: ConversationId, body: ReplyRequest, channel: ChannelDep) -> Line:
        """Say something to the shopper as a person; only in a hand-off you (or a colleague) claimed."""
        if len(body.text) > settings.max_message_chars:
            raise HTTPException(422, f"replies are limited to {settings.max_message_chars} characters")
        active = await _queue(lambda: channel.runtime.handoffs.active(conversation_id))
        if active is None or active.status != "claimed":
            raise HTTPException(409, "claim this conversation's hand-off before replying")
        line = await channel.human_reply(conversation_id, body.text)
        channel.metrics.inc("shopclerk_human_replies_total")
        return line

    router.include_router(api)
    return router
