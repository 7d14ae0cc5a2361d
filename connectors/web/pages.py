"""The pages the app serves: the demo shop page at `/` and the embeddable widget script at `/widget.js`."""

from __future__ import annotations

import html
import json
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from connectors.settings import Settings

STATIC_DIR = Path(__file__).resolve().parent / "static"


def _js_string(text: str) -> str:
    """A JS string literal: JSON's, with "<" escaped so "</script>" stays harmless even if the script is inlined."""
    return json.dumps(text).replace("<", "\\u003c")


def widget_script(shop_name: str) -> str:
    """widget.js, one self-contained file: the shop's name and widget.css filled into their slots."""
    source = (STATIC_DIR / "widget.js").read_text(encoding="utf-8")
    css = (STATIC_DIR / "widget.css").read_text(encoding="utf-8")
    return source.replace('"{{shop_name_json}}"', _js_string(shop_name)).replace(
        '"{{widget_css_json}}"', _js_string(css)
    )


def pages_router(settings: Settings) -> APIRouter:
    router = APIRouter()
    template = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    page = template.replace("{{shop_name}}", html.escape(settings.shop_name))
    script = widget_script(settings.shop_name)

    @router.get("/", include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(page)

    @router.get("/widget.js", include_in_schema=False)
    async def widget() -> Response:
        return Response(
            script,
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
        )

    return router
