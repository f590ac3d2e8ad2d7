"""The contact list: filtered as you type, one page at a time, in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.tests.list_queries import list_queries

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
    # The session, the user, the page and the count (on PostgreSQL, the planner's estimate
    # first: core/counting.py). Role, permissions and teams come with the session
    # (core/access.py); custom fields, the tags offered and the people contacts can be handed to
    # come from the cache (core/cached.py).
    with django_assert_max_num_queries(list_queries(4)):
        response = client.get(reverse("contacts:list"))
    assert response.status_code == 200


def test_next_page_links_walk_every_contact_once(client, people, teams, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sampark.contacts.views.PAGE_SIZE", 7)
    for n in range(20):
        ContactFactory(owner=people["agent"], team=teams[0], display_name=f"Client {n % 5}")
    client.force_login(people["agent"])
    seen: list[int] = []
    url: str | None = reverse("contacts:list")
    while url:
        response = client.get(url)
        seen += [c.pk for c in response.context["page"].items]
        url = response.context["next_url"]
    assert len(seen) == len(set(seen)) == 20


def test_stage_filter_and_sort(client, people, teams):  # type: ignore[no-untyped-def]
    ContactFactory(
        owner=people["agent"], team=teams[0], display_name="B", lifecycle_stage="customer"
    )
    ContactFactory(owner=people["agent"], team=teams[0], display_name="A", lifecycle_stage="lead")
    ContactFactory(
        owner=people["agent"], team=teams[0], display_name="C", lifecycle_stage="customer"
    )
    client.force_login(people["agent"])
    customers = client.get(reverse("contacts:list"), {"stage": "customer"}).context["page"].items
    assert [c.display_name for c in customers] == ["B", "C"]
    by_stage = client.get(reverse("contacts:list"), {"sort": "stage"}).context["page"].items
    assert [c.lifecycle_stage for c in by_stage] == ["customer", "customer", "lead"]


def test_large_lists_are_counted_only_up_to_a_cap(client, people, teams, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sampark.contacts.views.COUNT_CAP", 10)
    for _ in range(12):
        ContactFactory(owner=people["agent"], team=teams[0])
    client.force_login(people["agent"])
    assert "More than 10 contacts" in client.get(reverse("contacts:list")).content.decode()


def test_a_tampered_cursor_starts_from_the_first_page(client, people, teams):  # type: ignore[no-untyped-def]
    ContactFactory(owner=people["agent"], team=teams[0], display_name="Asha")
    client.force_login(people["agent"])
    response = client.get(reverse("contacts:list"), {"cursor": "not-a-cursor"})
    assert response.status_code == 200
    assert [c.display_name for c in response.context["page"].items] == ["Asha"]


@pytest.mark.parametrize("sort", ["name", "updated", "stage", "cf_branch"])
def test_every_column_in_every_sort_reads_no_row_twice(
    client, people, teams, monkeypatch, sort, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    """The page reads only the fields its columns show (contacts.lists.list_fields); a column
    or a sort that needed one left out would cost a query per row or for the next page's link."""
    from sampark.customfields.models import FieldKind
    from sampark.customfields.tests.factories import define

    monkeypatch.setattr("sampark.contacts.views.PAGE_SIZE", 7)
    define(FieldKind.TEXT, "branch", label="Branch")
    for n in range(10):
        ContactFactory(
            owner=people["agent"],
            team=teams[0],
            email=f"client{n}@example.com",
            source="Referral fair",
            custom={"branch": f"Branch {n}"},
        )
    client.force_login(people["agent"])
    every = ["stage", "email", "phone", "company", "country", "language", "source", "owner"]
    client.post(
        reverse("listviews:columns", args=["contacts"]),
        {"columns": [*every, "updated", "cf_branch"]},
    )
    client.get(reverse("contacts:list"), {"sort": sort})  # warm the session and the caches

    with django_assert_max_num_queries(list_queries(4)):
        response = client.get(reverse("contacts:list"), {"sort": sort})

    body = response.content.decode()
    assert response.context["next_url"]
    shown = response.context["page"].items[0]
    assert f"<td>{shown.email}</td>" in body
    assert f"<td>{shown.custom['branch']}</td>" in body
    assert "<td>Referral fair</td>" in body
