"""In real Chromium: an agent answers a Bengali chat with a canned response picked by keyboard
("/", a few letters, arrows, Enter: the Bengali variant first, filled in with the visitor's
name), sets themselves away from the inbox's header and comes back to the same chat, ends it, then
finds it by what was said in the header search and opens its transcript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from sampark.chat import actions
from sampark.chat.models import ChatWidget
from sampark.core.roles import Role
from sampark.core.tests.factories import TeamFactory, make_user
from sampark.service import canned
from sampark.service.models import AgentProfile
from tests.browser.chromium import browser_page, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]

QUESTION = "আমার মাসিক স্টেটমেন্ট কোথায় পাব?"


def test_an_agent_answers_with_a_canned_response_and_finds_the_chat_again(  # type: ignore[no-untyped-def]
    live_server, chat_server
):
    dhaka = TeamFactory(name="Dhaka desk")
    manager = make_user(Role.MANAGER, dhaka, username="salma")
    agent = make_user(Role.AGENT, dhaka, username="nadia", first_name="Nadia")
    AgentProfile.objects.create(user=agent, languages=["bn", "en"])
    AgentProfile.objects.create(user=manager, availability="away")
    widget = ChatWidget.objects.create(
        name="Padma Securities", owner=manager, team=dhaka, allowed_origins="https://x.example"
    )
    canned.create_canned(by=agent, name="Statement", language="en", body="Hello {client_name}")
    canned.create_canned(
        by=agent,
        name="Statement",
        language="bn",
        body="{client_name}, স্টেটমেন্ট অ্যাপের ডকুমেন্টসে আছে। — {agent_name}",
    )
    canned.create_canned(by=agent, name="Goodbye", language="en", body="Goodbye!")
    conversation = actions.start(
        widget, origin="https://x.example", name="রহিম উদ্দিন", language="bn"
    ).conversation
    actions.visitor_says(conversation, QUESTION)
    assert conversation.agent == agent
    filled = "রহিম উদ্দিন, স্টেটমেন্ট অ্যাপের ডকুমেন্টসে আছে। — Nadia"
    problems: list[str] = []

    with browser_page() as page:
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        sign_in(page, live_server.url, "nadia", then="/chat/inbox/")
        page.locator("[data-conversation]", has_text="রহিম উদ্দিন").click()
        page.locator("[data-log]").get_by_text(QUESTION).wait_for()

        box = page.locator("#chat-text")
        box.press("/")
        options = page.locator("#chat-canned [role=option]")
        expect(options).to_have_count(2)  # one per name: the Bengali "Statement" first
        expect(options.first).to_contain_text("স্টেটমেন্ট অ্যাপের")
        box.press_sequentially("go")
        expect(options).to_have_count(1)
        expect(options.first).to_contain_text("Goodbye")
        box.press("Escape")
        expect(page.locator("#chat-canned")).to_be_hidden()
        box.fill("")

        box.press("/")
        box.press_sequentially("stat")
        expect(options).to_have_count(1)
        box.press("ArrowDown")  # one option: stays on it
        box.press("Enter")  # inserts, does not send
        expect(box).to_have_value(filled)
        expect(page.locator("#chat-canned")).to_be_hidden()
        box.press("Enter")  # sends
        page.locator("[data-log]").get_by_text(filled).wait_for()

        page.locator("#my-availability").select_option("away")
        page.get_by_role("button", name="Set", exact=True).click()
        page.wait_for_url(f"**/chat/inbox/#chat-{conversation.pk}")
        page.locator("[data-log]").get_by_text(filled).wait_for()  # the same chat, open again
        expect(page.locator("#my-availability")).to_have_value("away")

        page.on("dialog", lambda dialog: dialog.accept())  # "End this chat?"
        page.locator("[data-end]").click()
        expect(box).to_be_disabled()

        page.goto(f"{live_server.url}/search/?q=স্টেটমেন্ট")  # what was said, once it ended
        page.get_by_role("link", name="রহিম উদ্দিন").click()
        page.wait_for_url(f"**/chat/inbox/{conversation.pk}/")
        page.get_by_text(QUESTION).wait_for()
    assert problems == []
    assert AgentProfile.objects.get(user=agent).availability == "away"
