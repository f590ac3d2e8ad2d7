"""In a real Chromium, against a real IMAP server: an admin connects the sales mailbox (a wrong
password is caught on its field first), mail arrives, "Check now" makes it a lead, and the
mailbox page lists what the mail became."""

from __future__ import annotations

import pytest

from sampark.core.roles import Role
from sampark.core.tests.factories import TeamFactory, make_user
from sampark.mail.tests.factories import message
from tests.browser.chromium import ARTIFACTS, browser_page, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]


def test_connect_a_mailbox_and_turn_its_mail_into_a_lead(live_server, imap_account, settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    make_user(Role.ADMIN, TeamFactory(name="Dhaka desk"), username="salma")
    violations: list[str] = []
    with browser_page() as page:
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        sign_in(page, live_server.url, "salma", then="/settings/mailboxes/")
        page.get_by_role("link", name="Add a mailbox").click()
        page.get_by_label("Name", exact=True).fill("Sales enquiries")
        page.get_by_label("Address").fill("sales@broker.example")
        page.get_by_label("IMAP server").fill(imap_account.host)
        page.get_by_label("Port", exact=True).fill(str(imap_account.port))
        page.get_by_label("Connection security", exact=True).select_option("none")
        page.get_by_label("User name").fill(imap_account.username)
        page.get_by_label("Password", exact=True).fill("not the password")
        page.get_by_role("button", name="Connect the mailbox").click()

        page.locator("#id_password_error").wait_for()
        assert "user name or password" in page.locator("#id_password_error").inner_text()
        page.get_by_label("Password", exact=True).fill(imap_account.password)
        page.get_by_role("button", name="Connect the mailbox").click()
        page.get_by_role("button", name="Check now").click()  # the first check: after what is there
        page.get_by_text("Working").first.wait_for()

        imap_account.append(
            message(
                sender="ফারহানা আক্তার <farhana@padma.com.bd>",
                subject="সঞ্চয়পত্র সম্পর্কে জানতে চাই",
                body="আমি পরিবারের জন্য একটি অ্যাকাউন্ট খুলতে চাই।",
            )
        )
        page.get_by_role("button", name="Check now").click()
        taken = page.get_by_role("region", name="Mail taken")
        taken.get_by_role("link", name="ফারহানা আক্তার").wait_for()
        assert "New: lead" in taken.inner_text()
        link = taken.get_by_role("link", name="ফারহানা আক্তার")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "mailbox-settings.png"), full_page=True)

        link.click()
        page.get_by_role("heading", name="ফারহানা আক্তার").wait_for()
        assert "সঞ্চয়পত্র সম্পর্কে জানতে চাই" in page.get_by_role("main").inner_text()
    assert violations == []
