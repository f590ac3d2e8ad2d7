"""The contact list: filtered as you type, one page at a time, in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_filter_as_you_type_returns_only_the_results(client, people, teams):  # type: ignore[no-untyped-def]
    ContactFactory(owner=people["agent"], team=teams[0], display_name="রবীন্দ্র চক্রবর্তী")
    ContactFactory(owner=people["agent"], team=teams[0], display_name="Meera Nair")
    client.force_login(people["agent"])
    response = client.get(reverse("contacts:list"), {"q": "রবীন্দ্র"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert "রবীন্দ্র চক্রবর্তী" in body
    assert "Meera Nair" not in body
    assert "HX-Request" in response["Vary"]


def test_history_restore_gets_the_whole_page(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    response = client.get(
        reverse("contacts:list"),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()


def test_list_query_count_does_not_grow_with_the_page(
    client, people, teams, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    owners = [people["agent"], people["colleague"], people["manager"]]
    for n in range(40):
        ContactFactory(owner=owners[n % 3], team=teams[0])
    client.force_login(people["agent"])
    client.get(reverse("contacts:list"))  # warm the session and permission caches
    with django_assert_max_num_queries(8):
        response = client.get(reverse("contacts:list"))
    assert response.status_code == 200
