"""The lead list: filters by status, source and owner, search in any script, pages by cursor."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.leads import views
from sampark.leads.models import LeadStatus
from sampark.leads.tests.factories import make_lead

pytestmark = pytest.mark.django_db


@pytest.fixture
def leads(people, teams):  # type: ignore[no-untyped-def]
    return {
        "web": make_lead(people["agent"], team=teams[0], name="রহিমা খাতুন", source="web_form"),
        "call": make_lead(
            people["colleague"],
            team=teams[0],
            name="Anil Kumar",
            email="anil@example.in",
            phone="+919876543210",
            source="phone",
            status=LeadStatus.QUALIFIED,
        ),
    }


def names(response) -> set[str]:  # type: ignore[no-untyped-def]
    return {lead.name for lead in response.context["page"].items}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"রহিমা খাতুন", "Anil Kumar"}),
        ({"status": "qualified"}, {"Anil Kumar"}),
        ({"status": "open"}, {"রহিমা খাতুন", "Anil Kumar"}),
        ({"source": "web_form"}, {"রহিমা খাতুন"}),
        ({"owner": "me"}, {"রহিমা খাতুন"}),
        ({"q": "রহিমা"}, {"রহিমা খাতুন"}),
        ({"q": "098765 43210"}, {"Anil Kumar"}),
        ({"q": "ANIL@"}, {"Anil Kumar"}),
    ],
)
def test_the_filters_keep_what_they_say(client, people, leads, params, expected):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.get(reverse("leads:list"), params)

    assert names(response) == expected
    assert response.context["count"] == len(expected)


def test_htmx_gets_the_results_alone(client, people, leads):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.get(reverse("leads:list"), {"q": "Anil"}, headers={"HX-Request": "true"})

    assert "<html" not in response.content.decode()
    assert "Anil Kumar" in response.content.decode()


def test_long_lists_page_by_cursor_and_say_more_than(client, people, teams, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(views, "COUNT_CAP", 3)
    for n in range(5):
        make_lead(people["agent"], team=teams[0], name=f"Lead {n}", email=f"l{n}@example.com")
    client.force_login(people["agent"])

    first = client.get(reverse("leads:list"))
    second = client.get(first.context["next_url"])

    assert names(first) == {"Lead 4", "Lead 3"}
    assert names(second) == {"Lead 2", "Lead 1"}
    assert first.context["more_than"] is True
    assert "More than" in first.content.decode()
