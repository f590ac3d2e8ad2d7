"""In real Chromium, two browsers: a visitor on the firm's website asks the chat widget's
assistant in Bengali; it answers from the Bengali help-centre article and links to it; the
visitor asks for a person, and the agent's inbox gets the chat with what was said."""

from __future__ import annotations

import pytest

from sampark.chat.models import ChatWidget
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.service.models import AgentProfile
from sampark.service.tests.knowledge_factories import make_article
from tests.browser.chromium import ARTIFACTS, browser_pages, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]

QUESTION = "পাসওয়ার্ড ভুলে গেছি, লগইন করতে পারছি না"
TITLE = "পাসওয়ার্ড ভুলে গেলে কী করবেন"


def test_the_assistant_answers_from_the_article_and_hands_over_on_request(  # type: ignore[no-untyped-def]
    live_server, chat_server, firm_site
):
    origin, widget = firm_site
    ChatWidget.objects.filter(pk=widget.pk).update(assistant=True)
    agent = make_user(Role.AGENT, widget.team, username="nadia", first_name="Nadia")
    AgentProfile.objects.create(user=agent, languages=["bn"])
    AgentProfile.objects.create(user=widget.owner, availability="away")
    make_article(
        widget.owner,
        language="bn",
        title=TITLE,
        body="<p>লগইন পাতায় <strong>পাসওয়ার্ড ভুলে গেছেন</strong> চাপুন। নিবন্ধিত মোবাইলে "
        "একটি ওটিপি যাবে; ওটিপি দিয়ে নতুন পাসওয়ার্ড দিন।</p>",
    )
    make_article(
        widget.owner,
        language="bn",
        title="বিকাশে টাকা জমা দিন",
        body="<p>বিকাশ বা ব্যাংক ট্রান্সফারে জমা দেওয়া টাকা দুই ঘণ্টার মধ্যে ব্যালেন্সে দেখাবে।</p>",
    )
    problems: list[str] = []

    with browser_pages(2) as (desk, visitor):
        for page in (desk, visitor):
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        sign_in(desk, live_server.url, "nadia", then="/chat/inbox/")

        visitor.goto(origin)
        visitor.locator("#launcher").click()
        visitor.locator("#f-name").fill("রহিম")
        visitor.locator("#start").click()
        log = visitor.locator("#log")
        log.locator(".m.bot", has_text="রহিম").wait_for()  # the assistant's greeting
        visitor.locator("#f-text").fill(QUESTION)
        visitor.locator("#f-text").press("Enter")
        source = log.get_by_role("link", name=TITLE)
        source.wait_for()
        assert "ওটিপি" in log.locator(".m.bot").last.inner_text()
        assert source.get_attribute("href").startswith(f"{live_server.url}/help/bn/")
        ARTIFACTS.mkdir(exist_ok=True)
        visitor.screenshot(path=str(ARTIFACTS / "chat-assistant.png"))

        visitor.locator("#person").click()
        log.get_by_text("আপনার উত্তর দিচ্ছেন").wait_for()  # "Nadia is now answering you"
        assert visitor.locator("#person").is_hidden()
        desk.locator("[data-conversation]", has_text="রহিম").click()
        desk.locator("[data-log]").get_by_text(QUESTION).wait_for()
        desk.locator("[data-log]").get_by_text("ওটিপি", exact=False).first.wait_for()
    assert problems == []
