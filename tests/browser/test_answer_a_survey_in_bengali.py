"""In real Chromium: a client answers an NPS survey on its public page in Bengali, with no
sign-in; her low score opens a call-back task for her adviser; the marketer then sees the score
and its chart among the other answers."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from sampark.agenda.models import Task
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.marketing import actions_surveys, surveys
from sampark.marketing.models import InvitationSource, SurveyKind
from tests.browser.chromium import ARTIFACTS, browser_page, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]


def test_a_client_answers_in_bengali_and_the_marketer_sees_the_score(live_server):  # type: ignore[no-untyped-def]
    marketer = make_user(Role.MANAGER, username="farhana")
    survey = actions_surveys.save_survey(
        None,
        by=marketer,
        values={
            "kind": SurveyKind.NPS,
            "name": "Quarterly NPS",
            "key": "nps_q4",
            "default_language": "en",
            "is_active": True,
        },
        questions=[],
    )
    [score] = survey.questions.filter(is_score=True)
    for n, given in enumerate((10, 9, 9, 8, 2)):  # 3 promoters, 1 passive, 1 detractor
        contact = ContactFactory(owner=marketer, display_name=f"Client {n}")
        invitation = surveys.invite(survey, contact, InvitationSource.MANUAL)
        surveys.record_answers(invitation, {score.pk: str(given)})
    nasrin = ContactFactory(owner=marketer, display_name="নাসরিন আক্তার", language="bn")
    link = surveys.answer_url(surveys.invite(survey, nasrin, InvitationSource.MANUAL))
    path = link.split("://", 1)[1].split("/", 1)[1]

    with browser_page() as page:
        page.goto(f"{live_server.url}/{path}")
        expect(page.locator("html")).to_have_attribute("lang", "bn")
        page.get_by_role("radio", name="৩").check()  # Bengali digits on the scale
        page.get_by_role("button").last.click()
        expect(page.locator("main, body").first).to_contain_text("আপনার উত্তরগুলো সংরক্ষিত হয়েছে")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "survey-answered-bn.png"), full_page=True)

        sign_in(page, live_server.url, "farhana", then=f"/marketing/surveys/{survey.pk}/")
        # 3 promoters, 1 passive, 2 detractors of 6: (3 - 2) / 6 = 17.
        expect(page.locator("#nps-score")).to_have_text("17")
        expect(page.locator("figure svg[role=img]").first).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "survey-results.png"), full_page=True)

    task = Task.objects.get(contact=nasrin)
    assert task.owner == marketer
