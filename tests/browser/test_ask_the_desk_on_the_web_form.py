"""In a real Chromium, under the strict CSP: a client typing into the public ticket form sees
help centre articles that may answer them, then sends the form and gets their ticket number."""

from __future__ import annotations

import pytest

from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.service.models import Ticket, TicketChannel
from sampark.service.tests.knowledge_factories import make_article
from tests.browser.chromium import browser_page, requires_chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]


def test_articles_appear_while_typing_and_the_form_opens_a_ticket(live_server):  # type: ignore[no-untyped-def]
    admin = make_user(Role.ADMIN, username="admin")
    make_article(
        admin, title="Reset your card PIN", body="Open the app, choose Cards, then Reset PIN."
    )

    with browser_page() as page:
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.goto(f"{live_server.url}/support/new/")
        page.get_by_label("Subject").press_sequentially("card PIN")
        page.locator("#help-suggestions a", has_text="Reset your card PIN").wait_for()
        page.get_by_label("Your name").fill("Meera Nair")
        page.get_by_label("Email").fill("meera@example.in")
        page.get_by_label("How can we help?").fill("I forgot the PIN of my card.")
        page.wait_for_timeout(3000)  # a person takes longer than the stamp's few seconds
        page.get_by_role("button", name="Send").click()
        number = page.locator("strong").first
        number.wait_for()
        shown = number.inner_text()
        assert not problems, problems  # nothing refused by the CSP, no script errors

    ticket = Ticket.objects.get()
    assert shown == f"#{ticket.pk}"
    assert (ticket.channel, ticket.requester.email) == (TicketChannel.WEB, "meera@example.in")  # type: ignore[union-attr]
