"""The widget and the agent console in real headless Chromium (Debian's), against a real server.

`make test` installs Debian's chromium when /usr/bin/chromium is missing; without it these tests fail.
Screenshots go to the test's tmp directory; with UPDATE_SCREENSHOTS=1 the README's are refreshed in docs/.
"""

from __future__ import annotations

import os
import shutil
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from connectors.orders.sqlite_store import SqliteOrderSystem
from connectors.web.identity import sign

Serve = Callable[..., AbstractContextManager[int]]
CHROMIUM = Path("/usr/bin/chromium")
# OFFLINE.md: these flags keep Chromium from reaching the network or needing a sandbox/GPU.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TOKEN = "browser-test-console-token"
SECRET = "browser-test-identity-secret"
DOCS = Path(__file__).resolve().parents[3] / "docs"
WIDGET = "#shopclerk-widget"

expect.set_options(timeout=20_000)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Debian's chromium is missing ({CHROMIUM}): `make test` installs it, or run "
            "`apt-get update && apt-get install -y chromium`. Never use playwright's own browser download."
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


def _customer_id(data_dir: Path, email: str) -> str:
    store = SqliteOrderSystem(data_dir / "store.sqlite")
    try:
        return store.find_customer(email=email).customer_id
    finally:
        store.close()


def _screenshot(page: Page, tmp_path: Path, name: str, docs_name: str | None = None) -> Path:
    path = tmp_path / name
    page.screenshot(path=str(path))
    if docs_name and os.environ.get("UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(path, DOCS / docs_name)
    return path


class Shopper:
    """Drives the widget on a page the way a person would: the launcher, the input, the buttons."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.panel = page.locator(".sc-panel")
        self.bot = page.locator(".sc-msg--bot")
        self.input = page.get_by_label("Your message")

    def open(self) -> None:
        self.page.get_by_role("button", name="Chat with us").click()
        expect(self.panel).to_have_attribute("data-connection", "online")

    def type(self, text: str) -> None:
        self.input.fill(text)
        self.input.press("Enter")

    def say(self, text: str) -> Locator:
        """Type a line and wait for the bot's answer to it; return that answer."""
        before = self.bot.count()
        self.type(text)
        expect(self.bot).to_have_count(before + 1)
        return self.bot.last

    def click(self, label: str) -> Locator:
        before = self.bot.count()
        self.page.get_by_role("button", name=label).last.click()
        expect(self.bot).to_have_count(before + 1)
        return self.bot.last


def test_widget_chats_reconnects_and_keeps_history(
    browser: Browser, fresh_data_dir: Callable[[str], Path], serve: Serve, tmp_path: Path
) -> None:
    data_dir = fresh_data_dir("data")
    felix = _customer_id(data_dir, "felix.zhang@example.org")
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    shopper = Shopper(page)
    with serve(data_dir, identity_secret=SECRET) as port:
        page.goto(f"http://127.0.0.1:{port}/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Pawsome Pet Supplies")
        shopper.open()
        expect(page.get_by_role("dialog", name="Pawsome Pet Supplies")).to_be_visible()
        page.evaluate(
            """() => {
              const typing = document.querySelector('#shopclerk-widget').shadowRoot.querySelector('.sc-typing');
              window.typingSeen = false;
              new MutationObserver(() => { if (!typing.hidden) window.typingSeen = true; })
                .observe(typing, {attributes: true});
            }"""
        )

        answer = shopper.say("how much protein is in Whiskerwell Kitten Salmon Growth?")
        expect(answer.locator(".sc-text")).to_contain_text("Crude protein: 36%")
        expect(answer.locator(".sc-card__name")).to_have_text("Whiskerwell Kitten Salmon Growth")
        expect(answer.locator(".sc-stock")).to_have_text("In stock")
        assert page.evaluate("window.typingSeen") is True

        picks = shopper.say("can you recommend a dry food for my adult cat?")
        expect(picks.locator(".sc-card")).to_have_count(3)
        first_two = picks.locator(".sc-card__name").all_text_contents()[:2]
        compared = shopper.click("Compare the first two")
        table = compared.locator("table")
        expect(table.locator("thead th")).to_have_text(["", *first_two])
        expect(table.locator("tbody th")).to_contain_text(["Crude protein"])
        expect(picks.get_by_role("button", name="Compare the first two")).to_be_hidden()  # old buttons retire
        _screenshot(page, tmp_path, "widget-comparison.png", "widget.png")

        attack = '<img src=x onerror="window.pwned=1">'
        shopper.say(attack)
        expect(page.locator(".sc-msg--shopper").last.locator(".sc-text")).to_have_text(attack)
        assert page.locator(f"{WIDGET} img").count() == 0
        assert page.evaluate("window.pwned") is None

        asked = shopper.say("I want to cancel my order PS-100715")
        expect(asked).to_contain_text("email")
        expect(shopper.input).to_have_attribute("placeholder", "Your email address")
        expect(shopper.say("felix.zhang@example.org")).to_contain_text("why you'd like to cancel")
        confirm = shopper.say("ordered by mistake")
        expect(confirm).to_contain_text("Shall I go ahead?")
        expect(shopper.click("Yes, go ahead")).to_contain_text("order PS-100715 is cancelled")
        lines = page.locator(".sc-msg[data-seq]")
        shown = lines.count()
        _screenshot(page, tmp_path, "widget-cancelled.png")

    # The server went away: the widget says so, and resumes by itself when it is back.
    expect(shopper.panel).to_have_attribute("data-connection", "reconnecting")
    with serve(data_dir, port=port, identity_secret=SECRET) as port:
        page.evaluate("window.dispatchEvent(new Event('online'))")  # skip the back-off wait
        expect(shopper.panel).to_have_attribute("data-connection", "online")
        expect(lines).to_have_count(shown)  # nothing missed, nothing twice
        expect(shopper.say("thanks!")).to_be_visible()

        page.reload()
        expect(shopper.panel).to_have_attribute("data-connection", "online")  # the panel stays open
        expect(lines).to_have_count(shown + 2)
        expect(page.locator("table")).to_have_count(1)
        expect(page.locator(".sc-msg--bot", has_text="order PS-100715 is cancelled")).to_have_count(1)
        _screenshot(page, tmp_path, "widget-after-reload.png")

        phone = context.new_page()
        phone.set_viewport_size({"width": 390, "height": 844})
        phone.goto(f"http://127.0.0.1:{port}/")
        panel = phone.locator(".sc-panel")
        expect(panel).to_have_attribute("data-connection", "online")
        assert panel.bounding_box() == {"x": 0, "y": 0, "width": 390, "height": 844}
        expect(phone.get_by_label("Your message")).to_be_in_viewport()
        _screenshot(phone, tmp_path, "widget-phone.png")
        phone.keyboard.press("Escape")
        expect(panel).to_be_hidden()
        expect(phone.get_by_role("button", name="Chat with us")).to_be_focused()

        # A shop page for a signed-in customer: the same tag with a signed identity. (Built on the demo page:
        # Chromium blocks a page the test fabricates from opening a socket to a local address.)
        account = browser.new_context(viewport={"width": 1280, "height": 860})
        signed = account.new_page()
        signed.goto(f"http://127.0.0.1:{port}/")
        signed.evaluate(
            """(token) => {
              document.getElementById('shopclerk-widget').remove();
              delete window.shopclerk;
              const tag = document.createElement('script');
              tag.src = '/widget.js';
              tag.dataset.token = token;
              document.body.appendChild(tag);
            }""",
            sign(felix, SECRET),
        )
        customer = Shopper(signed)
        customer.open()
        orders = customer.say("where is my order?")
        expect(orders).to_contain_text("Which order is it about?")
        choice = orders.get_by_role("button").first
        number = (choice.text_content() or "").split(":")[0]
        assert number.startswith("PS-")
        expect(customer.click(choice.text_content() or "")).to_contain_text(number)
        assert customer.errors == []
        account.close()
    context.close()
    assert shopper.errors == []
    store = SqliteOrderSystem(data_dir / "store.sqlite")
    try:
        customer = store.find_customer(email="felix.zhang@example.org")
        assert store.get_order(customer.customer_id, "PS-100715").status == "cancelled"
    finally:
        store.close()


def test_console_claims_replies_live_and_releases(
    browser: Browser, fresh_data_dir: Callable[[str], Path], serve: Serve, tmp_path: Path
) -> None:
    with serve(fresh_data_dir("data"), console_token=TOKEN) as port:
        base = f"http://127.0.0.1:{port}"
        shop_context = browser.new_context(viewport={"width": 1280, "height": 860})
        page = shop_context.new_page()
        shopper = Shopper(page)
        page.goto(base + "/")
        shopper.open()
        shopper.say("I want to talk to a human")
        banner = page.locator(".sc-banner")
        expect(banner).to_contain_text("in the queue")

        console_context = browser.new_context(viewport={"width": 1280, "height": 800})
        console = console_context.new_page()
        console.goto(base + "/console")
        console.get_by_label("Console token").fill(TOKEN)
        console.get_by_label("Your name").fill("Sam")
        console.get_by_role("button", name="Open the console").click()
        item = console.locator(".queue__item")
        expect(item).to_contain_text("asked for a person")
        item.click()
        expect(console.locator("#summary")).to_contain_text("anonymous shopper")
        console.get_by_role("button", name="Claim").click()
        expect(console.locator("#state")).to_contain_text("Claimed by Sam")
        expect(banner).to_have_text("Sam from our team has joined the chat.")

        console.get_by_label("Reply to the shopper").fill("Hi, I'm Sam from the shop. How can I help?")
        console.get_by_role("button", name="Send").click()
        human = page.locator(".sc-msg--human")
        expect(human.locator(".sc-text")).to_have_text("Hi, I'm Sam from the shop. How can I help?")
        expect(human.locator(".sc-author")).to_have_text("Sam (our team)")

        bot_lines = shopper.bot.count()
        shopper.type("My parcel hasn't arrived yet")
        expect(console.locator(".line--shopper").last).to_contain_text("My parcel hasn't arrived yet")
        assert shopper.bot.count() == bot_lines  # the bot stays silent while Sam has it
        _screenshot(console, tmp_path, "console.png", "console.png")
        _screenshot(page, tmp_path, "widget-with-person.png")

        console.reload()  # signed in and on the same conversation after a reload
        expect(console.locator(".line--human")).to_contain_text("Hi, I'm Sam")
        expect(console.locator("#state")).to_contain_text("Claimed by Sam")
        console.get_by_role("button", name="Release to the bot").click()
        expect(console.locator("#state")).to_contain_text("The assistant is handling this conversation")
        expect(page.locator(".sc-msg--note").last).to_have_text("You're chatting with the assistant again.")
        expect(banner).to_be_hidden()
        expect(console.locator(".queue__item")).to_have_count(0)

        goodbye = shopper.say("bye")
        goodbye.get_by_role("button", name="Rate 5 out of 5").click()
        expect(goodbye.locator(".sc-csat")).to_have_text("Thanks for your feedback!")
        expect(shopper.panel).to_have_attribute("data-feedback", "5")
        _screenshot(page, tmp_path, "widget-csat.png")
        with urllib.request.urlopen(base + "/metrics", timeout=5) as response:
            metrics = response.read().decode()
        assert 'shopclerk_feedback_total{kind="conversation",rating="5"} 1' in metrics
        assert "shopclerk_human_replies_total 1" in metrics
        shop_context.close()
        console_context.close()
        assert shopper.errors == []
