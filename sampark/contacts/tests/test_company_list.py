"""The company list: filtered as you type, with each company's people counted in the same query."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.models import Affiliation
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_each_companys_fields_and_people_count(client, people, teams):
    company = CompanyFactory(
        owner=people["agent"],
        team=teams[0],
        name="Padma Textiles",
        domain="padmatex.com.bd",
        industry="Garments",
        size="51-250",
        country="BD",
    )
    for _n in range(3):
        Affiliation.objects.create(company=company, contact=ContactFactory(owner=people["agent"]))
    client.force_login(people["agent"])

    body = client.get(reverse("contacts:companies")).content.decode()

    for text in ("Padma Textiles", "padmatex.com.bd", "Garments", "51 to 250 people", "Bangladesh"):
        assert text in body
    assert str(people["agent"]) in body
    assert '<td class="num">3</td>' in body


def test_people_the_user_may_not_see_are_not_counted(client, people, teams):
    company = CompanyFactory(owner=people["agent"], team=teams[0])
    dhaka, mumbai = (
        ContactFactory(owner=people["agent"], team=teams[0]),
        ContactFactory(owner=people["outsider"], team=teams[1]),
    )
    Affiliation.objects.create(company=company, contact=dhaka)
    Affiliation.objects.create(company=company, contact=mumbai)
    client.force_login(people["colleague"])

    body = client.get(reverse("contacts:companies")).content.decode()

    assert '<td class="num">1</td>' in body


def test_another_teams_companies_are_not_listed(client, people, teams):
    CompanyFactory(owner=people["agent"], team=teams[0], name="Dhaka Jute")
    CompanyFactory(owner=people["outsider"], team=teams[1], name="Mumbai Spices")
    client.force_login(people["outsider"])

    body = client.get(reverse("contacts:companies")).content.decode()

    assert "Mumbai Spices" in body
    assert "Dhaka Jute" not in body


def test_filter_as_you_type_returns_only_the_results(client, people, teams):
    CompanyFactory(owner=people["agent"], team=teams[0], name="গ্রামীণ টেলিকম")
    CompanyFactory(owner=people["agent"], team=teams[0], name="Tata Motors", domain="tata.com")
    client.force_login(people["agent"])

    response = client.get(
        reverse("contacts:companies"), {"q": "tata.c"}, headers={"HX-Request": "true"}
    )

    body = response.content.decode()
    assert "<html" not in body
    assert "Tata Motors" in body
    assert "গ্রামীণ টেলিকম" not in body
    assert "HX-Request" in response["Vary"]


def test_history_restore_gets_the_whole_page(client, people):
    client.force_login(people["agent"])

    response = client.get(
        reverse("contacts:companies"),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )

    assert "<html" in response.content.decode()


def test_the_list_is_paged_fifty_at_a_time(client, people, teams):
    for n in range(51):
        CompanyFactory(owner=people["agent"], team=teams[0], name=f"Company {n:02}")
    client.force_login(people["agent"])

    first = client.get(reverse("contacts:companies")).content.decode()
    second = client.get(reverse("contacts:companies"), {"page": 2}).content.decode()

    assert "Company 49" in first
    assert "Company 50" not in first
    assert "Company 50" in second


def test_list_query_count_does_not_grow_with_the_rows(
    client, people, teams, django_assert_max_num_queries
):
    owners = [people["agent"], people["colleague"], people["manager"]]
    for n in range(40):
        company = CompanyFactory(owner=owners[n % 3], team=teams[0])
        Affiliation.objects.create(company=company, contact=ContactFactory(owner=owners[n % 3]))
    client.force_login(people["agent"])
    client.get(reverse("contacts:companies"))  # warm the session and permission caches

    with django_assert_max_num_queries(8):
        response = client.get(reverse("contacts:companies"))

    assert response.status_code == 200
