"""The widget script and the pages around it: self-contained, escaped, no HTML parsing of any text."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from connectors.settings import Settings
from connectors.web.app import create_app
from connectors.web.pages import STATIC_DIR, widget_script

MakeSettings = Callable[..., Settings]
# Ways a script can turn a string into markup; none may appear in code that shows server text.
HTML_SINKS = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function")


def test_widget_script_is_one_self_contained_file(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        script = client.get("/widget.js")
    assert script.headers["content-type"] == "text/javascript; charset=utf-8"
    assert "{{" not in script.text
    assert f'var SHOP_NAME = "{settings.shop_name}";' in script.text
    assert ".sc-launcher" in script.text  # the CSS travels inside the script
    code = "\n".join(line for line in script.text.splitlines() if not line.lstrip().startswith("//"))
    code = code.replace('"http://www.w3.org/2000/svg"', "")  # a namespace name, never fetched
    assert not re.search(r"https?://", code)  # no CDN: the socket URL is derived from where the script came from


def test_shop_name_is_a_safe_js_string_in_the_widget() -> None:
    script = widget_script('Bad "Pets" </script><script>alert(1)</script>\u2028')
    assert 'var SHOP_NAME = "Bad \\"Pets\\" \\u003c/script>\\u003cscript>alert(1)\\u003c/script>\\u2028";' in script
    assert "alert(1)</script>" not in script


def test_no_script_turns_text_into_markup() -> None:
    for name in ("widget.js", "console.js"):
        source = (STATIC_DIR / name).read_text(encoding="utf-8")
        assert not HTML_SINKS.search(source), name


def test_demo_page_embeds_the_widget_with_one_tag_and_nothing_external(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        page = client.get("/").text
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/widget.js" defer>']
    assert "://" not in page
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+)"', page):
        assert (STATIC_DIR / asset.removeprefix("/static/")).is_file(), asset
