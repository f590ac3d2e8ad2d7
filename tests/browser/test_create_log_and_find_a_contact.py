"""In a real Chromium: add a client with a Bengali name and a local phone number, log a call,
add a task, then find them from the header's search box by a Bengali prefix and by the number
as typed."""

from __future__ import annotations

import pytest

from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from tests.browser.chromium import ARTIFACTS, browser_page, requires_chromium, settled, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]


@pytest.fixture
def agent():  # type: ignore[no-untyped-def]
    return make_user(Role.AGENT, username="nusrat")


def search(page, text):  # type: ignore[no-untyped-def]
    box = page.get_by_role("searchbox", name="Search", exact=True)  # the header's box
    box.fill(text)
    box.press("Enter")
    page.wait_for_load_state("networkidle")


def test_create_log_a_call_and_find_by_prefix_and_phone(live_server, agent):  # type: ignore[no-untyped-def]
    with browser_page() as page:
        sign_in(page, live_server.url, "nusrat", then="/contacts/new/")
        page.get_by_label("Name", exact=True).fill("প্রবীর মুখোপাধ্যায়")
        page.locator("#id_country").select_option("BD")  # the contact's; addresses have one too
        page.get_by_label("Phone", exact=True).fill("01711-000042")
        page.get_by_role("button", name="Save").click()
        page.get_by_role("heading", name="প্রবীর মুখোপাধ্যায়").wait_for()
        assert page.get_by_role("link", name="+8801711000042").is_visible()

        page.locator("summary", has_text="Log an interaction").click()
        page.get_by_role("region", name="Interactions").get_by_label("Kind").select_option("note")
        page.get_by_label("Duration").wait_for(state="detached")  # the note's fields are in
        settled(page)
        page.get_by_role("region", name="Interactions").get_by_label("Kind").select_option("call")
        page.get_by_label("Duration").wait_for()  # the call's fields have been swapped in
        settled(page)
        page.get_by_label("Subject").fill("Asked about margin rules")
        page.get_by_role("button", name="Log it").click()
        page.get_by_text("Interaction logged.").wait_for()
        assert "Asked about margin rules" in page.locator("#timeline-entries").inner_text()

        # Adds a task on the contact's page: it is listed with its due time.
        tasks = page.get_by_role("region", name="Tasks")
        tasks.locator("summary", has_text="Add a task").click()
        tasks.get_by_label("Title").fill("Send the margin rules")
        tasks.get_by_label("Due", exact=True).fill("2030-01-02T10:00")
        tasks.get_by_role("button", name="Add task").click()
        page.get_by_text("Task added.").wait_for()
        listed = page.locator("#tasks-body .task-list").inner_text()
        assert "Send the margin rules" in listed
        assert "2 Jan" in listed

        search(page, "মুখো")
        results = page.get_by_role("main")
        assert results.get_by_role("link", name="প্রবীর মুখোপাধ্যায়").is_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "search-bengali-prefix.png"), full_page=True)

        search(page, "01711 000042")
        assert results.get_by_role("link", name="প্রবীর মুখোপাধ্যায়").is_visible()
        search(page, "000042")  # a fragment of the number
        assert results.get_by_role("link", name="প্রবীর মুখোপাধ্যায়").is_visible()
