"""In a real Chromium: the timeline loads on the contact page, "Older" appends the next page,
the kind select swaps in its fields, logging, editing and deleting work in place — under the CSP."""

from __future__ import annotations

import datetime

import pytest

from sampark.contacts.models import Activity
from sampark.contacts.tests.activity_factories import PDF, ActivityFactory
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from tests.browser.chromium import browser_page, requires_chromium, settled, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def contact():  # type: ignore[no-untyped-def]
    user = make_user(Role.ADMIN, username="nusrat")
    contact = ContactFactory(owner=user, display_name="Meera Nair")
    start = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    for n in range(25):
        ActivityFactory(
            contact=contact,
            owner=user,
            subject=f"Earlier call {n}",
            occurred_at=start + datetime.timedelta(hours=n),
        )
    return contact


def test_log_edit_and_delete_a_meeting_in_place(live_server, contact):  # type: ignore[no-untyped-def]
    violations: list[str] = []
    with browser_page() as page:
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        from playwright.sync_api import expect

        sign_in(page, live_server.url, "nusrat", then=f"/contacts/{contact.pk}/")
        entries = page.locator("#timeline-entries li[id^=activity-]")
        entries.first.wait_for()
        assert entries.count() == 20
        assert entries.first.inner_text().count("Earlier call 24") == 1

        page.get_by_role("link", name="Older").click()
        expect(entries).to_have_count(25)

        page.locator("summary", has_text="Log an interaction").click()
        page.get_by_role("region", name="Interactions").get_by_label("Kind").select_option(
            "meeting"
        )
        page.get_by_label("Location").wait_for()
        settled(page)
        assert page.get_by_label("Duration").count() == 0
        page.get_by_label("Subject").fill("Site visit")
        page.get_by_label("Location").fill("Gulshan office")
        page.get_by_label("Starts").fill("2026-04-01T10:00")
        page.get_by_label("Ends").fill("2026-04-01T09:00")
        page.get_by_role("button", name="Log it").click()
        page.get_by_text("A meeting cannot end before it starts.").wait_for()

        page.get_by_label("Ends").fill("2026-04-01T11:00")
        page.get_by_label("Attachments").set_input_files(
            files=[{"name": "agenda.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        page.get_by_role("button", name="Log it").click()
        page.get_by_text("Interaction logged.").wait_for()
        assert "Site visit" in entries.first.inner_text()
        assert "Gulshan office" in entries.first.inner_text()
        with page.expect_download() as download:
            entries.first.get_by_role("link", name="agenda.pdf").click()
        assert download.value.suggested_filename == "agenda.pdf"

        # Edit in place, then delete after confirming.
        entries.first.get_by_role("link", name="Edit").click()
        page.locator("#timeline-entries form").get_by_label("Subject").fill("Site visit, Gulshan")
        page.locator("#timeline-entries form").get_by_role("button", name="Save").click()
        expect(entries.first).to_contain_text("Site visit, Gulshan")
        page.on("dialog", lambda dialog: dialog.accept())
        entries.first.get_by_role("link", name="Delete").click()
        expect(entries).to_have_count(19)  # the first page again after logging, less one
        expect(entries.first).to_contain_text("Earlier call 24")

    assert violations == []
    assert not Activity.objects.filter(location="Gulshan office").exists()
    assert Activity.objects.count() == 25
