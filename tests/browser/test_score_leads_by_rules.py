"""In a real Chromium: an admin adds a scoring rule in Settings → Lead scoring, and a lead's page
then loads its score section (htmx, under the CSP) with the rule that moved it."""

from __future__ import annotations

import pytest

from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.leads.tests.factories import make_lead
from tests.browser.chromium import ARTIFACTS, browser_page, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]


def test_an_admin_adds_a_rule_and_the_lead_page_explains_the_score(live_server, settings):  # type: ignore[no-untyped-def]
    # No worker runs here: the rescoring a new rule enqueues runs as it is enqueued.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    admin = make_user(Role.ADMIN, username="nusrat")
    lead = make_lead(admin, name="Farhana Akter", job_title="Finance Director", country="BD")
    violations: list[str] = []
    with browser_page() as page:
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        sign_in(page, live_server.url, "nusrat", then="/settings/lead-scoring/")
        page.get_by_label("Looks at").select_option(label="Job title")
        page.get_by_label("Condition").select_option(label="contains")
        page.get_by_label("Value").fill("director")
        page.get_by_label("Points").fill("15")
        page.get_by_role("button", name="Add the rule").click()
        page.get_by_text("The rule was added").wait_for()
        assert page.get_by_role("link", name="Job title contains “director”").is_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "lead-scoring-settings.png"), full_page=True)

        page.goto(f"{live_server.url}/leads/{lead.pk}/")
        section = page.locator("#lead-score")
        section.get_by_text("From your scoring rules.").wait_for()
        assert section.locator(".stat").inner_text() == "15"
        assert "Job title contains “director”" in section.inner_text()
        page.screenshot(path=str(ARTIFACTS / "lead-score.png"), full_page=True)
    assert violations == []
