"""In a real Chromium, against real IMAP and SMTP servers: an agent connects their own mail from
their profile (a folder that is not there is caught on its field first), emails a client from the
client's page through their own server, and the client's answer lands on the client's timeline."""

from __future__ import annotations

import pytest

from sampark.contacts.actions import create_contact
from sampark.core.roles import Role
from sampark.core.tests.factories import TeamFactory, make_user
from sampark.mail.tests.factories import message
from tests.browser.chromium import ARTIFACTS, browser_page, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]

MINE = "nadia@broker.example"


def test_connect_my_mail_email_a_client_and_see_the_answer(  # type: ignore[no-untyped-def]
    live_server, imap_account, smtp_login_server, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    agent = make_user(Role.AGENT, TeamFactory(name="Dhaka desk"), username="nadia", email=MINE)
    client = create_contact(by=agent, display_name="রহিম উদ্দিন", email="rahim@padma.bd")
    smtp_login_server.allow(imap_account.username, imap_account.password)
    imap_account.append(message(sender=MINE, to="someone@else.example"), folder="Sent")
    violations: list[str] = []
    with browser_page() as page:
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        sign_in(page, live_server.url, "nadia", then="/accounts/profile/")
        page.get_by_role("region", name="Your mail").get_by_role(
            "link", name="Connect your mail"
        ).click()
        page.get_by_label("IMAP server").fill(imap_account.host)
        page.get_by_label("Port", exact=True).fill(str(imap_account.port))
        page.get_by_label("Connection security", exact=True).select_option("none")
        page.get_by_label("User name").fill(imap_account.username)
        page.get_by_label("Password", exact=True).fill(imap_account.password)
        page.get_by_label("Sent folder").fill("Sent Items")
        page.get_by_label("SMTP server").fill(smtp_login_server.host)
        page.get_by_label("SMTP port").fill(str(smtp_login_server.port))
        page.get_by_label("SMTP connection security").select_option("none")
        page.get_by_role("button", name="Connect your mail").click()

        page.locator("#id_sent_folder_error").wait_for()
        assert "There is no folder Sent Items" in page.locator("#id_sent_folder_error").inner_text()
        page.get_by_label("Password", exact=True).fill(imap_account.password)
        page.get_by_label("Sent folder").fill("Sent")
        page.get_by_role("button", name="Connect your mail").click()
        page.get_by_role("button", name="Check now").click()  # the first check: after what is there
        page.get_by_text("Working").first.wait_for()

        page.goto(f"{live_server.url}/contacts/{client.pk}/")
        page.get_by_role("link", name="Send an email").click()
        assert "through your own mail server" in page.get_by_role("main").inner_text()
        page.get_by_label("Subject").fill("আপনার স্টেটমেন্ট")
        page.get_by_label("Message").fill("স্টেটমেন্ট সংযুক্ত করা হলো।")
        page.get_by_role("button", name="Send").click()
        page.get_by_role("heading", name="রহিম উদ্দিন").wait_for()

        [sent] = smtp_login_server.messages
        assert sent.login == imap_account.username
        assert MINE in sent.message["From"]
        imap_account.append(
            message(
                sender="Rahim at home <rahim.uddin@home.example>",
                to=MINE,
                subject="Re: আপনার স্টেটমেন্ট",
                body="ধন্যবাদ, পেয়েছি।",
                In_Reply_To=sent.message["Message-ID"],
            )
        )
        page.goto(f"{live_server.url}/accounts/mail/")
        page.get_by_role("button", name="Check now").click()
        taken = page.get_by_role("region", name="Mail taken")
        taken.get_by_role("cell", name="Re: আপনার স্টেটমেন্ট", exact=True).wait_for()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "my-mail.png"), full_page=True)

        page.goto(f"{live_server.url}/contacts/{client.pk}/")
        main = page.get_by_role("main")
        main.get_by_text("Re: আপনার স্টেটমেন্ট").first.wait_for()
        assert "আপনার স্টেটমেন্ট" in main.inner_text()
    assert violations == []
