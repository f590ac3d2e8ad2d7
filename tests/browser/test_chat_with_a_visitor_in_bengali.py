"""In real Chromium, two browsers: a visitor on the firm's own website opens the chat widget
and writes in Bengali; the agent answers from the inbox (the chat reaches them live, with the
client beside it) and hands the chat to a colleague, which the visitor is told in Bengali; the
visitor ends the chat, and its transcript is on the client's timeline."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator

import pytest

from sampark.chat.models import ChatWidget
from sampark.core.roles import Role
from sampark.core.tests.factories import TeamFactory, make_user
from sampark.service.models import AgentProfile
from tests.browser.chromium import ARTIFACTS, browser_pages, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]

QUESTION = "আমার মাসিক স্টেটমেন্ট কোথায় পাব?"
ANSWER = "আপনার ইমেইলে এখনই পাঠাচ্ছি।"


@pytest.fixture
def firm_site(live_server) -> Iterator[tuple[str, ChatWidget]]:  # type: ignore[no-untyped-def]
    """The firm's own website, on an origin of its own, with the widget's one tag."""
    dhaka = TeamFactory(name="Dhaka desk")
    manager = make_user(Role.MANAGER, dhaka, username="salma")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    origin = f"http://127.0.0.1:{port}"
    widget = ChatWidget.objects.create(
        name="Padma Securities", owner=manager, team=dhaka, allowed_origins=origin
    )
    page = (
        '<!doctype html><html lang="bn"><head><meta charset="utf-8"><title>পদ্মা সিকিউরিটিজ'
        "</title></head><body><h1>পদ্মা সিকিউরিটিজ</h1>"
        f'<script src="{live_server.url}/static/chat/widget.js" data-widget="{widget.key}" '
        f'data-server="{live_server.url}" async></script></body></html>'
    ).encode()

    class Site(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield origin, widget
    finally:
        server.shutdown()


def test_a_visitor_chats_in_bengali_is_handed_on_and_the_transcript_is_on_the_timeline(  # type: ignore[no-untyped-def]
    live_server, chat_server, firm_site
):
    origin, widget = firm_site
    dhaka = widget.team
    agent = make_user(Role.AGENT, dhaka, username="nadia", first_name="Nadia")
    colleague = make_user(Role.AGENT, dhaka, username="karim", first_name="Karim")
    AgentProfile.objects.create(user=agent, languages=["bn", "en"])
    AgentProfile.objects.create(user=colleague, languages=["bn"], availability="away")
    AgentProfile.objects.create(user=widget.owner, availability="away")
    problems: list[str] = []

    with browser_pages(2) as (desk, visitor):
        for page in (desk, visitor):
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        sign_in(desk, live_server.url, "nadia", then="/chat/inbox/")

        visitor.goto(origin)
        visitor.locator("#launcher").click()
        visitor.locator("#f-name").fill("রহিম উদ্দিন")
        visitor.locator("#f-email").fill("rahim@padma.bd")
        assert visitor.locator("#f-language").input_value() == "bn"
        visitor.locator("#start").click()
        visitor.locator("#f-text").fill(QUESTION)
        visitor.locator("#f-text").press("Enter")
        visitor.locator("#log").get_by_text(QUESTION).wait_for()

        chat = desk.locator("[data-conversation]", has_text="রহিম উদ্দিন")
        chat.click()
        desk.locator("[data-log]").get_by_text(QUESTION).wait_for()
        desk.locator("#chat-client").get_by_role("link", name="রহিম উদ্দিন").wait_for()
        desk.locator("#chat-text").fill(ANSWER)
        desk.locator("#chat-text").press("Enter")
        visitor.locator("#log").get_by_text(ANSWER).wait_for()

        desk.locator("[data-transfer-to]").select_option(label="Karim")
        desk.locator("[data-transfer]").click()
        visitor.locator("#log").get_by_text("আপনার উত্তর দিচ্ছেন").wait_for()  # told in Bengali
        ARTIFACTS.mkdir(exist_ok=True)
        visitor.screenshot(path=str(ARTIFACTS / "chat-visitor.png"))
        desk.screenshot(path=str(ARTIFACTS / "chat-inbox.png"), full_page=True)

        visitor.locator("#leave").click()
        visitor.locator("#new").wait_for()

        desk.locator("#chat-client").get_by_role("link", name="রহিম উদ্দিন").click()
        timeline = desk.locator("main")
        timeline.get_by_text(f"রহিম উদ্দিন: {QUESTION}", exact=False).first.wait_for()
        assert ANSWER in timeline.inner_text()
    assert problems == []
