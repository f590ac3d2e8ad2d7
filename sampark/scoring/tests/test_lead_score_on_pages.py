"""The score on the lead pages: the lead's page loads its score section (who may see the lead
may see its score; a lead of another team is 404), and the list sorts by score and keeps leads
scored at least so much."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.leads.tests.factories import make_lead
from sampark.scoring.tests.factories import make_rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(people, teams):  # type: ignore[no-untyped-def]
    make_rule(field="job_title", operator="contains", value="director", points=40)
    make_rule(field="country", operator="equals", value="BD", points=-10, name="Home market")
    return make_lead(people["agent"], team=teams[0], job_title="IT Director", country="BD")


@pytest.mark.parametrize("role", ["admin", "manager", "agent", "colleague", "reader"])
def test_whoever_sees_the_lead_sees_its_score_and_factors(client, people, lead, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    page = client.get(reverse("leads:detail", args=[lead.pk])).content.decode()
    section = client.get(reverse("scoring:lead", args=[lead.pk]))

    assert f'hx-get="{reverse("scoring:lead", args=[lead.pk])}"' in page
    assert section.status_code == 200
    text = section.content.decode()
    assert '<span class="stat">30</span>' in text
    assert "From your scoring rules." in text
    assert "Job title contains “director”" in text
    assert "Home market" in text
    assert "+40" in text
    assert "\u221210" in text


def test_another_teams_lead_and_its_score_are_not_found(client, people, lead):  # type: ignore[no-untyped-def]
    client.force_login(people["outsider"])

    assert client.get(reverse("scoring:lead", args=[lead.pk])).status_code == 404
    assert client.get(reverse("scoring:lead", args=[lead.pk + 1000])).status_code == 404


def test_signed_out_visitors_get_no_score(client, lead):  # type: ignore[no-untyped-def]
    assert client.get(reverse("scoring:lead", args=[lead.pk])).status_code == 302


def test_an_unscored_lead_says_how_it_could_be(client, people):  # type: ignore[no-untyped-def]
    lead = make_lead(people["agent"])
    client.force_login(people["agent"])

    text = client.get(reverse("scoring:lead", args=[lead.pk])).content.decode()

    assert "Not scored." in text
    assert "An admin can add scoring rules" in text


def _names(response):  # type: ignore[no-untyped-def]
    return [lead.name for lead in response.context["page"].items]


def test_the_list_sorts_by_score_with_the_unscored_last(client, people, teams):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    make_lead(agent, team=teams[0], name="Unscored")
    make_rule(field="job_title", operator="contains", value="director", points=40)
    make_rule(field="job_title", operator="contains", value="head", points=70)
    make_lead(agent, team=teams[0], name="Director", job_title="Director")
    make_lead(agent, team=teams[0], name="Head", job_title="Head of IT")
    make_lead(agent, team=teams[0], name="Nobody", job_title="Clerk")
    client.force_login(agent)
    url = reverse("leads:list")

    assert _names(client.get(url)) == ["Nobody", "Head", "Director", "Unscored"]
    by_score = client.get(url, {"sort": "score"})
    assert _names(by_score) == ["Head", "Director", "Nobody", "Unscored"]
    assert 'aria-sort="descending"' in by_score.content.decode()
    assert _names(client.get(url, {"sort": "score", "min_score": "40"})) == ["Head", "Director"]
    assert _names(client.get(url, {"min_score": "not a number"})) == [
        "Nobody",
        "Head",
        "Director",
        "Unscored",
    ]


def test_the_sorted_list_pages_by_cursor_without_repeats(client, people, teams):  # type: ignore[no-untyped-def]
    make_rule(field="email", operator="is_set", points=10)
    for n in range(55):
        make_lead(people["agent"], team=teams[0], name=f"Lead {n}", email=f"l{n}@example.com")
    client.force_login(people["agent"])

    first = client.get(reverse("leads:list"), {"sort": "score"})
    second = client.get(first.context["next_url"])

    assert len(_names(first)) == 50
    assert len(set(_names(first)) | set(_names(second))) == 55


def test_the_score_header_keeps_the_filters(client, people, lead):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    page = client.get(reverse("leads:list"), {"status": "new"}).content.decode()

    assert 'href="/leads/?status=new&amp;sort=score"' in page
