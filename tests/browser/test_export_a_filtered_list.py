"""In a real Chromium: a manager filters the contact list as they type, opens Export, picks XLSX
and gets a file of exactly the contacts on screen — the control followed the filter."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import Team
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from tests.browser.chromium import browser_page, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]


@pytest.fixture
def manager():  # type: ignore[no-untyped-def]
    desk = Team.objects.create(name="Dhaka desk")
    user = make_user(Role.MANAGER, desk, username="shirin")
    for name in ("ফাতেমা খাতুন", "राहुल वर्मा", "Meera Nair"):
        ContactFactory(owner=user, team=desk, display_name=name)
    return user


def test_the_export_holds_the_contacts_filtered_on_screen(live_server, manager):  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    with browser_page(accept_downloads=True) as page:
        problems: list[str] = []
        page.on("console", lambda message: problems.append(message.text))
        sign_in(page, live_server.url, "shirin", then="/contacts/")

        page.get_by_label("Filter contacts").press_sequentially("राहुल")
        expect(page.locator("#contact-results tbody tr")).to_have_count(1)
        page.wait_for_selector('#list-export input[name="q"][value="राहुल"]', state="attached")
        page.locator("#list-export summary").click()
        page.get_by_label("Excel (XLSX)").check()
        with page.expect_download() as download:
            page.locator("#list-export").get_by_role("button", name="Download").click()

        assert download.value.suggested_filename.endswith(".xlsx")
        content = download.value.path().read_bytes()
        assert not [text for text in problems if "Content Security Policy" in text]

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Full name"
    assert [row[0] for row in rows[1:]] == ["राहुल वर्मा"]
