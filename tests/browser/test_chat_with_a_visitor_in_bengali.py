"""In real Chromium, two browsers: a visitor on the firm's own website opens the chat widget
and writes in Bengali; the agent answers from the inbox (the chat reaches them live, with the
client beside it) and hands the chat to a colleague, which the visitor is told in Bengali; the
visitor ends the chat, and its transcript is on the client's timeline."""

from __future__ import annotations

import pytest

from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.service.models import AgentProfile
from tests.browser.chromium import ARTIFACTS, browser_pages, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]

QUESTION = "আমার মাসিক স্টেটমেন্ট কোথায় পাব?"
ANSWER = "আপনার ইমেইলে এখনই পাঠাচ্ছি।"


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
