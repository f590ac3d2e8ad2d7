"""In real Chromium: a marketer builds a segment with a nested group of conditions ("clients in
Bangladesh who traded at least 3 times in the last 30 days, or are tagged VIP"), watching the
live count change with each condition, saves it, and opens its members in the contact list; then
writes a campaign to it, sends herself a test that arrives at the local SMTP server, and sends
it: the members who agreed to marketing email get it, in their language."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sampark.contacts.models import Contact, Tag, TransactionKind
from sampark.contacts.tests.factories import ContactFactory
from sampark.contacts.tests.transaction_factories import TransactionFactory
from sampark.core.roles import Role
from sampark.core.tests.factories import TeamFactory, make_user
from sampark.marketing import tasks
from sampark.marketing.actions_consent import record_consent
from sampark.marketing.models import Campaign, Channel, ConsentSource, ConsentStatus, Segment
from sampark.marketing.tests.factories import make_sender, make_template
from tests.browser.chromium import ARTIFACTS, browser_page, requires_chromium, settled, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]


def agreed(contact: Contact) -> None:
    record_consent(
        contact,
        Channel.EMAIL,
        ConsentStatus.GRANTED,
        source=ConsentSource.AGENT,
        wording="Yes, send me the weekly market notes.",
    )


def test_a_marketer_builds_a_nested_segment_sees_the_count_and_sends_a_campaign(  # type: ignore[no-untyped-def]
    live_server, smtp_settings
):
    dhaka = TeamFactory(name="Dhaka desk")
    marketer = make_user(Role.MANAGER, dhaka, username="farhana")
    vip = Tag.objects.create(name="VIP")

    def client(name: str, country: str, trades: int = 0, language: str = "en") -> None:
        contact = ContactFactory(
            owner=marketer,
            team=dhaka,
            display_name=name,
            given_name=name.split()[0],
            country=country,
            language=language,
            email=f"{name.split()[0].lower()}@example.com",
        )
        if name != "Karim Sheikh":  # Karim never agreed to marketing email
            agreed(contact)
        for day in range(trades):
            TransactionFactory(
                contact=contact,
                owner=marketer,
                kind=TransactionKind.TRADE,
                occurred_at=timezone.now() - datetime.timedelta(days=day + 1),
            )
        if name == "Karim Sheikh":
            contact.tags.add(vip)

    client("Rahim Uddin", "BD", trades=5, language="bn")  # trades often: in
    client("Karim Sheikh", "BD")  # VIP: in
    client("Nasrin Akter", "BD", trades=1)  # neither
    client("Sunita Rao", "IN", trades=9)  # not in Bangladesh

    make_template(
        marketer,
        en=("Market notes for {{ contact.first_name }}", "Read https://padma.example/notes"),
        bn=("{{ contact.first_name }}, এই সপ্তাহের বাজার", "পড়ুন https://padma.example/notes"),
    )
    make_sender(name="Padma Securities")

    with browser_page() as page:
        sign_in(page, live_server.url, "farhana", then="/marketing/")
        # (The starter segments a migration adds are not here: browser tests empty the database.)
        expect(page.get_by_role("heading", name="Segments")).to_be_visible()
        page.get_by_role("link", name="New segment").click()
        page.get_by_label("Name", exact=True).fill("Active or VIP in Bangladesh")
        count = page.locator("#rule-count")
        expect(count).to_have_text("4")

        def redrawn(selector: str) -> None:
            """Wait for the builder to be drawn again with ``selector`` in it, and wired up."""
            page.locator(selector).wait_for()
            settled(page)

        page.locator("#r\\.0-field").select_option("country")
        redrawn("#r\\.0-value")
        page.locator("#r\\.0-value").select_option(["BD"])
        expect(count).to_have_text("3")

        page.get_by_role("button", name="Add a group").click()
        redrawn("#r\\.1-match")
        page.locator("#r\\.1\\.0-field").select_option("trades")
        redrawn("#r\\.1\\.0-days")
        page.locator("#r\\.1\\.0-value").fill("3")
        page.locator("#r\\.1\\.0-days").fill("30")
        page.locator("#r\\.1\\.0-days").press("Tab")
        expect(count).to_have_text("1")  # Rahim only: VIP is not asked yet

        inner = page.locator(".rule-group .rule-group")
        inner.get_by_role("button", name="Add a condition").click()
        redrawn("#r\\.1\\.1-field")
        page.locator("#r\\.1\\.1-field").select_option("tags")
        redrawn("#r\\.1\\.1-value")
        expect(page.locator("#r\\.1-match")).to_have_value("any")  # a new group: "any of these"
        page.locator("#r\\.1\\.1-value").select_option(["VIP"])
        expect(count).to_have_text("2")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "segment-builder.png"), full_page=True)

        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("heading", name="Active or VIP in Bangladesh")).to_be_visible()
        expect(page.locator("#segment-count")).to_have_text("2")
        page.get_by_role("link", name="Open in the contact list").click()
        rows = page.locator("#contact-results tbody tr")
        expect(rows).to_have_count(2)
        expect(rows.first).to_contain_text("Karim Sheikh")
        expect(rows.nth(1)).to_contain_text("Rahim Uddin")

        page.goto(f"{live_server.url}/marketing/campaigns/")
        page.get_by_role("link", name="New campaign").click()
        page.get_by_label("Name", exact=True).fill("Weekly notes")
        page.get_by_label("Segment").select_option(label="Active or VIP in Bangladesh")
        page.get_by_label("Template").select_option(label="Template 1")
        page.get_by_label("From").select_option(label="Padma Securities <news@padma.example>")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("heading", name="Weekly notes")).to_be_visible()

        page.get_by_label("Send a test to").fill("farhana@padma.example")
        page.get_by_role("button", name="Send the test").click()
        expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text(
            "farhana@padma.example"
        )
        page.get_by_role("button", name="Send now").click()
        expect(page.locator("body")).to_contain_text("Weekly notes")

    [test] = smtp_settings.messages
    assert test.recipients == ["farhana@padma.example"]
    assert test.message["Subject"].startswith("[Test] ")

    # The worker's part: fix the audience and send.
    campaign = Campaign.objects.get(name="Weekly notes")
    assert tasks.launch_campaign.call(campaign.pk) == 1  # Karim never agreed
    tasks.send_campaign.call(campaign.pk)
    [mail] = smtp_settings.messages[1:]
    assert mail.recipients == ["rahim@example.com"]
    assert mail.message["Subject"] == "Rahim, এই সপ্তাহের বাজার"

    with browser_page() as page:
        sign_in(page, live_server.url, "farhana", then=f"/marketing/campaigns/{campaign.pk}/")
        expect(page.locator("#recipients, body").first).to_contain_text("rahim@example.com")
        page.screenshot(path=str(ARTIFACTS / "campaign-sent.png"), full_page=True)

    segment = Segment.objects.get(name="Active or VIP in Bangladesh")
    assert segment.rules["conditions"][1] == {
        "match": "any",
        "conditions": [
            {"field": "trades", "op": "at_least", "value": 3, "days": 30},
            {"field": "tags", "op": "has_any", "value": ["VIP"]},
        ],
    }
