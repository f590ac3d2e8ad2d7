"""In a real Chromium: an agent uploads a HubSpot-style file with bad rows, checks the suggested
mapping, runs the dry run, imports, and downloads the rows to fix with their reasons."""

from __future__ import annotations

import csv
import io

import pytest

from sampark.contacts.models import Contact
from sampark.core.models import Team
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from tests.browser.chromium import browser_page, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]

FILE = (
    "First Name,Last Name,Email,Phone Number,Company Name\n"
    "ফাতেমা,খাতুন,fatema@meghna.com.bd,01711-000001,Meghna Agro\n"
    "राहुल,वर्मा,rahul@ganga.in,+91 98765 43210,Ganga Mills\n"
    "Broken,Email,fatema@@meghna,01711-000002,\n"
    "Bad,Phone,bad.phone@example.com,12,\n"
)


@pytest.fixture
def agent(settings, tmp_path):  # type: ignore[no-untyped-def]
    # Tasks run as they are enqueued, so the test needs no worker process.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path
    desk = Team.objects.create(name="Dhaka desk")
    return make_user(Role.AGENT, desk, username="nasrin", time_zone="Asia/Dhaka")


def test_import_with_bad_rows_and_download_them(live_server, agent):  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    with browser_page(accept_downloads=True) as page:
        problems: list[str] = []
        page.on("console", lambda message: problems.append(message.text))
        sign_in(page, live_server.url, "nasrin", then="/imports/new/")

        page.get_by_label("File").set_input_files(
            {"name": "hubspot-contacts.csv", "mimeType": "text/csv", "buffer": FILE.encode()}
        )
        page.get_by_role("button", name="Upload and map the columns").click()

        # The HubSpot columns are recognised, and the first values shown to map by.
        expect(page.get_by_label("Email", exact=True)).to_have_value("email")
        expect(page.get_by_label("Phone Number")).to_have_value("phone")
        expect(page.get_by_text("fatema@meghna.com.bd")).to_be_visible()

        page.get_by_role("button", name="Check (dry run)").click()
        dry_run = page.locator("section", has=page.get_by_role("heading", name="Dry run"))
        expect(dry_run.locator("dd")).to_have_text(["2", "0", "0", "0", "2"])
        expect(page.get_by_role("heading", name="Result")).to_have_count(0)

        page.get_by_role("button", name="Import", exact=True).click()
        expect(page.get_by_role("heading", name="Result")).to_be_visible()
        expect(page.get_by_role("heading", name="Rows not imported")).to_be_visible()
        with page.expect_download() as download:
            page.get_by_role("link", name="Download the rows to fix (CSV)").click()
        content = download.value.path().read_bytes().decode("utf-8-sig")
        assert not [text for text in problems if "Content Security Policy" in text]

    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:2] == ["Row", "First Name"]
    assert [row[0] for row in rows[1:]] == ["3", "4"]
    assert "fatema@@meghna" in rows[1][3]
    assert "Email" in rows[1][-1]  # each says what is wrong, field by field
    assert "Phone" in rows[2][-1]
    assert set(Contact.objects.values_list("display_name", flat=True)) == {
        "ফাতেমা খাতুন",
        "राहुल वर्मा",
    }
