"""In a real Chromium, under the strict CSP, with mail through a real SMTP server: a client asks
on the public web form; the agent answers with a canned response in the client's language,
picked with Ctrl+Shift+K, and solves the ticket; the client signs in to the portal by an emailed
link, reads the answer and rates it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from sampark.core.roles import Role
from sampark.core.tests.factories import TeamFactory, make_user
from sampark.mail.actions import create_mailbox
from sampark.mail.models import Purpose, Security
from sampark.service.canned import create_canned
from sampark.service.models import Rating, Satisfaction, Ticket, TicketStatus
from tests.browser.chromium import ARTIFACTS, browser_page, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]

CLIENT = "farhana@padma.com.bd"
LINK = re.compile(r"https?://\S+/support/sign-in/\S+/")


def test_web_form_to_canned_answer_to_portal_rating(live_server, smtp_settings, settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.SAMPARK_SITE_URL = live_server.url
    team = TeamFactory(name="Dhaka desk")
    admin = make_user(Role.ADMIN, team, username="admin")
    agent = make_user(Role.AGENT, team, username="nadia", first_name="Nadia", last_name="Islam")
    # The desk's address: new tickets from the web form go to its owner's queue.
    create_mailbox(
        by=admin,
        password="unused",
        name="Help desk",
        address="help@broker.example",
        host="127.0.0.1",
        port=1,
        security=Security.NONE,
        username="help",
        purpose=Purpose.TICKETS,
        owner=agent,
        is_active=True,
    )
    create_canned(by=agent, name="Card unblocked", language="en", body="Dear {client_name}, done.")
    create_canned(
        by=agent,
        name="Card unblocked",
        language="bn",
        body="প্রিয় {client_name}, আপনার কার্ড আবার চালু হয়েছে ({ticket_number})। — {agent_name}",
    )
    problems: list[str] = []

    with browser_page() as page:
        page.on(
            "console",
            lambda m: problems.append(f"client {page.url} {m.text}") if m.type == "error" else None,
        )
        # The client asks, in Bengali.
        page.goto(f"{live_server.url}/support/new/")
        page.get_by_label("Your name").fill("ফারহানা আক্তার")
        page.get_by_label("Email").fill(CLIENT)
        page.get_by_label("Subject").fill("কার্ড বন্ধ হয়ে গেছে")
        page.get_by_label("How can we help?").fill("গতকাল থেকে কার্ডে লেনদেন করা যাচ্ছে না।")
        page.get_by_label("Answer me in").select_option("bn")
        page.wait_for_timeout(3000)  # a person takes longer than the stamp's few seconds
        page.get_by_role("button", name="Send").click()
        number = page.locator("strong").first
        number.wait_for()
        ticket_number = number.inner_text()

        # The agent answers with the canned response, in the client's language.
        desk = page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        desk.on(
            "console",
            lambda m: problems.append(f"desk {desk.url} {m.text}") if m.type == "error" else None,
        )
        sign_in(desk, live_server.url, "nadia", then="/service/")
        desk.get_by_role("link", name=re.compile(re.escape(ticket_number))).click()
        desk.get_by_role("heading", name=re.compile("কার্ড বন্ধ হয়ে গেছে")).wait_for()
        desk.get_by_label("Message").click()
        desk.keyboard.press("Control+Shift+K")
        picker = desk.get_by_label(re.compile("Insert a canned response"))
        expect(picker).to_be_focused()
        picker.select_option(label="Card unblocked")
        body = desk.get_by_label("Message")
        desk.wait_for_function(
            "() => document.querySelector('#id_body').value.includes('ফারহানা আক্তার')"
        )
        assert f"({ticket_number})। — Nadia Islam" in body.input_value()
        desk.get_by_label("Then set the status to").select_option("solved")
        desk.get_by_role("button", name="Send").click()
        desk.get_by_text(f"Reply sent to {CLIENT}").wait_for()
        ARTIFACTS.mkdir(exist_ok=True)
        desk.screenshot(path=str(ARTIFACTS / "ticket-answered.png"), full_page=True)

        # The client signs in by the emailed link, reads the answer and rates it.
        page.goto(f"{live_server.url}/support/sign-in/")
        page.get_by_label("Email").fill(CLIENT)
        page.get_by_role("button", name="Send me a link").click()
        page.wait_for_url(re.compile("/support/sign-in/sent/"))
        mails = [m.message for m in smtp_settings.messages if CLIENT in m.recipients]
        links = [
            found.group(0)
            for mail in mails
            if (found := LINK.search(mail.get_body(preferencelist=("plain",)).get_content()))
        ]
        assert links, "no sign-in link was mailed"
        page.goto(links[-1])
        # From here the portal speaks the client's language: the controls are found by place.
        page.locator("form[action*='/support/sign-in/'] button[type=submit]").click()
        page.get_by_role("link", name=re.compile("কার্ড বন্ধ হয়ে গেছে")).click()
        thread = page.get_by_role("region", name=re.compile(".+")).first
        page.get_by_text("আপনার কার্ড আবার চালু হয়েছে").wait_for()
        page.locator("input[name=rating][value='5']").check()
        page.locator("form[action$='/rate/'] button[type=submit]").click()
        page.wait_for_load_state()
        page.screenshot(path=str(ARTIFACTS / "portal-rated.png"), full_page=True)
        assert thread is not None

    assert problems == [], problems
    ticket = Ticket.objects.get()
    assert ticket.status == TicketStatus.SOLVED
    rating = Satisfaction.objects.get(ticket=ticket)
    assert (rating.rating, rating.agent_id) == (Rating.GREAT, agent.pk)
