"""In a real Chromium: a visitor reads two pages of a firm's own website that carry its web form,
then sends the form (the embed script fetching its stamp across origins, and reporting each
page as a visit); the owner finds the lead, with its visits, converts it with a deal in one
step, and its message is on the new contact's timeline — under the CSP."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from django.test import RequestFactory

from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.leads import embed
from sampark.leads.models import Lead, Visit
from sampark.leads.tests.factories import make_web_form
from sampark.sales.tests.factories import make_pipeline
from tests.browser.chromium import browser_page, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]

# Another origin on this machine: a page on a made-up public host may not reach the loopback
# server at all (Chromium's private network protection), which a real CRM on the web is not.
SHOP = "http://localhost:9"


@pytest.fixture
def snippet(live_server):  # type: ignore[no-untyped-def]
    """The firm's contact page, with the code the web form's page gives to paste."""
    admin = make_user(Role.ADMIN, username="nusrat")
    make_pipeline("Savings")
    form = make_web_form(
        admin,
        owner=admin,
        asked=["email", "phone", "company_name", "message"],
        default_country="BD",
        allowed_origins=SHOP,
        thank_you_message="Thank you, we will call you back.",
    )
    host = live_server.url.removeprefix("http://")
    request = RequestFactory().get("/", HTTP_HOST=host)
    return f"<html><body><h1>Contact us</h1>{embed.snippet(request, form)}{embed.script_tag(request)}</body></html>"


def test_a_visitor_sends_the_form_and_the_lead_is_converted(live_server, snippet):  # type: ignore[no-untyped-def]
    violations: list[str] = []
    with browser_page(permissions=["local-network-access"]) as page:
        for path in ("/savings", "/contact?utm_source=facebook&utm_campaign=eid"):
            page.route(
                f"{SHOP}{path}",
                lambda route: route.fulfill(status=200, content_type="text/html", body=snippet),
            )
        page.goto(f"{SHOP}/savings")
        page.wait_for_function("document.querySelector('input[name=sampark_ts]').value !== ''")
        page.goto(f"{SHOP}/contact?utm_source=facebook&utm_campaign=eid")
        stamp = page.locator("input[name=sampark_ts]")
        page.wait_for_function("document.querySelector('input[name=sampark_ts]').value !== ''")
        assert stamp.input_value()
        page.get_by_label("Your name").fill("Karim Uddin")
        page.get_by_label("Email").fill("karim@meghna.com.bd")
        page.get_by_label("Phone").fill("01711-000001")
        page.get_by_label("Company").fill("Meghna Traders")
        page.get_by_label("Message").fill("We want to invest our reserve in Sanchayapatra.")
        time.sleep(3)  # a person takes longer than the stamp's minimum to fill it in
        page.get_by_role("button", name="Send").click()
        page.get_by_text("Thank you, we will call you back.").wait_for()

        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        sign_in(page, live_server.url, "nusrat", then="/leads/")
        page.get_by_role("link", name="Karim Uddin").click()
        page.get_by_text("facebook / — / eid").wait_for()
        page.get_by_role("link", name="Convert").click()
        plan = page.locator("#conversion-plan")
        assert "Will create the contact Karim Uddin." in plan.inner_text()
        assert "Will create the company Meghna Traders." in plan.inner_text()
        page.get_by_label("Also open a deal").check()
        page.get_by_label("Amount").fill(str(Decimal("2500000")))
        page.get_by_role("button", name="Convert").click()

        page.get_by_text("Lead converted.").wait_for()
        page.get_by_role("heading", name="Karim Uddin").wait_for()
        page.locator("#timeline").get_by_text("Sanchayapatra").first.wait_for()
        assert "Meghna Traders" in page.content()
    assert violations == []
    lead = Lead.objects.get()
    assert lead.visitor
    assert sorted(
        Visit.objects.filter(visitor=lead.visitor).values_list("page_url", flat=True)
    ) == [
        f"{SHOP}/contact?utm_source=facebook&utm_campaign=eid",
        f"{SHOP}/savings",
    ]
