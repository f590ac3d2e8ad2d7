"""In a real Chromium: a deal's line items are edited in place; choosing a product fills its
name and its price in the deal's currency from the server, and saving makes the deal's amount —
under the CSP."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.sales.actions_products import create_product
from sampark.sales.models import Deal
from sampark.sales.tests.factories import make_deal, make_pipeline
from tests.browser.chromium import browser_page, requires_chromium, settled, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]


@pytest.fixture
def deal():  # type: ignore[no-untyped-def]
    agent = make_user(Role.AGENT, username="vikram")
    create_product(
        by=agent,
        name="Portfolio management service",
        code="PMS",
        prices=[{"currency": "INR", "unit_price": Decimal("40000")}],
    )
    create_product(
        by=agent, name="Custody", prices=[{"currency": "BDT", "unit_price": Decimal("2000")}]
    )
    return make_deal(agent, make_pipeline(), amount=Decimal(0), currency="INR")


def test_choose_a_product_and_save_the_lines(live_server, deal):  # type: ignore[no-untyped-def]
    violations: list[str] = []
    with browser_page() as page:
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        from playwright.sync_api import expect

        lines_url = f"/sales/deals/{deal.pk}/lines/"
        sign_in(page, live_server.url, "vikram", then=lines_url)
        page.get_by_role("link", name="Add line items").click()
        page.locator("#id_lines-0-product").wait_for()
        settled(page)

        page.get_by_label("Product").first.select_option(label="Portfolio management service (PMS)")
        expect(page.locator("#id_lines-0-name")).to_have_value("Portfolio management service")
        expect(page.locator("#id_lines-0-unit_price")).to_have_value("40000.00")
        settled(page)
        page.locator("#id_lines-0-quantity").fill("2")
        page.locator("#id_lines-0-discount_percent").fill("10")

        page.locator("#id_lines-1-product").select_option(label="Custody")
        expect(page.locator("#id_lines-1-product_error")).to_contain_text(
            "Custody has no price in INR"
        )
        settled(page)
        # Choosing "Free text" fetches the row again too; typing before it lands would be lost.
        with page.expect_response(lambda response: "/lines/fill/" in response.url):
            page.locator("#id_lines-1-product").select_option(label="Free text")
        settled(page)
        page.locator("#id_lines-1-name").fill("Onboarding")
        page.locator("#id_lines-1-unit_price").fill("1500")

        page.get_by_role("button", name="Save the line items").click()
        expect(page.get_by_role("status")).to_contain_text("The line items were saved.")
        expect(page.locator("#deal-lines-body tfoot")).to_contain_text("73,500.00")
        assert page.url == f"{live_server.url}{lines_url}"  # edited in place
    assert violations == []
    assert Deal.objects.get().amount == Decimal("73500.00")  # 2 x 40,000 less 10 %, + 1,500
