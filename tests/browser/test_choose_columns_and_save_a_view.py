"""In a real Chromium, under the CSP: the column control changes the table in place and stays
open, and the filters on screen (chosen with htmx) are what "Save as a new view" saves."""

from __future__ import annotations

import pytest

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.roles import Role
from sampark.core.tests.factories import TeamFactory, make_user
from tests.browser.chromium import ARTIFACTS, browser_page, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]


@pytest.fixture
def agent():  # type: ignore[no-untyped-def]
    desk = TeamFactory(name="Dhaka desk")
    user = make_user(Role.AGENT, desk, username="nusrat")
    ContactFactory(owner=user, team=desk, display_name="Anika Rahman", lifecycle_stage="lead")
    ContactFactory(owner=user, team=desk, display_name="Bishal Roy", lifecycle_stage="customer")
    return user


# The column headings, without the "select all" box's.
HEADINGS = "#contact-results thead th:not(:has(input))"


def test_columns_change_in_place_and_the_filters_on_screen_are_saved(live_server, agent):  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    violations: list[str] = []
    with browser_page() as page:
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        sign_in(page, live_server.url, "nusrat", then="/contacts/")
        page.evaluate("window.stillThisPage = true")
        headings = page.locator(HEADINGS)
        expect(headings).to_have_text(["Name", "Stage", "Email", "Phone", "Owner", "Updated"])

        page.get_by_text("Columns", exact=True).click()
        page.get_by_label("Email", exact=True).uncheck()
        expect(headings).to_have_text(["Name", "Stage", "Phone", "Owner", "Updated"])
        chooser = page.locator("#list-columns")
        expect(chooser).to_have_attribute("open", "")
        page.get_by_role("button", name="Move Phone up").click()
        expect(headings).to_have_text(["Name", "Phone", "Stage", "Owner", "Updated"])
        expect(chooser).to_have_attribute("open", "")

        page.get_by_role("combobox", name="Stage", exact=True).select_option("lead")
        page.wait_for_url("**/contacts/?*stage=lead*")
        expect(page.locator("#contact-results tbody tr")).to_have_count(1)
        assert page.evaluate("window.stillThisPage") is True  # all of it without a page load

        page.get_by_text("Save as a new view").click()
        page.get_by_label("Name of the view").fill("My leads")
        page.get_by_role("button", name="Save view").click()
        page.wait_for_url("**/contacts/?view=*")
        expect(page.locator("#contact-results tbody tr")).to_have_count(1)
        expect(page.locator("#contact-results tbody")).to_contain_text("Anika Rahman")
        expect(page.get_by_label("View", exact=True)).to_have_value(page.url.split("view=")[1])
        expect(headings).to_have_text(["Name", "Phone", "Stage", "Owner", "Updated"])
        page.screenshot(path=str(ARTIFACTS / "saved-view.png"), full_page=True)

        page.get_by_label("View", exact=True).select_option(label="All contacts")
        page.wait_for_url(f"{live_server.url}/contacts/?view=")
        expect(page.locator("#contact-results tbody tr")).to_have_count(2)

    assert violations == []
