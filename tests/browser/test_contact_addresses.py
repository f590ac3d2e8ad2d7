"""In a real Chromium: a client's addresses are added, changed and removed in the contact form
without any script of ours, kept in Bengali as typed, and shown as plain lines — under the CSP."""

from __future__ import annotations

import pytest

from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from tests.browser.chromium import browser_page, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]


@pytest.fixture
def agent():  # type: ignore[no-untyped-def]
    return make_user(Role.AGENT, username="nusrat")


def test_add_two_addresses_then_remove_one_and_add_another(live_server, agent):  # type: ignore[no-untyped-def]
    violations: list[str] = []
    with browser_page() as page:
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        sign_in(page, live_server.url, "nusrat", then="/contacts/new/")
        page.get_by_label("Name", exact=True).fill("প্রবীর মুখোপাধ্যায়")
        page.locator("#id_country").select_option("BD")
        addresses = page.get_by_role("region", name="Addresses")
        first, second = addresses.locator("fieldset").nth(0), addresses.locator("fieldset").nth(1)
        first.get_by_label("Street address", exact=True).fill("বাড়ি ১২, আগ্রাবাদ")
        first.get_by_label("City or town").fill("চট্টগ্রাম")
        first.get_by_label("Postal code").fill("৪১০০")
        second.get_by_label("Label").select_option("work")
        second.get_by_label("Street address", exact=True).fill("72 Motijheel C/A")
        second.get_by_label("City or town").fill("Dhaka")
        page.get_by_role("button", name="Save").click()

        page.get_by_role("heading", name="প্রবীর মুখোপাধ্যায়").wait_for()
        shown = page.locator("address")
        assert shown.nth(0).inner_text().splitlines() == [
            "বাড়ি ১২, আগ্রাবাদ",
            "চট্টগ্রাম 4100",
            "Bangladesh",
        ]
        assert shown.nth(1).inner_text().splitlines() == ["72 Motijheel C/A", "Dhaka", "Bangladesh"]

        page.get_by_role("link", name="Edit").click()
        addresses = page.get_by_role("region", name="Addresses")
        addresses.locator("fieldset").nth(0).get_by_label("Delete").check()
        extra = addresses.locator("fieldset").nth(2)
        extra.get_by_label("Street address", exact=True).fill("Zindabazar")
        extra.get_by_label("City or town").fill("সিলেট")
        page.get_by_role("button", name="Save").click()

        page.get_by_text("Contact saved.").wait_for()
        cities = [line.splitlines()[-2] for line in page.locator("address").all_inner_texts()]
        assert cities == ["Dhaka", "সিলেট"]
    assert violations == []
