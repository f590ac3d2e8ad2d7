"""In a real Chromium: drag a deal card with the mouse to the next stage, and move another with
the keyboard alternative (the card's "Move to" list); the columns' counts and totals follow, the
stages are stored and the forecast's weighted pipeline changes, all under the strict CSP."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from sampark.core.roles import Role
from sampark.core.tests.factories import TeamFactory, make_user
from sampark.sales.forecast import period_start
from sampark.sales.models import Deal, PeriodKind
from sampark.sales.tests.factories import make_deal, make_pipeline
from tests.browser.chromium import ARTIFACTS, browser_page, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]


@pytest.fixture
def board():  # type: ignore[no-untyped-def]
    user = make_user(Role.AGENT, TeamFactory(name="Chattogram desk"), username="farhana")
    pipeline = make_pipeline("Wealth desk")
    # Closing this quarter, so the forecast counts them (weighted by their stages' 10/50/80 %).
    close = period_start(timezone.localdate(), PeriodKind.QUARTER) + timedelta(days=45)
    tea = make_deal(
        user, pipeline, name="Tea estate", amount=Decimal("500000"), expected_close=close
    )
    jute = make_deal(
        user, pipeline, name="Jute mill", amount=Decimal("200000"), expected_close=close
    )
    return pipeline, list(pipeline.stages.all()), tea, jute


def test_drag_a_deal_to_the_next_stage_and_move_another_with_the_keyboard(live_server, board):  # type: ignore[no-untyped-def]
    pipeline, (qualified, proposal, negotiation), tea, jute = board
    violations: list[str] = []
    with browser_page() as page:
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        from playwright.sync_api import expect

        # The current quarter's weighted pipeline: 10 % of 5,00,000 and of 2,00,000.
        sign_in(page, live_server.url, "farhana", then="/sales/forecast/?period=quarter")
        weighted = page.locator("table.data tbody tr").nth(2).locator("td").nth(4)
        expect(weighted).to_contain_text("70,000.00")
        page.goto(f"{live_server.url}/sales/pipelines/{pipeline.pk}/board/")
        first = page.locator(f"#column-head-{qualified.pk}")
        second = page.locator(f"#column-head-{proposal.pk}")
        expect(first).to_contain_text("2 deals")
        expect(first).to_contain_text("7,00,000.00")
        expect(second).to_contain_text("0 deals")

        # With the mouse: from the card's amount (the name is a link) to the next column.
        card = page.locator(f"#deal-{tea.pk}")
        target = page.locator(f"#cards-{proposal.pk}")
        box, drop = card.locator(".deal-card-amount").bounding_box(), target.bounding_box()
        page.mouse.move(box["x"] + 10, box["y"] + 5)
        page.mouse.down()
        page.mouse.move(box["x"] + 40, box["y"] + 40, steps=5)
        page.mouse.move(drop["x"] + drop["width"] / 2, drop["y"] + 20, steps=15)
        page.mouse.up()

        expect(second).to_contain_text("1 deal")
        expect(second).to_contain_text("5,00,000.00")
        expect(first).to_contain_text("1 deal")
        expect(first).to_contain_text("2,00,000.00")
        expect(page.locator("#board-status")).to_contain_text("Moved “Tea estate” to Proposal.")
        expect(target.locator(f"#deal-{tea.pk}")).to_be_visible()

        # With the keyboard: the other card's "Move to" list and its button.
        move_to = page.get_by_label("Move Jute mill to")
        move_to.focus()
        move_to.select_option(label="Negotiation")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(page.locator(f"#cards-{negotiation.pk}").locator(f"#deal-{jute.pk}")).to_be_visible()
        expect(page.locator(f"#column-head-{negotiation.pk}")).to_contain_text("1 deal")
        expect(first).to_contain_text("0 deals")
        page.screenshot(path=str(ARTIFACTS / "deal-board-after-moves.png"), full_page=True)

        # The forecast follows: 50 % of 5,00,000 and 80 % of 2,00,000.
        page.goto(f"{live_server.url}/sales/forecast/?period=quarter")
        expect(weighted).to_contain_text("4,10,000.00")
        page.screenshot(path=str(ARTIFACTS / "forecast-after-moves.png"), full_page=True)

    assert violations == []
    assert Deal.objects.get(pk=tea.pk).stage == proposal
    assert Deal.objects.get(pk=jute.pk).stage == negotiation
