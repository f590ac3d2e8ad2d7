"""In a real Chromium: a client's deal shows on their timeline as it happened (opened, won),
with its amount and a link to the deal, beside the interactions logged with them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sampark.contacts.actions import create_contact, log_activity
from sampark.core.roles import Role
from sampark.core.tests.factories import TeamFactory, make_user
from sampark.sales.actions import win_deal
from sampark.sales.tests.factories import make_deal, make_pipeline
from tests.browser.chromium import ARTIFACTS, browser_page, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]


@pytest.fixture
def client_with_a_won_deal():  # type: ignore[no-untyped-def]
    user = make_user(Role.AGENT, TeamFactory(name="Dhaka desk"), username="nusrat")
    client = create_contact(by=user, display_name="রহিম উদ্দিন", email="rahim@padma.com.bd")
    log_activity(by=user, kind="call", contact=client, subject="Asked about Sanchayapatra")
    deal = make_deal(
        user,
        make_pipeline("Wealth desk"),
        name="Sanchayapatra portfolio",
        amount=Decimal("250000"),
        currency="BDT",
        contact=client,
    )
    win_deal(deal, by=user)
    return client, deal


def test_a_won_deal_shows_on_the_client_s_timeline(live_server, client_with_a_won_deal):  # type: ignore[no-untyped-def]
    client, deal = client_with_a_won_deal
    with browser_page() as page:
        sign_in(page, live_server.url, "nusrat", then=f"/contacts/{client.pk}/")
        timeline = page.locator("#timeline-body")
        timeline.get_by_text("Won").first.wait_for()

        entries = timeline.locator("li[id^='timeline-deal-']")
        assert entries.count() == 2  # opened, then won
        won = entries.filter(has_text="Won")
        assert won.get_by_role("link", name="Sanchayapatra portfolio").get_attribute("href") == (
            f"/sales/deals/{deal.pk}/"
        )
        assert "2,50,000" in won.inner_text()  # the amount, grouped the South Asian way
        assert timeline.get_by_text("Asked about Sanchayapatra").is_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "deal-on-contact-timeline.png"), full_page=True)
