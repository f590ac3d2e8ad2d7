"""The embed script reports each page view with its stamp request, under the browser's random
visitor id; a form sent from that browser makes its visits the lead's, and they count in its
score. Only the form's own websites may report, once per page per half hour, within a limit."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from sampark.leads import capture
from sampark.leads.models import Lead, Visit, WebForm
from sampark.leads.tests.factories import make_web_form
from sampark.scoring.tests.factories import make_rule

pytestmark = pytest.mark.django_db

SHOP = "https://shop.example.com"
VISITOR = "Zk3x9Qp2LmN8vB4tR7wY1sD6hJ0cF5gA"


@pytest.fixture
def form(people) -> WebForm:  # type: ignore[no-untyped-def]
    return make_web_form(
        people["manager"], owner=people["agent"], asked=["email"], allowed_origins=SHOP
    )


def page_view(client, form, page=f"{SHOP}/savings", visitor=VISITOR, origin=SHOP):  # type: ignore[no-untyped-def]
    response = client.get(
        reverse("web_form_stamp", args=[form.public_token]),
        {"visitor": visitor, "page": page},
        headers={"Origin": origin},
    )
    assert response.status_code == 200
    assert response.json()["stamp"]  # the stamp is given whatever becomes of the visit
    return response


def send(client, form, **values):  # type: ignore[no-untyped-def]
    with freeze_time(timezone.now() - datetime.timedelta(seconds=30)):
        stamp = capture.issue_stamp(form)
    data = {"name": "Rahima", "email": "rahima@example.com", capture.STAMP_FIELD: stamp, **values}
    return client.post(
        reverse("web_form_page", args=[form.public_token]), data, headers={"Origin": SHOP}
    )


def test_each_page_is_a_visit_once_per_half_hour(client, form):  # type: ignore[no-untyped-def]
    page_view(client, form)
    page_view(client, form)  # a reload
    page_view(client, form, page=f"{SHOP}/contact")
    with freeze_time(timezone.now() + datetime.timedelta(minutes=31)):
        page_view(client, form)

    assert Visit.objects.filter(visitor=VISITOR).count() == 3


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"origin": "https://elsewhere.example"}, "another website"),
        ({"visitor": "short"}, "not an id the script makes"),
        ({"visitor": "x" * 30 + "<script>"}, "not an id the script makes"),
        ({"page": "javascript:alert(1)"}, "not a web page"),
    ],
)
def test_what_is_not_a_visit_to_the_form_s_website_is_not_noted(client, form, changes, why):  # type: ignore[no-untyped-def]
    page_view(client, form, **changes)

    assert not Visit.objects.exists(), why


def test_a_flood_of_page_views_is_not_noted(client, form, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(capture, "VISITS_PER_ADDRESS", capture.Limit(3, 60))
    for n in range(5):
        page_view(client, form, page=f"{SHOP}/page{n}")

    assert Visit.objects.count() == 3


def test_the_form_sent_from_that_browser_makes_the_visits_the_lead_s(client, form):  # type: ignore[no-untyped-def]
    make_rule(field="visits", operator="at_least", value="2", points=30)
    page_view(client, form)

    send(client, form, **{capture.VISITOR_FIELD: VISITOR})

    lead = Lead.objects.get()
    assert lead.visitor == VISITOR
    assert lead.score == 0  # one visit so far

    page_view(client, form, page=f"{SHOP}/pricing")  # back on the site: the lead is rescored

    lead.refresh_from_db()
    assert lead.score == 30


def test_a_forged_visitor_id_is_dropped_not_refused(client, form):  # type: ignore[no-untyped-def]
    send(client, form, **{capture.VISITOR_FIELD: "not an id"})

    assert Lead.objects.get().visitor == ""


def test_visits_after_the_lead_was_converted_do_not_count(client, form, people):  # type: ignore[no-untyped-def]
    from sampark.scoring.behaviour import visits

    page_view(client, form)
    send(client, form, **{capture.VISITOR_FIELD: VISITOR})
    lead = Lead.objects.get()
    Lead.objects.filter(pk=lead.pk).update(converted_at=timezone.now())
    with freeze_time(timezone.now() + datetime.timedelta(hours=1)):
        page_view(client, form, page=f"{SHOP}/login")
    lead.refresh_from_db()

    assert visits([lead]) == {lead.pk: 1}
