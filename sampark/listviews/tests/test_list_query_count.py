"""Column choice and saved views cost the list pages no query; applying a view costs one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.core.tests.list_queries import list_queries
from sampark.customfields.models import FieldKind
from sampark.customfields.tests.factories import define
from sampark.listviews.tests.factories import saved_view

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_list(people, teams):  # type: ignore[no-untyped-def]
    """Forty contacts, chosen columns (a custom one among them), and views of every sharing."""
    define(FieldKind.TEXT, "branch", label="Branch")
    owners = [people["agent"], people["colleague"], people["manager"]]
    for n in range(40):
        ContactFactory(owner=owners[n % 3], team=teams[0], custom={"branch": f"B{n}"})
    agent = people["agent"]
    saved_view(agent, "Mine", query="stage=lead", columns=["email", "cf_branch"])
    saved_view(people["manager"], "Everyone's", visibility="everyone")
    return saved_view(agent, "Team", visibility="team", team=teams[0], query="sort=updated")


def test_the_contact_list_with_chosen_columns_and_views_stays_at_four_queries(
    client, people, busy_list, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    client.post(
        reverse("listviews:columns", args=["contacts"]),
        {"columns": ["cf_branch", "country", "source", "language", "owner"]},
    )
    client.get(reverse("contacts:list"))  # warm the session and the caches

    # The session, the user, the page and the count, as without views (see contacts' test).
    with django_assert_max_num_queries(list_queries(4)):
        response = client.get(reverse("contacts:list"))

    assert len(response.context["list_state"].choices) == 3
    assert "<td>B" in response.content.decode()  # the custom column is shown


def test_applying_a_view_reads_the_view_and_nothing_more(
    client, people, busy_list, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    client.force_login(people["colleague"])
    client.get(reverse("contacts:list"), {"view": busy_list.pk})

    with django_assert_max_num_queries(list_queries(5)):
        response = client.get(reverse("contacts:list"), {"view": busy_list.pk})

    assert response.context["list_state"].view == busy_list


def test_the_company_list_with_views_reads_no_more_than_before(
    client, people, teams, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    for _n in range(20):
        CompanyFactory(owner=people["agent"], team=teams[0])
    saved_view(people["agent"], "Firms", list_name="companies")
    client.force_login(people["agent"])
    client.get(reverse("contacts:companies"))

    # The session, the user, the count and the page.
    with django_assert_max_num_queries(4):
        client.get(reverse("contacts:companies"))
